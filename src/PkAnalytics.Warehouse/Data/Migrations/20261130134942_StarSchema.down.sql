-- Undoes what 20261130134942_StarSchema.sql created before EF drops the tables.
drop table if exists rm_agency_document;
drop view if exists indicator_target_effective, agency_program_realisation, agency_program_budget, program_root,
    finding_detail, position_tree, budget_allocation_current, indicator_target_current, agreement_version,
    agreement_current;
drop function if exists position_level_rank(text), agreement_in_force(date);
drop trigger if exists etl_inbox_notify on etl_inbox;
drop function if exists etl_inbox_notify();
drop function if exists rm_touch() cascade;

-- Puts back the StarSchema definitions of the two budget views.
create or replace view agency_program_budget as
select agency_id, year, program_id, amount
from (
    select agency_id, year, root_program_id as program_id,
           coalesce(sum(amount) filter (where level = 'program'),
                    sum(amount) filter (where level = 'kegiatan'),
                    sum(amount) filter (where level = 'sub_kegiatan')) as amount,
           bool_or(root_level = 'program') as under_program,
           bool_or(bool_or(root_level = 'program')) over (partition by agency_id, year) as agency_has_programs
    from (
        select a.agency_id, a.year, r.root_program_id, r.root_level, f.level, f.program_id, max(f.amount) as amount
        from agreement_current a
        join fact_budget_allocation f on f.agreement_id = a.agreement_id
        join program_root r on r.program_id = f.program_id
        where a.agency_id is not null and a.year is not null
        group by a.agency_id, a.year, r.root_program_id, r.root_level, f.level, f.program_id
    ) nodes
    group by agency_id, year, root_program_id
) programs
where under_program or not agency_has_programs;

create or replace view agency_program_realisation as
select agency_id, year, root_program_id as program_id,
       coalesce(sum(amount) filter (where level = 'program'),
                sum(amount) filter (where level = 'kegiatan'),
                sum(amount) filter (where level = 'sub_kegiatan')) as amount,
       bool_or(is_sample) as is_sample
from (
    select b.agency_id, b.year, r.root_program_id, p.level, b.amount, b.is_sample
    from fact_budget_realisation b
    join dim_program p on p.program_id = b.program_id
    join program_root r on r.program_id = b.program_id
) entries
group by agency_id, year, root_program_id;

drop view if exists program_line;

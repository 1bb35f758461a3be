-- Load support (issue 4): classification overrides, agreement versions, lineage and inbox notification.
-- Builds on 0001_star_schema.sql without changing it.

-- Where an indicator's category / polarity / aggregation came from: the name rules, an override row, or a
-- person who edited the indicator (then reclassification leaves it alone).
alter table dim_indicator
    add column classification_source text not null default 'rule'
        check (classification_source in ('rule', 'override', 'manual'));

-- Overrides of the classification rules, by normalised indicator name; agency_id null = every agency.
-- A null column keeps what the rules say for that attribute.
create table indicator_classification_override (
    override_id     int generated always as identity primary key,
    agency_id       int references dim_agency,
    normalized_name text not null,
    category        text check (category in ('sakip', 'ikm', 'other')),
    polarity        text check (polarity in ('higher_is_better', 'lower_is_better')),
    aggregation     text check (aggregation in ('kumulatif', 'nilai_akhir')),
    note            text,
    created_at      timestamptz not null default now(),
    unique nulls not distinct (agency_id, normalized_name)
);

-- Lineage: how the document was read.
alter table dim_document
    add column agreement_count int not null default 0,
    add column parser_finding_count int not null default 0;

-- Every agreement version with the span it is in force: an amendment supersedes the earlier version of the same
-- position and year from its date on. is_current agrees with the agreement_current view.
create view agreement_version as
with ordered as (
    select a.*,
           row_number() over w_desc as version_rank,
           row_number() over w_asc  as version_no,
           count(*)     over w_part as version_count
    from agreement a
    window w_part as (partition by coalesce(a.position_id, -a.agreement_id), a.year),
           w_desc as (partition by coalesce(a.position_id, -a.agreement_id), a.year
                      order by a.effective_from desc nulls last, (a.kind = 'amendment') desc, a.agreement_id desc),
           w_asc  as (partition by coalesce(a.position_id, -a.agreement_id), a.year
                      order by a.effective_from asc nulls first, (a.kind = 'amendment') asc, a.agreement_id asc)
)
select o.agreement_id, o.document_id, o.seq, o.agency_id, o.kind, o.year, o.place, o.signed_on_text,
       o.effective_from, o.position_id, o.official_id, o.superior_position_id, o.superior_official_id, o.line,
       o.version_no, o.version_count,
       lead(o.effective_from) over (partition by coalesce(o.position_id, -o.agreement_id), o.year
                                    order by o.version_no) as effective_to,
       lead(o.agreement_id) over (partition by coalesce(o.position_id, -o.agreement_id), o.year
                                  order by o.version_no) as superseded_by,
       o.version_rank = 1 as is_current
from ordered o;

-- Targets of the current version of every agreement (what the dashboard compares realisation against).
create view indicator_target_current as
select f.*, c.agency_id, c.year, c.position_id
from fact_indicator_target f
join agreement_current c on c.agreement_id = f.agreement_id;

create view budget_allocation_current as
select f.*, c.agency_id, c.year, c.position_id
from fact_budget_allocation f
join agreement_current c on c.agreement_id = f.agreement_id;

-- The cascade: every position with its superior, depth from the regency root (the Bupati) and path.
create view position_tree as
with recursive tree as (
    select p.position_id, p.agency_id, p.title, p.level, p.superior_position_id,
           0 as depth, array[p.position_id] as path
    from dim_position p
    where p.superior_position_id is null
    union all
    select c.position_id, c.agency_id, c.title, c.level, c.superior_position_id,
           t.depth + 1, t.path || c.position_id
    from dim_position c
    join tree t on c.superior_position_id = t.position_id
    where not c.position_id = any(t.path)
)
select * from tree;

-- Findings with where they come from, for the dashboard's data-findings page.
create view finding_detail as
select f.finding_id, f.code, f.severity, f.message, f.line,
       d.document_id, d.file_name, d.source_path, d.sha256,
       coalesce(a.agency_id, d.agency_id) as agency_id,
       f.agreement_id, a.year, a.kind, a.position_id
from finding f
join dim_document d on d.document_id = f.document_id
left join agreement a on a.agreement_id = f.agreement_id;

create index finding_agreement on finding (agreement_id);
create index fact_indicator_target_document on fact_indicator_target (document_id);
create index fact_budget_allocation_document on fact_budget_allocation (document_id);
create index agreement_document on agreement (document_id);
create index dim_position_superior on dim_position (superior_position_id);
create index etl_quarantine_sha256 on etl_quarantine (sha256);
create index etl_inbox_processing on etl_inbox (claimed_at) where status = 'processing';

-- Wake the ETL worker when a document lands in the inbox (whoever writes it: the dashboard, psql, a test).
create function etl_inbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('etl_inbox', new.inbox_id::text);
    return null;
end;
$$;

create trigger etl_inbox_notify after insert on etl_inbox
    for each row when (new.status = 'pending') execute function etl_inbox_notify();

-- The part of the star schema EF Core has no words for: calendar rows, views, functions, triggers and the
-- default capaian bands. Carried unchanged from the SQL migrations 0001-0030 that preceded EF (issue 9); run by
-- migration StarSchema after the tables it creates. Grain of every fact and what each view answers:
-- docs/schema.md.

insert into dim_period (period_id, year, quarter, month)
select y * 10000, y, null::int, null::int from generate_series(2015, 2040) y
union all
select y * 10000 + q * 1000, y, q, null::int from generate_series(2015, 2040) y, generate_series(1, 4) q
union all
select y * 10000 + ((m + 2) / 3) * 1000 + m * 10, y, (m + 2) / 3, m
from generate_series(2015, 2040) y, generate_series(1, 12) m;


-- Latest effective version of each position's agreement per year: amendments replace earlier versions from
-- their date on.
create view agreement_current as
select distinct on (coalesce(a.position_id, -a.agreement_id), a.year) a.*
from agreement a
order by coalesce(a.position_id, -a.agreement_id), a.year,
         a.effective_from desc nulls last, (a.kind = 'amendment') desc, a.agreement_id desc;

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

-- Wake the ETL worker when a document lands in the inbox (whoever writes it: the dashboard, psql, a test).
create function etl_inbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('etl_inbox', new.inbox_id::text);
    return null;
end;
$$;

create trigger etl_inbox_notify after insert on etl_inbox
    for each row when (new.status = 'pending') execute function etl_inbox_notify();

-- The agreement version in force on a given day, per position and year: an amendment replaces the earlier
-- version from its date on, so before that date the earlier version is the one in force. agreement_current is
-- the latest version regardless of the day; this answers "which targets applied on 30 June?".
create function agreement_in_force(on_date date) returns setof agreement
language sql stable as $$
    select distinct on (coalesce(a.position_id, -a.agreement_id), a.year) a.*
    from agreement a
    where a.effective_from is null or a.effective_from <= on_date
    order by coalesce(a.position_id, -a.agreement_id), a.year,
             a.effective_from desc nulls last, (a.kind = 'amendment') desc, a.agreement_id desc
$$;

-- Order of position levels, highest first: the agreement of the highest position speaks for an agency.
create function position_level_rank(level text) returns int
language sql immutable parallel safe as $$
    select case level
        when 'bupati' then 0 when 'eselon_ii' then 1 when 'eselon_iii' then 2
        when 'eselon_iv' then 3 when 'staff' then 4 else 5 end
$$;

-- Every budget node with the program at the top of its hierarchy (program -> kegiatan -> sub kegiatan).
-- Agreements of lower positions often list a kegiatan or sub kegiatan without its program, so the loader keeps
-- it as a node without parent; such a root takes the program of a same-named node that has one. A node whose
-- program cannot be found stays its own root (root_level tells).
create view program_root as
with direct as (
    select p.program_id, coalesce(gp.program_id, pp.program_id, p.program_id) as root_program_id
    from dim_program p
    left join dim_program pp on pp.program_id = p.parent_program_id
    left join dim_program gp on gp.program_id = pp.parent_program_id
),
named as (
    select distinct on (o.program_id) o.program_id, d.root_program_id
    from dim_program o
    join dim_program m on m.level = o.level and m.normalized_name = o.normalized_name and m.parent_program_id is not null
    join direct d on d.program_id = m.program_id
    join dim_program r on r.program_id = d.root_program_id and r.level = 'program'
    where o.parent_program_id is null and o.level <> 'program'
    order by o.program_id, d.root_program_id
)
select d.program_id, coalesce(n.root_program_id, d.root_program_id) as root_program_id, r.level as root_level
from direct d
left join named n on n.program_id = d.root_program_id
join dim_program r on r.program_id = coalesce(n.root_program_id, d.root_program_id);

-- Budget of each agency per (conformed) program and year, from the agency's current agreements. The head's
-- agreement and its subordinates' restate the same lines, so a node counts once (its largest amount); a program
-- is its program-level amount, or when no agreement lists the program line itself, the sum of its kegiatan
-- (else of its sub kegiatan). When the agency has program lines, lines whose program is unknown are parts of
-- those programs restated lower down and are not added again.
create view agency_program_budget as
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

-- Budget realisation per agency, program (root) and year, added up the same way as agency_program_budget:
-- program-level entries, else kegiatan, else sub kegiatan.
create view agency_program_realisation as
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

-- The yearly target of each indicator from the current agreements (one row per indicator and year, unlike
-- indicator_target_current of 0010 which has one per agreement row): when several agreements of the agency carry
-- the indicator (head and subordinates), the highest position's row, with a numeric target preferred.
create view indicator_target_effective as
select distinct on (t.indicator_id, a.year)
       a.year, i.agency_id, t.indicator_id, i.name as indicator, i.unit, i.polarity, i.aggregation, i.category,
       t.target_raw, t.target_value, t.target_unit, t.agreement_id, t.document_id, t.line,
       position_level_rank(p.level) as level_rank
from agreement_current a
join fact_indicator_target t on t.agreement_id = a.agreement_id
join dim_indicator i on i.indicator_id = t.indicator_id
left join dim_position p on p.position_id = a.position_id
where a.year is not null
order by t.indicator_id, a.year, position_level_rank(p.level), (t.target_value is null), a.agreement_id, t.seq;

-- Per agency (null: documents whose agency could not be read): documents, findings, last load.
create table rm_agency_document (
    agency_id      int,
    documents      int not null,
    findings       int not null,
    last_loaded_at timestamptz,
    unique nulls not distinct (agency_id)
);

-- One row per statement that changed what the read model is built from. Rows become visible when the writing
-- transaction commits, so the refresher (which deletes the rows it has seen, in the snapshot it rebuilds from)
-- never misses a change; writers only append, so they never wait for each other.
create function rm_touch() returns trigger language plpgsql as $$
begin
    insert into rm_change (table_name) values (tg_table_name);
    return null;
end;
$$;

create trigger rm_touch after insert or update or delete or truncate on dim_agency for each statement execute function rm_touch();

create trigger rm_touch after insert or update or delete or truncate on dim_indicator for each statement execute function rm_touch();

create trigger rm_touch after insert or update or delete or truncate on dim_position for each statement execute function rm_touch();

create trigger rm_touch after insert or update or delete or truncate on dim_program for each statement execute function rm_touch();

create trigger rm_touch after insert or update or delete or truncate on dim_document for each statement execute function rm_touch();

create trigger rm_touch after insert or update or delete or truncate on agreement for each statement execute function rm_touch();

create trigger rm_touch after insert or update or delete or truncate on finding for each statement execute function rm_touch();

create trigger rm_touch after insert or update or delete or truncate on fact_indicator_target for each statement execute function rm_touch();

create trigger rm_touch after insert or update or delete or truncate on fact_budget_allocation for each statement execute function rm_touch();

create trigger rm_touch after insert or update or delete or truncate on fact_indicator_realisation for each statement execute function rm_touch();

create trigger rm_touch after insert or update or delete or truncate on fact_budget_realisation for each statement execute function rm_touch();

create trigger rm_touch after insert or update or delete or truncate on fact_sakip_evaluation for each statement execute function rm_touch();

create trigger rm_touch after insert or update or delete or truncate on fact_ikm_survey for each statement execute function rm_touch();


insert into rm_change (table_name) values ('migration');

insert into capaian_band (effective_from, name, min_inclusive) values
    ('2000-01-01', 'Sangat Tinggi', 91),
    ('2000-01-01', 'Tinggi', 76),
    ('2000-01-01', 'Sedang', 66),
    ('2000-01-01', 'Rendah', 51),
    ('2000-01-01', 'Sangat Rendah', null);

-- Views the dashboard reads (read models over the star schema). They choose rows and add them up; capaian,
-- bands, SAKIP predicates and IKM categories are computed by the Domain rules in C#, never here.

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

create index if not exists fact_budget_realisation_year on fact_budget_realisation (year, agency_id);
create index if not exists fact_indicator_realisation_year on fact_indicator_realisation (year, indicator_id);
create index if not exists fact_ikm_survey_year on fact_ikm_survey (year, agency_id);
create index if not exists dim_document_agency on dim_document (agency_id);

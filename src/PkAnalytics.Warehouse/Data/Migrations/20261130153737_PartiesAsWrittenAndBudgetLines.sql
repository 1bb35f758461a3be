-- Budget lines counted once per agency (issue 12). A subordinate's agreement often restates its superior's
-- kegiatan or sub kegiatan without the program above it; the loader keeps such a line as a node without parent,
-- next to the same-named node that has one. Both are one budget line of the agency: its budget is the line's
-- largest amount, and a month's realisation entered on either node counts once (the larger, when both were
-- entered for the same month).

-- The budget line a program node stands for: a parentless kegiatan / sub kegiatan that has a same-named node of
-- its level with a parent stands for that node (the lowest id when there are several, as program_root picks);
-- every other node stands for itself.
create view program_line as
select o.program_id, coalesce(m.line_program_id, o.program_id) as line_program_id
from dim_program o
left join lateral (
    select min(n.program_id) as line_program_id
    from dim_program n
    where o.parent_program_id is null and o.level <> 'program'
      and n.level = o.level and n.normalized_name = o.normalized_name and n.parent_program_id is not null
) m on true;

-- As in StarSchema, with a node counted per budget line instead of per node.
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
        select a.agency_id, a.year, r.root_program_id, r.root_level, f.level, l.line_program_id, max(f.amount) as amount
        from agreement_current a
        join fact_budget_allocation f on f.agreement_id = a.agreement_id
        join program_line l on l.program_id = f.program_id
        join program_root r on r.program_id = l.line_program_id
        where a.agency_id is not null and a.year is not null
        group by a.agency_id, a.year, r.root_program_id, r.root_level, f.level, l.line_program_id
    ) nodes
    group by agency_id, year, root_program_id
) programs
where under_program or not agency_has_programs;

-- Realisation per agency, program (root) and year: per budget line and month once, then program-level entries,
-- else kegiatan, else sub kegiatan.
create or replace view agency_program_realisation as
select agency_id, year, root_program_id as program_id,
       coalesce(sum(amount) filter (where level = 'program'),
                sum(amount) filter (where level = 'kegiatan'),
                sum(amount) filter (where level = 'sub_kegiatan')) as amount,
       bool_or(is_sample) as is_sample
from (
    select b.agency_id, b.year, b.month, l.line_program_id, r.root_program_id, p.level,
           max(b.amount) as amount, bool_or(b.is_sample) as is_sample
    from fact_budget_realisation b
    join program_line l on l.program_id = b.program_id
    join dim_program p on p.program_id = l.line_program_id
    join program_root r on r.program_id = l.line_program_id
    group by b.agency_id, b.year, b.month, l.line_program_id, r.root_program_id, p.level
) entries
group by agency_id, year, root_program_id;

insert into rm_change (table_name) values ('migration');

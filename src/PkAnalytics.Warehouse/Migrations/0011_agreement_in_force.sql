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

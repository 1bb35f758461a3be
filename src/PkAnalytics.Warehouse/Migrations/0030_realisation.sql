-- Realisation (issue 6): capaian bands as data, an audit of indicator settings, respondent-level IKM answers,
-- and a note on indicator realisation. Facts already carry is_sample (written by `pk etl demo-data`).

-- Capaian bands: one set per effective date; the set in force on a date is the one with the latest
-- effective_from on or before it. min_inclusive null = the open lowest band. Half-open: [min, next min).
create table capaian_band (
    effective_from date not null,
    name           text not null,
    min_inclusive  numeric(8, 2),
    primary key (effective_from, name),
    unique nulls not distinct (effective_from, min_inclusive)
);

insert into capaian_band (effective_from, name, min_inclusive) values
    ('2000-01-01', 'Sangat Tinggi', 91),
    ('2000-01-01', 'Tinggi', 76),
    ('2000-01-01', 'Sedang', 66),
    ('2000-01-01', 'Rendah', 51),
    ('2000-01-01', 'Sangat Rendah', null);

-- Every change of an indicator setting (polarity, aggregation) or of a capaian band set: who, when, old, new.
create table settings_audit (
    audit_id    bigint generated always as identity primary key,
    entity      text not null check (entity in ('indicator', 'capaian_band')),
    entity_key  text not null,
    field       text not null,
    old_value   text,
    new_value   text,
    changed_by  text not null,
    changed_at  timestamptz not null default now()
);
create index settings_audit_entity on settings_audit (entity, entity_key, changed_at desc);

-- Respondent-level IKM answers (nine elements U1..U9, 1-4, null = not answered) behind a survey's NRR.
create table ikm_response (
    ikm_survey_id bigint not null references fact_ikm_survey on delete cascade,
    respondent_no int not null,
    answers       smallint[] not null check (cardinality(answers) = 9 and 1 <= all (answers) and 4 >= all (answers)),
    primary key (ikm_survey_id, respondent_no)
);

-- Sample marker for a survey's answers follows the survey (fact_ikm_survey.is_sample).
create index fact_indicator_realisation_sample on fact_indicator_realisation (year) where is_sample;
create index fact_budget_realisation_agency_year on fact_budget_realisation (agency_id, year);

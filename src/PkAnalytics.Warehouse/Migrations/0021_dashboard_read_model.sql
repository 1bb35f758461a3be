-- The dashboard's read model: per indicator and year its capaian and band (computed by the Domain rules in C# by
-- DashboardReadModelRefresher, never here), per agency, program and year its budget, per agency and year the
-- counts the overview shows. The regency overview and the comparison aggregate these small tables instead of
-- joining the facts on every page view (p95 < 100 ms on 10.000 documents and a million realisation rows).

create table rm_indicator_year (
    year         int not null,
    indicator_id int not null,
    agency_id    int not null,
    category     text not null,
    target_value numeric(20, 4),
    realisation  numeric(20, 4),
    capaian      numeric(20, 4),
    band         text,
    is_sample    boolean not null default false,
    primary key (year, indicator_id)
);
create index rm_indicator_year_agency on rm_indicator_year (year, agency_id);

create table rm_agency_program_year (
    year        int not null,
    agency_id   int not null,
    program_id  int not null,
    amount      numeric(18, 2) not null,
    realised    numeric(18, 2) not null default 0,
    is_sample   boolean not null default false,
    primary key (year, agency_id, program_id)
);

-- Per agency and year: what the overview and the comparison show, summed from the tables above.
create table rm_agency_year (
    year                  int not null,
    agency_id             int not null,
    agreements            int not null,
    sakip_target          numeric(20, 4),
    ikm_target            numeric(20, 4),
    last_realisation_at   timestamptz,
    indicators            int not null default 0,
    with_capaian          int not null default 0,
    capaian_sum           numeric,
    indicator_is_sample   boolean not null default false,
    budget                numeric(18, 2) not null default 0,
    budget_realised       numeric(18, 2) not null default 0,
    budget_is_sample      boolean not null default false,
    primary key (year, agency_id)
);

create table rm_agency_band (
    year      int not null,
    agency_id int not null,
    band      text not null,
    indicators int not null,
    primary key (year, agency_id, band)
);

-- Per agency (null: documents whose agency could not be read): documents, findings, last load.
create table rm_agency_document (
    agency_id      int,
    documents      int not null,
    findings       int not null,
    last_loaded_at timestamptz,
    unique nulls not distinct (agency_id)
);

-- When the read model was last rebuilt.
create table rm_state (
    name         text primary key,
    refreshed_at timestamptz not null,
    took_ms      int not null
);

-- One row per statement that changed what the read model is built from. Rows become visible when the writing
-- transaction commits, so the refresher (which deletes the rows it has seen, in the snapshot it rebuilds from)
-- never misses a change; writers only append, so they never wait for each other. (capaian_band comes in a later
-- migration: the refresher compares its contents instead.)
create table rm_change (
    change_id  bigint generated always as identity primary key,
    table_name text not null,
    changed_at timestamptz not null default now()
);

create function rm_touch() returns trigger language plpgsql as $$
begin
    insert into rm_change (table_name) values (tg_table_name);
    return null;
end;
$$;

do $$
declare t text;
begin
    foreach t in array array['dim_agency', 'dim_indicator', 'dim_position', 'dim_program', 'dim_document', 'agreement', 'finding',
                             'fact_indicator_target', 'fact_budget_allocation', 'fact_indicator_realisation',
                             'fact_budget_realisation', 'fact_sakip_evaluation', 'fact_ikm_survey']
    loop
        execute format('create trigger rm_touch after insert or update or delete or truncate on %I '
                       'for each statement execute function rm_touch()', t);
    end loop;
end;
$$;

insert into rm_change (table_name) values ('migration');

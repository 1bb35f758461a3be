-- PkAnalytics star schema, first version. Grain of every fact: docs/schema.md.
-- Conventions: money numeric(18,2); measured values numeric(20,4); identifiers int identity;
-- "is_sample" marks rows written by `etl demo-data` so the UI can badge them.

create table dim_agency (
    agency_id       int generated always as identity primary key,
    name            text not null,
    normalized_name text not null unique,
    created_at      timestamptz not null default now()
);

create table dim_official (
    official_id     int generated always as identity primary key,
    name            text not null,
    normalized_name text not null unique
);

-- A position inside an agency (or the regency itself for the Bupati: agency_id null).
-- level: bupati | eselon_ii | eselon_iii | eselon_iv | staff | unknown.
create table dim_position (
    position_id          int generated always as identity primary key,
    agency_id            int references dim_agency,
    title                text not null,
    normalized_title     text not null,
    level                text not null default 'unknown'
        check (level in ('bupati', 'eselon_ii', 'eselon_iii', 'eselon_iv', 'staff', 'unknown')),
    superior_position_id int references dim_position,
    unique nulls not distinct (agency_id, normalized_title)
);

-- Indicators are per agency: the same wording in two agencies is two indicators with their own realisation.
create table dim_indicator (
    indicator_id    int generated always as identity primary key,
    agency_id       int not null references dim_agency,
    name            text not null,
    normalized_name text not null,
    unit            text,
    polarity        text not null default 'higher_is_better'
        check (polarity in ('higher_is_better', 'lower_is_better')),
    aggregation     text not null default 'nilai_akhir'
        check (aggregation in ('kumulatif', 'nilai_akhir')),
    category        text not null default 'other' check (category in ('sakip', 'ikm', 'other')),
    unique (agency_id, normalized_name)
);

-- Program hierarchy, conformed across agencies by normalised name (the nomenclature is national).
create table dim_program (
    program_id        int generated always as identity primary key,
    level             text not null check (level in ('program', 'kegiatan', 'sub_kegiatan')),
    name              text not null,
    normalized_name   text not null,
    parent_program_id int references dim_program,
    unique nulls not distinct (level, normalized_name, parent_program_id)
);

-- Calendar: one row per year (quarter and month null), per quarter (month null) and per month.
create table dim_period (
    period_id int primary key, -- yyyy0000 for a year, yyyyq000 for a quarter, yyyyqmm0 for a month
    year      int not null,
    quarter   int check (quarter between 1 and 4),
    month     int check (month between 1 and 12),
    unique nulls not distinct (year, quarter, month)
);

insert into dim_period (period_id, year, quarter, month)
select y * 10000, y, null::int, null::int from generate_series(2015, 2040) y
union all
select y * 10000 + q * 1000, y, q, null::int from generate_series(2015, 2040) y, generate_series(1, 4) q
union all
select y * 10000 + ((m + 2) / 3) * 1000 + m * 10, y, (m + 2) / 3, m
from generate_series(2015, 2040) y, generate_series(1, 12) m;

create table dim_document (
    document_id int generated always as identity primary key,
    file_name   text not null,
    source_path text not null,
    sha256      text not null unique,
    format      text not null,
    agency_id   int references dim_agency,
    size_bytes  bigint not null default 0,
    line_count  int not null default 0,
    loaded_at   timestamptz not null default now()
);

-- One Perjanjian Kinerja version. "Current" = latest effective per position and year (view agreement_current).
create table agreement (
    agreement_id         int generated always as identity primary key,
    document_id          int not null references dim_document on delete cascade,
    seq                  int not null,
    agency_id            int references dim_agency,
    kind                 text not null check (kind in ('original', 'amendment')),
    year                 int,
    place                text,
    signed_on_text       text,
    effective_from       date,
    position_id          int references dim_position,
    official_id          int references dim_official,
    superior_position_id int references dim_position,
    superior_official_id int references dim_official,
    line                 int not null,
    unique (document_id, seq)
);
create index agreement_position_year on agreement (position_id, year);
create index agreement_agency_year on agreement (agency_id, year);

-- Grain: agreement version x indicator row of Lampiran 1.
create table fact_indicator_target (
    agreement_id int not null references agreement on delete cascade,
    seq          int not null,
    indicator_id int not null references dim_indicator,
    objective    text not null,
    target_raw   text not null,
    target_value numeric(20, 4),
    target_unit  text,
    document_id  int not null references dim_document on delete cascade,
    line         int not null,
    primary key (agreement_id, seq)
);
create index fact_indicator_target_indicator on fact_indicator_target (indicator_id);

-- Grain: agreement version x budget line of Lampiran 1.
create table fact_budget_allocation (
    agreement_id   int not null references agreement on delete cascade,
    seq            int not null,
    program_id     int not null references dim_program,
    level          text not null check (level in ('program', 'kegiatan', 'sub_kegiatan')),
    amount         numeric(18, 2) not null,
    funding_source text,
    document_id    int not null references dim_document on delete cascade,
    line           int not null,
    primary key (agreement_id, seq)
);
create index fact_budget_allocation_program on fact_budget_allocation (program_id);

-- Targets restated in Lampiran 2 (kept for traceability of target_mismatch findings).
create table explanation_target (
    agreement_id   int not null references agreement on delete cascade,
    seq            int not null,
    indicator_text text not null,
    target_raw     text not null,
    target_value   numeric(20, 4),
    target_unit    text,
    line           int not null,
    primary key (agreement_id, seq)
);

-- Parser findings, per document and (when it belongs to one) per agreement.
create table finding (
    finding_id   bigint generated always as identity primary key,
    document_id  int not null references dim_document on delete cascade,
    agreement_id int references agreement on delete cascade,
    code         text not null,
    severity     text not null check (severity in ('info', 'warning', 'error')),
    message      text not null,
    line         int not null
);
create index finding_document on finding (document_id);

-- Grain: indicator x year x quarter (the value reported for that quarter alone, or the latest value for
-- nilai akhir indicators; aggregation over quarters happens in the Domain rules).
create table fact_indicator_realisation (
    indicator_id int not null references dim_indicator,
    year         int not null,
    quarter      int not null check (quarter between 1 and 4),
    value        numeric(20, 4) not null,
    note         text,
    is_sample    boolean not null default false,
    entered_by   text,
    entered_at   timestamptz not null default now(),
    primary key (indicator_id, year, quarter)
);

-- Grain: agency x budget line (program node) x year x month. Keyed by the conformed program node rather than
-- an agreement row so that realisation survives an amendment of the agreement.
create table fact_budget_realisation (
    agency_id  int not null references dim_agency,
    program_id int not null references dim_program,
    year       int not null,
    month      int not null check (month between 1 and 12),
    amount     numeric(18, 2) not null,
    is_sample  boolean not null default false,
    entered_by text,
    entered_at timestamptz not null default now(),
    primary key (agency_id, program_id, year, month)
);

-- Grain: agency x evaluation year. Component maxima per PermenPANRB 88/2021.
create table fact_sakip_evaluation (
    agency_id    int not null references dim_agency,
    year         int not null,
    perencanaan  numeric(5, 2) not null check (perencanaan between 0 and 30),
    pengukuran   numeric(5, 2) not null check (pengukuran between 0 and 30),
    pelaporan    numeric(5, 2) not null check (pelaporan between 0 and 15),
    evaluasi     numeric(5, 2) not null check (evaluasi between 0 and 25),
    total        numeric(6, 2) generated always as (perencanaan + pengukuran + pelaporan + evaluasi) stored,
    is_sample    boolean not null default false,
    entered_by   text,
    entered_at   timestamptz not null default now(),
    primary key (agency_id, year)
);

-- Grain: agency x service unit x year x period (quarter, or null for the whole year).
-- Either nine element averages (NRR, 1-4) with respondents, or only the aggregate IKM value.
create table fact_ikm_survey (
    ikm_survey_id bigint generated always as identity primary key,
    agency_id     int not null references dim_agency,
    unit_name     text not null default '',
    year          int not null,
    quarter       int check (quarter between 1 and 4),
    respondents   int,
    nrr           numeric(8, 4)[] check (nrr is null or cardinality(nrr) = 9),
    ikm_value     numeric(6, 2) not null check (ikm_value between 25 and 100),
    is_sample     boolean not null default false,
    entered_by    text,
    entered_at    timestamptz not null default now(),
    unique nulls not distinct (agency_id, unit_name, year, quarter)
);

-- Documents waiting for the ETL worker (uploads from the dashboard). A worker claims an item with
-- FOR UPDATE SKIP LOCKED, so two workers never load the same one.
create table etl_inbox (
    inbox_id     bigint generated always as identity primary key,
    file_name    text not null,
    content      bytea not null,
    sha256       text not null,
    uploaded_by  text,
    uploaded_at  timestamptz not null default now(),
    status       text not null default 'pending'
        check (status in ('pending', 'processing', 'loaded', 'duplicate', 'failed')),
    claimed_by   text,
    claimed_at   timestamptz,
    finished_at  timestamptz,
    document_id  int references dim_document on delete set null,
    result       jsonb,
    error        text
);
create index etl_inbox_pending on etl_inbox (inbox_id) where status = 'pending';

-- Documents that failed to load, with the error; they do not stop the others.
create table etl_quarantine (
    quarantine_id bigint generated always as identity primary key,
    source_path   text not null,
    sha256        text,
    error         text not null,
    failed_at     timestamptz not null default now()
);

-- Latest effective version of each position's agreement per year: amendments replace earlier versions from
-- their date on.
create view agreement_current as
select distinct on (coalesce(a.position_id, -a.agreement_id), a.year) a.*
from agreement a
order by coalesce(a.position_id, -a.agreement_id), a.year,
         a.effective_from desc nulls last, (a.kind = 'amendment') desc, a.agreement_id desc;

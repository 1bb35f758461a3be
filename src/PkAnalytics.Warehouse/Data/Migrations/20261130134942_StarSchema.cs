using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PkAnalytics.Warehouse.Data.Migrations
{
    /// <inheritdoc />
    public partial class StarSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "capaian_band",
                columns: table => new
                {
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    min_inclusive = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("capaian_band_pkey", x => new { x.effective_from, x.name });
                });

            migrationBuilder.CreateTable(
                name: "dim_agency",
                columns: table => new
                {
                    agency_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    normalized_name = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("dim_agency_pkey", x => x.agency_id);
                    table.UniqueConstraint("dim_agency_normalized_name_key", x => x.normalized_name);
                });

            migrationBuilder.CreateTable(
                name: "dim_official",
                columns: table => new
                {
                    official_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    normalized_name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("dim_official_pkey", x => x.official_id);
                    table.UniqueConstraint("dim_official_normalized_name_key", x => x.normalized_name);
                });

            migrationBuilder.CreateTable(
                name: "dim_period",
                columns: table => new
                {
                    period_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    quarter = table.Column<int>(type: "integer", nullable: true),
                    month = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("dim_period_pkey", x => x.period_id);
                    table.CheckConstraint("dim_period_month_check", "month between 1 and 12");
                    table.CheckConstraint("dim_period_quarter_check", "quarter between 1 and 4");
                });

            migrationBuilder.CreateTable(
                name: "dim_program",
                columns: table => new
                {
                    program_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    level = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    normalized_name = table.Column<string>(type: "text", nullable: false),
                    parent_program_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("dim_program_pkey", x => x.program_id);
                    table.CheckConstraint("dim_program_level_check", "level in ('program', 'kegiatan', 'sub_kegiatan')");
                    table.ForeignKey(
                        name: "dim_program_parent_program_id_fkey",
                        column: x => x.parent_program_id,
                        principalTable: "dim_program",
                        principalColumn: "program_id");
                });

            migrationBuilder.CreateTable(
                name: "etl_quarantine",
                columns: table => new
                {
                    quarantine_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    source_path = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "text", nullable: true),
                    error = table.Column<string>(type: "text", nullable: false),
                    failed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("etl_quarantine_pkey", x => x.quarantine_id);
                });

            migrationBuilder.CreateTable(
                name: "rm_agency_band",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    band = table.Column<string>(type: "text", nullable: false),
                    indicators = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("rm_agency_band_pkey", x => new { x.year, x.agency_id, x.band });
                });

            migrationBuilder.CreateTable(
                name: "rm_agency_program_year",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    program_id = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    realised = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false, defaultValueSql: "0"),
                    is_sample = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("rm_agency_program_year_pkey", x => new { x.year, x.agency_id, x.program_id });
                });

            migrationBuilder.CreateTable(
                name: "rm_agency_year",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    agreements = table.Column<int>(type: "integer", nullable: false),
                    sakip_target = table.Column<decimal>(type: "numeric(20,4)", precision: 20, scale: 4, nullable: true),
                    ikm_target = table.Column<decimal>(type: "numeric(20,4)", precision: 20, scale: 4, nullable: true),
                    last_realisation_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    indicators = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    with_capaian = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    capaian_sum = table.Column<decimal>(type: "numeric", nullable: true),
                    indicator_is_sample = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    budget = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false, defaultValueSql: "0"),
                    budget_realised = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false, defaultValueSql: "0"),
                    budget_is_sample = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("rm_agency_year_pkey", x => new { x.year, x.agency_id });
                });

            migrationBuilder.CreateTable(
                name: "rm_change",
                columns: table => new
                {
                    change_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    table_name = table.Column<string>(type: "text", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("rm_change_pkey", x => x.change_id);
                });

            migrationBuilder.CreateTable(
                name: "rm_indicator_year",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    indicator_id = table.Column<int>(type: "integer", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<string>(type: "text", nullable: false),
                    target_value = table.Column<decimal>(type: "numeric(20,4)", precision: 20, scale: 4, nullable: true),
                    realisation = table.Column<decimal>(type: "numeric(20,4)", precision: 20, scale: 4, nullable: true),
                    capaian = table.Column<decimal>(type: "numeric(20,4)", precision: 20, scale: 4, nullable: true),
                    band = table.Column<string>(type: "text", nullable: true),
                    is_sample = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("rm_indicator_year_pkey", x => new { x.year, x.indicator_id });
                });

            migrationBuilder.CreateTable(
                name: "rm_state",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    refreshed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    took_ms = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("rm_state_pkey", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "settings_audit",
                columns: table => new
                {
                    audit_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    entity = table.Column<string>(type: "text", nullable: false),
                    entity_key = table.Column<string>(type: "text", nullable: false),
                    field = table.Column<string>(type: "text", nullable: false),
                    old_value = table.Column<string>(type: "text", nullable: true),
                    new_value = table.Column<string>(type: "text", nullable: true),
                    changed_by = table.Column<string>(type: "text", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("settings_audit_pkey", x => x.audit_id);
                    table.CheckConstraint("settings_audit_entity_check", "entity in ('indicator', 'capaian_band')");
                });

            migrationBuilder.CreateTable(
                name: "dim_document",
                columns: table => new
                {
                    document_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    source_path = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "text", nullable: false),
                    format = table.Column<string>(type: "text", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: true),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    line_count = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    loaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    agreement_count = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    parser_finding_count = table.Column<int>(type: "integer", nullable: false, defaultValue: 0)
                },
                constraints: table =>
                {
                    table.PrimaryKey("dim_document_pkey", x => x.document_id);
                    table.UniqueConstraint("dim_document_sha256_key", x => x.sha256);
                    table.ForeignKey(
                        name: "dim_document_agency_id_fkey",
                        column: x => x.agency_id,
                        principalTable: "dim_agency",
                        principalColumn: "agency_id");
                });

            migrationBuilder.CreateTable(
                name: "dim_indicator",
                columns: table => new
                {
                    indicator_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    normalized_name = table.Column<string>(type: "text", nullable: false),
                    unit = table.Column<string>(type: "text", nullable: true),
                    polarity = table.Column<string>(type: "text", nullable: false, defaultValue: "higher_is_better"),
                    aggregation = table.Column<string>(type: "text", nullable: false, defaultValue: "nilai_akhir"),
                    category = table.Column<string>(type: "text", nullable: false, defaultValue: "other"),
                    classification_source = table.Column<string>(type: "text", nullable: false, defaultValue: "rule")
                },
                constraints: table =>
                {
                    table.PrimaryKey("dim_indicator_pkey", x => x.indicator_id);
                    table.UniqueConstraint("dim_indicator_agency_id_normalized_name_key", x => new { x.agency_id, x.normalized_name });
                    table.CheckConstraint("dim_indicator_aggregation_check", "aggregation in ('kumulatif', 'nilai_akhir')");
                    table.CheckConstraint("dim_indicator_category_check", "category in ('sakip', 'ikm', 'other')");
                    table.CheckConstraint("dim_indicator_classification_source_check", "classification_source in ('rule', 'override', 'manual')");
                    table.CheckConstraint("dim_indicator_polarity_check", "polarity in ('higher_is_better', 'lower_is_better')");
                    table.ForeignKey(
                        name: "dim_indicator_agency_id_fkey",
                        column: x => x.agency_id,
                        principalTable: "dim_agency",
                        principalColumn: "agency_id");
                });

            migrationBuilder.CreateTable(
                name: "dim_position",
                columns: table => new
                {
                    position_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    agency_id = table.Column<int>(type: "integer", nullable: true),
                    title = table.Column<string>(type: "text", nullable: false),
                    normalized_title = table.Column<string>(type: "text", nullable: false),
                    level = table.Column<string>(type: "text", nullable: false, defaultValue: "unknown"),
                    superior_position_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("dim_position_pkey", x => x.position_id);
                    table.CheckConstraint("dim_position_level_check", "level in ('bupati', 'eselon_ii', 'eselon_iii', 'eselon_iv', 'staff', 'unknown')");
                    table.ForeignKey(
                        name: "dim_position_agency_id_fkey",
                        column: x => x.agency_id,
                        principalTable: "dim_agency",
                        principalColumn: "agency_id");
                    table.ForeignKey(
                        name: "dim_position_superior_position_id_fkey",
                        column: x => x.superior_position_id,
                        principalTable: "dim_position",
                        principalColumn: "position_id");
                });

            migrationBuilder.CreateTable(
                name: "fact_ikm_survey",
                columns: table => new
                {
                    ikm_survey_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    unit_name = table.Column<string>(type: "text", nullable: false, defaultValue: ""),
                    year = table.Column<int>(type: "integer", nullable: false),
                    quarter = table.Column<int>(type: "integer", nullable: true),
                    respondents = table.Column<int>(type: "integer", nullable: true),
                    nrr = table.Column<decimal[]>(type: "numeric(8,4)[]", nullable: true),
                    ikm_value = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    is_sample = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    entered_by = table.Column<string>(type: "text", nullable: true),
                    entered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("fact_ikm_survey_pkey", x => x.ikm_survey_id);
                    table.CheckConstraint("fact_ikm_survey_ikm_value_check", "ikm_value between 25 and 100");
                    table.CheckConstraint("fact_ikm_survey_nrr_check", "nrr is null or cardinality(nrr) = 9");
                    table.CheckConstraint("fact_ikm_survey_quarter_check", "quarter between 1 and 4");
                    table.ForeignKey(
                        name: "fact_ikm_survey_agency_id_fkey",
                        column: x => x.agency_id,
                        principalTable: "dim_agency",
                        principalColumn: "agency_id");
                });

            migrationBuilder.CreateTable(
                name: "fact_sakip_evaluation",
                columns: table => new
                {
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    perencanaan = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    pengukuran = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    pelaporan = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    evaluasi = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    total = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true, computedColumnSql: "perencanaan + pengukuran + pelaporan + evaluasi", stored: true),
                    is_sample = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    entered_by = table.Column<string>(type: "text", nullable: true),
                    entered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("fact_sakip_evaluation_pkey", x => new { x.agency_id, x.year });
                    table.CheckConstraint("fact_sakip_evaluation_evaluasi_check", "evaluasi between 0 and 25");
                    table.CheckConstraint("fact_sakip_evaluation_pelaporan_check", "pelaporan between 0 and 15");
                    table.CheckConstraint("fact_sakip_evaluation_pengukuran_check", "pengukuran between 0 and 30");
                    table.CheckConstraint("fact_sakip_evaluation_perencanaan_check", "perencanaan between 0 and 30");
                    table.ForeignKey(
                        name: "fact_sakip_evaluation_agency_id_fkey",
                        column: x => x.agency_id,
                        principalTable: "dim_agency",
                        principalColumn: "agency_id");
                });

            migrationBuilder.CreateTable(
                name: "indicator_classification_override",
                columns: table => new
                {
                    override_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    agency_id = table.Column<int>(type: "integer", nullable: true),
                    normalized_name = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "text", nullable: true),
                    polarity = table.Column<string>(type: "text", nullable: true),
                    aggregation = table.Column<string>(type: "text", nullable: true),
                    note = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("indicator_classification_override_pkey", x => x.override_id);
                    table.CheckConstraint("indicator_classification_override_aggregation_check", "aggregation in ('kumulatif', 'nilai_akhir')");
                    table.CheckConstraint("indicator_classification_override_category_check", "category in ('sakip', 'ikm', 'other')");
                    table.CheckConstraint("indicator_classification_override_polarity_check", "polarity in ('higher_is_better', 'lower_is_better')");
                    table.ForeignKey(
                        name: "indicator_classification_override_agency_id_fkey",
                        column: x => x.agency_id,
                        principalTable: "dim_agency",
                        principalColumn: "agency_id");
                });

            migrationBuilder.CreateTable(
                name: "fact_budget_realisation",
                columns: table => new
                {
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    program_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    is_sample = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    entered_by = table.Column<string>(type: "text", nullable: true),
                    entered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("fact_budget_realisation_pkey", x => new { x.agency_id, x.program_id, x.year, x.month });
                    table.CheckConstraint("fact_budget_realisation_month_check", "month between 1 and 12");
                    table.ForeignKey(
                        name: "fact_budget_realisation_agency_id_fkey",
                        column: x => x.agency_id,
                        principalTable: "dim_agency",
                        principalColumn: "agency_id");
                    table.ForeignKey(
                        name: "fact_budget_realisation_program_id_fkey",
                        column: x => x.program_id,
                        principalTable: "dim_program",
                        principalColumn: "program_id");
                });

            migrationBuilder.CreateTable(
                name: "etl_inbox",
                columns: table => new
                {
                    inbox_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "text", nullable: false),
                    uploaded_by = table.Column<string>(type: "text", nullable: true),
                    uploaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    status = table.Column<string>(type: "text", nullable: false, defaultValue: "pending"),
                    claimed_by = table.Column<string>(type: "text", nullable: true),
                    claimed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    document_id = table.Column<int>(type: "integer", nullable: true),
                    result = table.Column<string>(type: "jsonb", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("etl_inbox_pkey", x => x.inbox_id);
                    table.CheckConstraint("etl_inbox_status_check", "status in ('pending', 'processing', 'loaded', 'duplicate', 'failed')");
                    table.ForeignKey(
                        name: "etl_inbox_document_id_fkey",
                        column: x => x.document_id,
                        principalTable: "dim_document",
                        principalColumn: "document_id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "fact_indicator_realisation",
                columns: table => new
                {
                    indicator_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    quarter = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<decimal>(type: "numeric(20,4)", precision: 20, scale: 4, nullable: false),
                    note = table.Column<string>(type: "text", nullable: true),
                    is_sample = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    entered_by = table.Column<string>(type: "text", nullable: true),
                    entered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("fact_indicator_realisation_pkey", x => new { x.indicator_id, x.year, x.quarter });
                    table.CheckConstraint("fact_indicator_realisation_quarter_check", "quarter between 1 and 4");
                    table.ForeignKey(
                        name: "fact_indicator_realisation_indicator_id_fkey",
                        column: x => x.indicator_id,
                        principalTable: "dim_indicator",
                        principalColumn: "indicator_id");
                });

            migrationBuilder.CreateTable(
                name: "agreement",
                columns: table => new
                {
                    agreement_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    document_id = table.Column<int>(type: "integer", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: true),
                    kind = table.Column<string>(type: "text", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: true),
                    place = table.Column<string>(type: "text", nullable: true),
                    signed_on_text = table.Column<string>(type: "text", nullable: true),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: true),
                    position_id = table.Column<int>(type: "integer", nullable: true),
                    official_id = table.Column<int>(type: "integer", nullable: true),
                    superior_position_id = table.Column<int>(type: "integer", nullable: true),
                    superior_official_id = table.Column<int>(type: "integer", nullable: true),
                    line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("agreement_pkey", x => x.agreement_id);
                    table.UniqueConstraint("agreement_document_id_seq_key", x => new { x.document_id, x.seq });
                    table.CheckConstraint("agreement_kind_check", "kind in ('original', 'amendment')");
                    table.ForeignKey(
                        name: "agreement_agency_id_fkey",
                        column: x => x.agency_id,
                        principalTable: "dim_agency",
                        principalColumn: "agency_id");
                    table.ForeignKey(
                        name: "agreement_document_id_fkey",
                        column: x => x.document_id,
                        principalTable: "dim_document",
                        principalColumn: "document_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "agreement_official_id_fkey",
                        column: x => x.official_id,
                        principalTable: "dim_official",
                        principalColumn: "official_id");
                    table.ForeignKey(
                        name: "agreement_position_id_fkey",
                        column: x => x.position_id,
                        principalTable: "dim_position",
                        principalColumn: "position_id");
                    table.ForeignKey(
                        name: "agreement_superior_official_id_fkey",
                        column: x => x.superior_official_id,
                        principalTable: "dim_official",
                        principalColumn: "official_id");
                    table.ForeignKey(
                        name: "agreement_superior_position_id_fkey",
                        column: x => x.superior_position_id,
                        principalTable: "dim_position",
                        principalColumn: "position_id");
                });

            migrationBuilder.CreateTable(
                name: "ikm_response",
                columns: table => new
                {
                    ikm_survey_id = table.Column<long>(type: "bigint", nullable: false),
                    respondent_no = table.Column<int>(type: "integer", nullable: false),
                    answers = table.Column<short?[]>(type: "smallint[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("ikm_response_pkey", x => new { x.ikm_survey_id, x.respondent_no });
                    table.CheckConstraint("ikm_response_answers_check", "cardinality(answers) = 9 and 1 <= all (answers) and 4 >= all (answers)");
                    table.ForeignKey(
                        name: "ikm_response_ikm_survey_id_fkey",
                        column: x => x.ikm_survey_id,
                        principalTable: "fact_ikm_survey",
                        principalColumn: "ikm_survey_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "explanation_target",
                columns: table => new
                {
                    agreement_id = table.Column<int>(type: "integer", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    indicator_text = table.Column<string>(type: "text", nullable: false),
                    target_raw = table.Column<string>(type: "text", nullable: false),
                    target_value = table.Column<decimal>(type: "numeric(20,4)", precision: 20, scale: 4, nullable: true),
                    target_unit = table.Column<string>(type: "text", nullable: true),
                    line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("explanation_target_pkey", x => new { x.agreement_id, x.seq });
                    table.ForeignKey(
                        name: "explanation_target_agreement_id_fkey",
                        column: x => x.agreement_id,
                        principalTable: "agreement",
                        principalColumn: "agreement_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fact_budget_allocation",
                columns: table => new
                {
                    agreement_id = table.Column<int>(type: "integer", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    program_id = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<string>(type: "text", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    funding_source = table.Column<string>(type: "text", nullable: true),
                    document_id = table.Column<int>(type: "integer", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("fact_budget_allocation_pkey", x => new { x.agreement_id, x.seq });
                    table.CheckConstraint("fact_budget_allocation_level_check", "level in ('program', 'kegiatan', 'sub_kegiatan')");
                    table.ForeignKey(
                        name: "fact_budget_allocation_agreement_id_fkey",
                        column: x => x.agreement_id,
                        principalTable: "agreement",
                        principalColumn: "agreement_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fact_budget_allocation_document_id_fkey",
                        column: x => x.document_id,
                        principalTable: "dim_document",
                        principalColumn: "document_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fact_budget_allocation_program_id_fkey",
                        column: x => x.program_id,
                        principalTable: "dim_program",
                        principalColumn: "program_id");
                });

            migrationBuilder.CreateTable(
                name: "fact_indicator_target",
                columns: table => new
                {
                    agreement_id = table.Column<int>(type: "integer", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    indicator_id = table.Column<int>(type: "integer", nullable: false),
                    objective = table.Column<string>(type: "text", nullable: false),
                    target_raw = table.Column<string>(type: "text", nullable: false),
                    target_value = table.Column<decimal>(type: "numeric(20,4)", precision: 20, scale: 4, nullable: true),
                    target_unit = table.Column<string>(type: "text", nullable: true),
                    document_id = table.Column<int>(type: "integer", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("fact_indicator_target_pkey", x => new { x.agreement_id, x.seq });
                    table.ForeignKey(
                        name: "fact_indicator_target_agreement_id_fkey",
                        column: x => x.agreement_id,
                        principalTable: "agreement",
                        principalColumn: "agreement_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fact_indicator_target_document_id_fkey",
                        column: x => x.document_id,
                        principalTable: "dim_document",
                        principalColumn: "document_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fact_indicator_target_indicator_id_fkey",
                        column: x => x.indicator_id,
                        principalTable: "dim_indicator",
                        principalColumn: "indicator_id");
                });

            migrationBuilder.CreateTable(
                name: "finding",
                columns: table => new
                {
                    finding_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    document_id = table.Column<int>(type: "integer", nullable: false),
                    agreement_id = table.Column<int>(type: "integer", nullable: true),
                    code = table.Column<string>(type: "text", nullable: false),
                    severity = table.Column<string>(type: "text", nullable: false),
                    message = table.Column<string>(type: "text", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("finding_pkey", x => x.finding_id);
                    table.CheckConstraint("finding_severity_check", "severity in ('info', 'warning', 'error')");
                    table.ForeignKey(
                        name: "finding_agreement_id_fkey",
                        column: x => x.agreement_id,
                        principalTable: "agreement",
                        principalColumn: "agreement_id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "finding_document_id_fkey",
                        column: x => x.document_id,
                        principalTable: "dim_document",
                        principalColumn: "document_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "agreement_agency_year",
                table: "agreement",
                columns: new[] { "agency_id", "year" });

            migrationBuilder.CreateIndex(
                name: "agreement_document",
                table: "agreement",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "agreement_position_year",
                table: "agreement",
                columns: new[] { "position_id", "year" });

            migrationBuilder.CreateIndex(
                name: "capaian_band_effective_from_min_inclusive_key",
                table: "capaian_band",
                columns: new[] { "effective_from", "min_inclusive" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "dim_document_agency",
                table: "dim_document",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "dim_period_year_quarter_month_key",
                table: "dim_period",
                columns: new[] { "year", "quarter", "month" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "dim_position_agency_id_normalized_title_key",
                table: "dim_position",
                columns: new[] { "agency_id", "normalized_title" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "dim_position_superior",
                table: "dim_position",
                column: "superior_position_id");

            migrationBuilder.CreateIndex(
                name: "dim_program_level_normalized_name_parent_program_id_key",
                table: "dim_program",
                columns: new[] { "level", "normalized_name", "parent_program_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "etl_inbox_pending",
                table: "etl_inbox",
                column: "inbox_id",
                filter: "status = 'pending'");

            migrationBuilder.CreateIndex(
                name: "etl_inbox_processing",
                table: "etl_inbox",
                column: "claimed_at",
                filter: "status = 'processing'");

            migrationBuilder.CreateIndex(
                name: "etl_quarantine_sha256",
                table: "etl_quarantine",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "fact_budget_allocation_document",
                table: "fact_budget_allocation",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "fact_budget_allocation_program",
                table: "fact_budget_allocation",
                column: "program_id");

            migrationBuilder.CreateIndex(
                name: "fact_budget_realisation_agency_year",
                table: "fact_budget_realisation",
                columns: new[] { "agency_id", "year" });

            migrationBuilder.CreateIndex(
                name: "fact_budget_realisation_year",
                table: "fact_budget_realisation",
                columns: new[] { "year", "agency_id" });

            migrationBuilder.CreateIndex(
                name: "fact_ikm_survey_agency_id_unit_name_year_quarter_key",
                table: "fact_ikm_survey",
                columns: new[] { "agency_id", "unit_name", "year", "quarter" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "fact_ikm_survey_year",
                table: "fact_ikm_survey",
                columns: new[] { "year", "agency_id" });

            migrationBuilder.CreateIndex(
                name: "fact_indicator_realisation_sample",
                table: "fact_indicator_realisation",
                column: "year",
                filter: "is_sample");

            migrationBuilder.CreateIndex(
                name: "fact_indicator_realisation_year",
                table: "fact_indicator_realisation",
                columns: new[] { "year", "indicator_id" });

            migrationBuilder.CreateIndex(
                name: "fact_indicator_target_document",
                table: "fact_indicator_target",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "fact_indicator_target_indicator",
                table: "fact_indicator_target",
                column: "indicator_id");

            migrationBuilder.CreateIndex(
                name: "finding_agreement",
                table: "finding",
                column: "agreement_id");

            migrationBuilder.CreateIndex(
                name: "finding_document",
                table: "finding",
                column: "document_id");

            migrationBuilder.CreateIndex(
                name: "indicator_classification_override_agency_id_normalized_name_key",
                table: "indicator_classification_override",
                columns: new[] { "agency_id", "normalized_name" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "rm_indicator_year_agency",
                table: "rm_indicator_year",
                columns: new[] { "year", "agency_id" });

            migrationBuilder.CreateIndex(
                name: "settings_audit_entity",
                table: "settings_audit",
                columns: new[] { "entity", "entity_key", "changed_at" },
                descending: new[] { false, false, true });

            migrationBuilder.Sql(MigrationScript.Read("20261130134942_StarSchema"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MigrationScript.Read("20261130134942_StarSchema.down"));

            migrationBuilder.DropTable(
                name: "capaian_band");

            migrationBuilder.DropTable(
                name: "dim_period");

            migrationBuilder.DropTable(
                name: "etl_inbox");

            migrationBuilder.DropTable(
                name: "etl_quarantine");

            migrationBuilder.DropTable(
                name: "explanation_target");

            migrationBuilder.DropTable(
                name: "fact_budget_allocation");

            migrationBuilder.DropTable(
                name: "fact_budget_realisation");

            migrationBuilder.DropTable(
                name: "fact_indicator_realisation");

            migrationBuilder.DropTable(
                name: "fact_indicator_target");

            migrationBuilder.DropTable(
                name: "fact_sakip_evaluation");

            migrationBuilder.DropTable(
                name: "finding");

            migrationBuilder.DropTable(
                name: "ikm_response");

            migrationBuilder.DropTable(
                name: "indicator_classification_override");

            migrationBuilder.DropTable(
                name: "rm_agency_band");

            migrationBuilder.DropTable(
                name: "rm_agency_program_year");

            migrationBuilder.DropTable(
                name: "rm_agency_year");

            migrationBuilder.DropTable(
                name: "rm_change");

            migrationBuilder.DropTable(
                name: "rm_indicator_year");

            migrationBuilder.DropTable(
                name: "rm_state");

            migrationBuilder.DropTable(
                name: "settings_audit");

            migrationBuilder.DropTable(
                name: "dim_program");

            migrationBuilder.DropTable(
                name: "dim_indicator");

            migrationBuilder.DropTable(
                name: "agreement");

            migrationBuilder.DropTable(
                name: "fact_ikm_survey");

            migrationBuilder.DropTable(
                name: "dim_document");

            migrationBuilder.DropTable(
                name: "dim_official");

            migrationBuilder.DropTable(
                name: "dim_position");

            migrationBuilder.DropTable(
                name: "dim_agency");
        }
    }
}

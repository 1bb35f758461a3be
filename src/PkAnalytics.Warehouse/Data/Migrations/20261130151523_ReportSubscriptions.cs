using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PkAnalytics.Warehouse.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportSubscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "report_subscription",
                columns: table => new
                {
                    subscription_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    kind = table.Column<string>(type: "text", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    cron = table.Column<string>(type: "text", nullable: false, defaultValue: "0 7 1 * *"),
                    time_zone = table.Column<string>(type: "text", nullable: false, defaultValue: "Asia/Makassar"),
                    active = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("report_subscription_pkey", x => x.subscription_id);
                    table.CheckConstraint("report_subscription_agency_check", "(kind = 'opd') = (agency_id is not null)");
                    table.CheckConstraint("report_subscription_kind_check", "kind in ('kabupaten', 'opd')");
                    table.ForeignKey(
                        name: "report_subscription_agency_id_fkey",
                        column: x => x.agency_id,
                        principalTable: "dim_agency",
                        principalColumn: "agency_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "report_recipient",
                columns: table => new
                {
                    recipient_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    subscription_id = table.Column<int>(type: "integer", nullable: false),
                    email = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: true),
                    role = table.Column<string>(type: "text", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("report_recipient_pkey", x => x.recipient_id);
                    table.UniqueConstraint("report_recipient_subscription_id_email_key", x => new { x.subscription_id, x.email });
                    table.CheckConstraint("report_recipient_agency_check", "(role = 'Operator') = (agency_id is not null)");
                    table.CheckConstraint("report_recipient_role_check", "role in ('Admin', 'Pimpinan', 'Bappeda', 'Operator')");
                    table.ForeignKey(
                        name: "report_recipient_agency_id_fkey",
                        column: x => x.agency_id,
                        principalTable: "dim_agency",
                        principalColumn: "agency_id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "report_recipient_subscription_id_fkey",
                        column: x => x.subscription_id,
                        principalTable: "report_subscription",
                        principalColumn: "subscription_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "report_delivery",
                columns: table => new
                {
                    delivery_id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    subscription_id = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    recipient_id = table.Column<int>(type: "integer", nullable: true),
                    email = table.Column<string>(type: "text", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    scope_agency_id = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    trigger = table.Column<string>(type: "text", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    claimed_by = table.Column<string>(type: "text", nullable: true),
                    claimed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    lease_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    delivered_as = table.Column<string>(type: "text", nullable: true),
                    pdf_bytes = table.Column<int>(type: "integer", nullable: true),
                    message_id = table.Column<string>(type: "text", nullable: true),
                    detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("report_delivery_pkey", x => x.delivery_id);
                    table.CheckConstraint("report_delivery_delivered_as_check", "delivered_as is null or delivered_as in ('attachment', 'link')");
                    table.CheckConstraint("report_delivery_period_check", "period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'");
                    table.CheckConstraint("report_delivery_status_check", "status in ('claimed', 'sending', 'sent', 'failed', 'refused')");
                    table.CheckConstraint("report_delivery_trigger_check", "trigger in ('schedule', 'manual', 'catch-up')");
                    table.ForeignKey(
                        name: "report_delivery_recipient_id_fkey",
                        column: x => x.recipient_id,
                        principalTable: "report_recipient",
                        principalColumn: "recipient_id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "report_delivery_subscription_id_fkey",
                        column: x => x.subscription_id,
                        principalTable: "report_subscription",
                        principalColumn: "subscription_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "report_delivery_claimed_at_idx",
                table: "report_delivery",
                column: "claimed_at");

            migrationBuilder.CreateIndex(
                name: "report_delivery_subscription_id_period_recipient_id_key",
                table: "report_delivery",
                columns: new[] { "subscription_id", "period", "recipient_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "report_recipient_user_id_idx",
                table: "report_recipient",
                column: "user_id",
                filter: "user_id is not null");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_delivery");

            migrationBuilder.DropTable(
                name: "report_recipient");

            migrationBuilder.DropTable(
                name: "report_subscription");
        }
    }
}

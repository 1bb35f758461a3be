using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PkAnalytics.Warehouse.Data.Migrations
{
    /// <inheritdoc />
    public partial class InboxPreview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "etl_inbox_pending",
                table: "etl_inbox");

            migrationBuilder.DropIndex(
                name: "etl_inbox_processing",
                table: "etl_inbox");

            migrationBuilder.DropCheckConstraint(
                name: "etl_inbox_status_check",
                table: "etl_inbox");

            migrationBuilder.AddColumn<string>(
                name: "preview",
                table: "etl_inbox",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "etl_inbox_pending",
                table: "etl_inbox",
                column: "inbox_id",
                filter: "status in ('pending', 'preview_pending')");

            migrationBuilder.CreateIndex(
                name: "etl_inbox_processing",
                table: "etl_inbox",
                column: "claimed_at",
                filter: "status in ('processing', 'previewing')");

            migrationBuilder.AddCheckConstraint(
                name: "etl_inbox_status_check",
                table: "etl_inbox",
                sql: "status in ('preview_pending', 'previewing', 'preview_ready', 'preview_failed', 'pending', 'processing', 'loaded', 'duplicate', 'failed', 'cancelled')");

            // Wake the workers for an upload to preview, and again when it is confirmed (pending by an update).
            migrationBuilder.Sql("""
                drop trigger if exists etl_inbox_notify on etl_inbox;
                create trigger etl_inbox_notify after insert or update of status on etl_inbox
                    for each row when (new.status in ('pending', 'preview_pending')) execute function etl_inbox_notify();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                drop trigger if exists etl_inbox_notify on etl_inbox;
                create trigger etl_inbox_notify after insert on etl_inbox
                    for each row when (new.status = 'pending') execute function etl_inbox_notify();
                """);

            migrationBuilder.DropIndex(
                name: "etl_inbox_pending",
                table: "etl_inbox");

            migrationBuilder.DropIndex(
                name: "etl_inbox_processing",
                table: "etl_inbox");

            migrationBuilder.DropCheckConstraint(
                name: "etl_inbox_status_check",
                table: "etl_inbox");

            migrationBuilder.DropColumn(
                name: "preview",
                table: "etl_inbox");

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

            migrationBuilder.AddCheckConstraint(
                name: "etl_inbox_status_check",
                table: "etl_inbox",
                sql: "status in ('pending', 'processing', 'loaded', 'duplicate', 'failed')");
        }
    }
}

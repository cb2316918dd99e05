using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RadEquity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Worklist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "work_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    patient_id = table.Column<string>(type: "TEXT", nullable: false),
                    measure_id = table.Column<string>(type: "TEXT", nullable: false),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    race_ethnicity = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    payer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    rurality = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    prior_no_shows = table.Column<int>(type: "INTEGER", nullable: false),
                    channels = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    assigned_to = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    assigned_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    opened_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    last_open_run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_run_id = table.Column<long>(type: "INTEGER", nullable: true),
                    closed_reason = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "worklist_syncs",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    synced_at = table.Column<string>(type: "TEXT", nullable: false),
                    created = table.Column<int>(type: "INTEGER", nullable: false),
                    reopened = table.Column<int>(type: "INTEGER", nullable: false),
                    closed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_worklist_syncs", x => x.run_id);
                });

            migrationBuilder.CreateTable(
                name: "work_item_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    work_item_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<string>(type: "TEXT", nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_item_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_item_attempts_work_items_work_item_id",
                        column: x => x.work_item_id,
                        principalTable: "work_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_work_item_attempts_work_item_id_at",
                table: "work_item_attempts",
                columns: new[] { "work_item_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_work_items_status_assigned_to",
                table: "work_items",
                columns: new[] { "status", "assigned_to" });

            migrationBuilder.CreateIndex(
                name: "ux_work_items_source_patient_id_measure_id",
                table: "work_items",
                columns: new[] { "source", "patient_id", "measure_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "work_item_attempts");

            migrationBuilder.DropTable(
                name: "worklist_syncs");

            migrationBuilder.DropTable(
                name: "work_items");
        }
    }
}

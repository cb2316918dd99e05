using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RadEquity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MeasureRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "measure_completeness",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    patients = table.Column<long>(type: "INTEGER", nullable: false),
                    race_unknown = table.Column<long>(type: "INTEGER", nullable: false),
                    race_declined = table.Column<long>(type: "INTEGER", nullable: false),
                    ethnicity_unknown = table.Column<long>(type: "INTEGER", nullable: false),
                    ethnicity_declined = table.Column<long>(type: "INTEGER", nullable: false),
                    language_missing = table.Column<long>(type: "INTEGER", nullable: false),
                    payer_missing = table.Column<long>(type: "INTEGER", nullable: false),
                    payer_unmapped = table.Column<long>(type: "INTEGER", nullable: false),
                    zip_missing = table.Column<long>(type: "INTEGER", nullable: false),
                    zip_without_rurality = table.Column<long>(type: "INTEGER", nullable: false),
                    zip_without_deprivation = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_completeness", x => new { x.run_id, x.source });
                });

            migrationBuilder.CreateTable(
                name: "measure_counts",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    measure_id = table.Column<string>(type: "TEXT", nullable: false),
                    stratifier_id = table.Column<string>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", nullable: false),
                    initial_population = table.Column<long>(type: "INTEGER", nullable: false),
                    denominator = table.Column<long>(type: "INTEGER", nullable: false),
                    exclusions = table.Column<long>(type: "INTEGER", nullable: false),
                    numerator = table.Column<long>(type: "INTEGER", nullable: false),
                    reported_method = table.Column<long>(type: "INTEGER", nullable: false),
                    open_gaps = table.Column<long>(type: "INTEGER", nullable: false),
                    prospective_gaps = table.Column<long>(type: "INTEGER", nullable: false),
                    resolved = table.Column<long>(type: "INTEGER", nullable: false),
                    resolution_days = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_counts", x => new { x.run_id, x.measure_id, x.stratifier_id, x.category });
                });

            migrationBuilder.CreateTable(
                name: "measure_outcomes",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    measure_id = table.Column<string>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    patient_id = table.Column<string>(type: "TEXT", nullable: false),
                    initial_population = table.Column<bool>(type: "INTEGER", nullable: false),
                    denominator = table.Column<bool>(type: "INTEGER", nullable: false),
                    exclusion = table.Column<bool>(type: "INTEGER", nullable: false),
                    numerator = table.Column<bool>(type: "INTEGER", nullable: false),
                    reported_method = table.Column<bool>(type: "INTEGER", nullable: false),
                    gap_status = table.Column<string>(type: "TEXT", nullable: false),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    method = table.Column<string>(type: "TEXT", nullable: true),
                    days_to_resolution = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_outcomes", x => new { x.run_id, x.measure_id, x.source, x.patient_id });
                });

            migrationBuilder.CreateTable(
                name: "measure_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    started_at = table.Column<string>(type: "TEXT", nullable: false),
                    finished_at = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    measure_ids = table.Column<string>(type: "TEXT", nullable: false),
                    value_set_source = table.Column<string>(type: "TEXT", nullable: false),
                    engine_version = table.Column<string>(type: "TEXT", nullable: false),
                    patients = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_measure_outcomes_run_id_patient_id",
                table: "measure_outcomes",
                columns: new[] { "run_id", "patient_id" });

            migrationBuilder.CreateIndex(
                name: "ix_measure_runs_status",
                table: "measure_runs",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "measure_completeness");

            migrationBuilder.DropTable(
                name: "measure_counts");

            migrationBuilder.DropTable(
                name: "measure_outcomes");

            migrationBuilder.DropTable(
                name: "measure_runs");
        }
    }
}

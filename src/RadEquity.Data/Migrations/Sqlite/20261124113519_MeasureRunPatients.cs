using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RadEquity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MeasureRunPatients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "measure_run_patients",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    patient_id = table.Column<string>(type: "TEXT", nullable: false),
                    race_ethnicity = table.Column<string>(type: "TEXT", nullable: false),
                    language = table.Column<string>(type: "TEXT", nullable: false),
                    payer = table.Column<string>(type: "TEXT", nullable: false),
                    rurality = table.Column<string>(type: "TEXT", nullable: false),
                    deprivation = table.Column<string>(type: "TEXT", nullable: false),
                    age_band = table.Column<string>(type: "TEXT", nullable: false),
                    sex = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_run_patients", x => new { x.run_id, x.source, x.patient_id });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "measure_run_patients");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RadEquity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CareTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "care_tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    patient_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    measure_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    assigned_to = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    clinician_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    clinician_email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    due_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    closed_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_tasks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_care_tasks_assigned_to_status",
                table: "care_tasks",
                columns: new[] { "assigned_to", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_care_tasks_source_patient_id",
                table: "care_tasks",
                columns: new[] { "source", "patient_id" });

            migrationBuilder.CreateIndex(
                name: "ix_care_tasks_status_created_at",
                table: "care_tasks",
                columns: new[] { "status", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "care_tasks");
        }
    }
}

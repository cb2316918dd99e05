using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RadEquity.Data.Migrations.Postgres
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    patient_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    measure_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    assigned_to = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    clinician_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    clinician_email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: true),
                    created_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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

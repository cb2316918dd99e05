using Microsoft.EntityFrameworkCore.Migrations;
using RadEquity.Data.Measures;

#nullable disable

namespace RadEquity.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FactSnapshot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            FactSnapshotSchema.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            FactSnapshotSchema.Drop(migrationBuilder);
        }
    }
}

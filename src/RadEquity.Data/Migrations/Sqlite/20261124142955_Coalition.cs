using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RadEquity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Coalition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pledges",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", nullable: false),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "TEXT", nullable: false),
                    practice_setting = table.Column<string>(type: "TEXT", nullable: false),
                    actions = table.Column<string>(type: "TEXT", nullable: false),
                    commitment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    show_name = table.Column<bool>(type: "INTEGER", nullable: false),
                    culture = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<string>(type: "TEXT", nullable: false),
                    confirmed_at = table.Column<string>(type: "TEXT", nullable: true),
                    unsubscribed_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pledges", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pledges_confirmed_at",
                table: "pledges",
                column: "confirmed_at");

            migrationBuilder.CreateIndex(
                name: "ux_pledges_email",
                table: "pledges",
                column: "email",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pledges");
        }
    }
}

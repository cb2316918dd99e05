using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RadEquity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PledgeFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pledge_follow_ups",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    pledge_id = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    claimed_at = table.Column<string>(type: "TEXT", nullable: false),
                    sent_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pledge_follow_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_pledge_follow_ups_pledges_pledge_id",
                        column: x => x.pledge_id,
                        principalTable: "pledges",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ux_pledge_follow_ups_pledge_id_kind",
                table: "pledge_follow_ups",
                columns: new[] { "pledge_id", "kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pledge_follow_ups");
        }
    }
}

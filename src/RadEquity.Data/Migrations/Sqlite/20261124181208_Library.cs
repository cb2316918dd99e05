using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RadEquity.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Library : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "library_resources",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    tags = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    audiences = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    source_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    submitted_by = table.Column<string>(type: "TEXT", nullable: true),
                    submitted_at = table.Column<string>(type: "TEXT", nullable: false),
                    reviewed_by = table.Column<string>(type: "TEXT", nullable: true),
                    reviewed_at = table.Column<string>(type: "TEXT", nullable: true),
                    rejection_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    published_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_library_resources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "library_comments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    resource_id = table.Column<long>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<string>(type: "TEXT", nullable: false),
                    moderated_by = table.Column<string>(type: "TEXT", nullable: true),
                    moderated_at = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_library_comments", x => x.id);
                    table.ForeignKey(
                        name: "fk_library_comments_library_resources_resource_id",
                        column: x => x.resource_id,
                        principalTable: "library_resources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_library_comments_resource_id_status_created_at",
                table: "library_comments",
                columns: new[] { "resource_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_library_comments_status_created_at",
                table: "library_comments",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_library_resources_source_url",
                table: "library_resources",
                column: "source_url");

            migrationBuilder.CreateIndex(
                name: "ix_library_resources_status_published_at",
                table: "library_resources",
                columns: new[] { "status", "published_at" });

            migrationBuilder.CreateIndex(
                name: "ix_library_resources_submitted_by",
                table: "library_resources",
                column: "submitted_by");

            LibrarySearchSchema.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            LibrarySearchSchema.Drop(migrationBuilder);

            migrationBuilder.DropTable(
                name: "library_comments");

            migrationBuilder.DropTable(
                name: "library_resources");
        }
    }
}

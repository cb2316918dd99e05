using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RadEquity.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Community : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "discussion_topics",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    author_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    author_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_activity_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    is_pinned = table.Column<bool>(type: "boolean", nullable: false),
                    is_locked = table.Column<bool>(type: "boolean", nullable: false),
                    is_hidden = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_discussion_topics", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webinars",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    presenters = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    held_on = table.Column<DateOnly>(type: "date", nullable: false),
                    credit_hours = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    video_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    slides_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    pass_mark_percent = table.Column<int>(type: "integer", nullable: false),
                    is_demo = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webinars", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "discussion_follows",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    topic_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    culture = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_discussion_follows", x => x.id);
                    table.ForeignKey(
                        name: "fk_discussion_follows_discussion_topics_topic_id",
                        column: x => x.topic_id,
                        principalTable: "discussion_topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_discussion_follows_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "discussion_replies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    topic_id = table.Column<long>(type: "bigint", nullable: false),
                    parent_id = table.Column<long>(type: "bigint", nullable: true),
                    depth = table.Column<int>(type: "integer", nullable: false),
                    body = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    author_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    author_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    is_hidden = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_discussion_replies", x => x.id);
                    table.ForeignKey(
                        name: "fk_discussion_replies_discussion_replies_parent_id",
                        column: x => x.parent_id,
                        principalTable: "discussion_replies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_discussion_replies_discussion_topics_topic_id",
                        column: x => x.topic_id,
                        principalTable: "discussion_topics",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webinar_certificates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    webinar_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    webinar_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    credit_hours = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webinar_certificates", x => x.id);
                    table.ForeignKey(
                        name: "fk_webinar_certificates_webinars_webinar_id",
                        column: x => x.webinar_id,
                        principalTable: "webinars",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "webinar_questions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    webinar_id = table.Column<long>(type: "bigint", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    options = table.Column<string>(type: "character varying(1505)", maxLength: 1505, nullable: false),
                    correct_option = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webinar_questions", x => x.id);
                    table.ForeignKey(
                        name: "fk_webinar_questions_webinars_webinar_id",
                        column: x => x.webinar_id,
                        principalTable: "webinars",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webinar_test_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    webinar_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    score_percent = table.Column<int>(type: "integer", nullable: false),
                    passed = table.Column<bool>(type: "boolean", nullable: false),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webinar_test_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_webinar_test_attempts_webinars_webinar_id",
                        column: x => x.webinar_id,
                        principalTable: "webinars",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_discussion_follows_user_id",
                table: "discussion_follows",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ux_discussion_follows_topic_id_user_id",
                table: "discussion_follows",
                columns: new[] { "topic_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_discussion_replies_parent_id",
                table: "discussion_replies",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_discussion_replies_topic_id_created_at",
                table: "discussion_replies",
                columns: new[] { "topic_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_discussion_topics_is_pinned_last_activity_at",
                table: "discussion_topics",
                columns: new[] { "is_pinned", "last_activity_at" });

            migrationBuilder.CreateIndex(
                name: "ix_webinar_certificates_user_id",
                table: "webinar_certificates",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ux_webinar_certificates_code",
                table: "webinar_certificates",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_webinar_certificates_webinar_id_user_id",
                table: "webinar_certificates",
                columns: new[] { "webinar_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_webinar_questions_webinar_id_position",
                table: "webinar_questions",
                columns: new[] { "webinar_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_webinar_test_attempts_webinar_id_user_id",
                table: "webinar_test_attempts",
                columns: new[] { "webinar_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_webinars_held_on",
                table: "webinars",
                column: "held_on");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "discussion_follows");

            migrationBuilder.DropTable(
                name: "discussion_replies");

            migrationBuilder.DropTable(
                name: "webinar_certificates");

            migrationBuilder.DropTable(
                name: "webinar_questions");

            migrationBuilder.DropTable(
                name: "webinar_test_attempts");

            migrationBuilder.DropTable(
                name: "discussion_topics");

            migrationBuilder.DropTable(
                name: "webinars");
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using RadEquity.Data.Model;

namespace RadEquity.Data;

// The coalition hub's resource library and its moderated comments.
public abstract partial class RadEquityDbContext
{
    public DbSet<LibraryResourceRow> LibraryResources => Set<LibraryResourceRow>();

    public DbSet<LibraryCommentRow> LibraryComments => Set<LibraryCommentRow>();

    private static void MapLibrary(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<LibraryResourceRow>(e =>
        {
            e.ToTable("library_resources");
            e.HasKey(r => r.Id);
            e.Property(r => r.Title).HasMaxLength(LibraryResourceRow.TitleLength);
            e.Property(r => r.Summary).HasMaxLength(LibraryResourceRow.SummaryLength);
            e.Property(r => r.Kind).HasMaxLength(32);
            e.Property(r => r.Tags).HasMaxLength(200);
            e.Property(r => r.Audiences).HasMaxLength(200);
            e.Property(r => r.SourceUrl).HasMaxLength(LibraryResourceRow.SourceUrlLength);
            e.Property(r => r.Organisation).HasMaxLength(LibraryResourceRow.OrganisationLength);
            e.Property(r => r.Status).HasMaxLength(16);
            e.Property(r => r.RejectionReason).HasMaxLength(LibraryResourceRow.ReasonLength);
            e.HasIndex(r => new { r.Status, r.PublishedAt });
            e.HasIndex(r => r.SubmittedBy);
            // The seeded resources are found again by their address, so seeding twice adds nothing.
            e.HasIndex(r => r.SourceUrl);
        });
        builder.Entity<LibraryCommentRow>(e =>
        {
            e.ToTable("library_comments");
            e.HasKey(c => c.Id);
            e.Property(c => c.Name).HasMaxLength(LibraryCommentRow.NameLength);
            e.Property(c => c.Email).HasMaxLength(LibraryCommentRow.EmailLength);
            e.Property(c => c.Body).HasMaxLength(LibraryCommentRow.BodyLength);
            e.Property(c => c.Status).HasMaxLength(16);
            e.HasIndex(c => new { c.ResourceId, c.Status, c.CreatedAt });
            e.HasIndex(c => new { c.Status, c.CreatedAt });
            e.HasOne<LibraryResourceRow>().WithMany().HasForeignKey(c => c.ResourceId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>
/// The library's full-text index, which EF cannot express: on SQLite an FTS5 table (external content over
/// <c>library_resources</c>) kept in sync by triggers; on PostgreSQL a generated, weighted <c>tsvector</c> column with a
/// GIN index. Called by one line from the <c>Library</c> migration of each provider, so a regenerated migration keeps it.
/// The queries that read it are in the web app's library (<c>LibrarySearch</c>).
/// </summary>
public static class LibrarySearchSchema
{
    /// <summary>Creates the index over the rows already there.</summary>
    public static void Create(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.IsSqlite())
        {
            // remove_diacritics: "telesalud" finds "telesalúd"; words of Spanish titles match without accents.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE library_search USING fts5(
                    title, summary, tags, organisation,
                    content='library_resources', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER library_search_insert AFTER INSERT ON library_resources BEGIN
                    INSERT INTO library_search(rowid, title, summary, tags, organisation)
                    VALUES (new.id, new.title, new.summary, new.tags, new.organisation);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER library_search_delete AFTER DELETE ON library_resources BEGIN
                    INSERT INTO library_search(library_search, rowid, title, summary, tags, organisation)
                    VALUES ('delete', old.id, old.title, old.summary, old.tags, old.organisation);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER library_search_update AFTER UPDATE OF title, summary, tags, organisation ON library_resources BEGIN
                    INSERT INTO library_search(library_search, rowid, title, summary, tags, organisation)
                    VALUES ('delete', old.id, old.title, old.summary, old.tags, old.organisation);
                    INSERT INTO library_search(rowid, title, summary, tags, organisation)
                    VALUES (new.id, new.title, new.summary, new.tags, new.organisation);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO library_search(library_search) VALUES ('rebuild');");
        }
        else if (migrationBuilder.IsNpgsql())
        {
            // 'simple' rather than 'english': titles and summaries come in English and Spanish, and an English stemmer
            // would mangle the Spanish words; the query side uses the same configuration.
            migrationBuilder.Sql("""
                ALTER TABLE library_resources ADD COLUMN search tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple', coalesce(title, '')), 'A')
                    || setweight(to_tsvector('simple', coalesce(tags, '') || ' ' || coalesce(organisation, '')), 'B')
                    || setweight(to_tsvector('simple', coalesce(summary, '')), 'C')) STORED;
                """);
            migrationBuilder.Sql("CREATE INDEX ix_library_resources_search ON library_resources USING GIN (search);");
        }
    }

    /// <summary>Drops what <see cref="Create"/> made.</summary>
    public static void Drop(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS library_search_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS library_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS library_search_update;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS library_search;");
        }
        else if (migrationBuilder.IsNpgsql())
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_library_resources_search;");
            migrationBuilder.Sql("ALTER TABLE library_resources DROP COLUMN IF EXISTS search;");
        }
    }
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;

namespace RadEquity.Web.Features.Coalition.Library;

/// <summary>One match of the full-text index: the resource and how well it matched (higher is better).</summary>
internal sealed record SearchHit(long Id, double Rank);

/// <summary>
/// Full-text search over the library's index (<see cref="LibrarySearchSchema"/>): SQLite FTS5 ranked by bm25, PostgreSQL
/// <c>tsvector</c> ranked by <c>ts_rank</c>. What people type is reduced to its words, each matched as a prefix and all
/// required, so no query syntax (quotes, <c>*</c>, <c>-</c>, <c>NEAR(</c>, <c>OR</c>) reaches either engine; the words
/// are still passed as a parameter, never spliced into the SQL.
/// </summary>
internal static partial class LibrarySearch
{
    private const int MostWords = 12;
    private const int LongestWord = 64;

    /// <summary>The words of a query as the index's tokenizers see them (letters, marks and digits); empty for none.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        string.IsNullOrWhiteSpace(query)
            ? []
            : [.. WordPattern().Matches(query).Select(m => m.Value.Length > LongestWord ? m.Value[..LongestWord] : m.Value)
                .Select(w => w.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Take(MostWords)];

    /// <summary>The published and unpublished resources matching every word, with their rank; compose with filters.</summary>
    public static IQueryable<SearchHit> Hits(RadEquityDbContext db, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (words.Count == 0)
        {
            throw new ArgumentException("A search needs a word.", nameof(words));
        }

        if (db.Database.IsSqlite())
        {
            // "word"* is an FTS5 prefix phrase; the quotes make OR, NOT, NEAR and column names plain words. bm25 weights:
            // title, summary, tags, organisation (negated: bm25 is lower for better matches).
            var match = string.Join(' ', words.Select(w => "\"" + w + "\"*"));
            return db.Database.SqlQuery<SearchHit>($"""
                SELECT rowid AS "Id", -bm25(library_search, 10.0, 2.0, 4.0, 4.0) AS "Rank"
                FROM library_search WHERE library_search MATCH {match}
                """);
        }

        // word:* is a prefix lexeme; the words hold only letters, marks and digits, so to_tsquery sees no operator but &.
        var query = string.Join(" & ", words.Select(w => w + ":*"));
        return db.Database.SqlQuery<SearchHit>($"""
            SELECT id AS "Id", ts_rank(search, to_tsquery('simple', {query}))::double precision AS "Rank"
            FROM library_resources WHERE search @@ to_tsquery('simple', {query})
            """);
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex WordPattern();
}

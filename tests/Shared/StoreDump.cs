using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;

namespace RadEquity.Testing;

/// <summary>Every row of every table, as sorted text: two dumps are equal exactly when the stores hold the same data.</summary>
internal static class StoreDump
{
    public static readonly string[] Tables =
        ["patients", "coverages", "clinical_events", "appointments", "sites", "raw_resources", "quarantine", "ingest_runs"];

    /// <summary>The columns that differ between two runs over the same input: when and by which run a row was
    /// loaded, and surrogate keys.</summary>
    private static readonly HashSet<string> RunColumns = new(StringComparer.Ordinal) { "ingested_at", "quarantined_at", "run_id", "id" };

    /// <summary>What the store holds from its inputs: every table but the run log, without <see cref="RunColumns"/>.
    /// Equal for two stores loaded from the same files, however the loading went.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadContentAsync(StoreTarget target) =>
        await ReadAsync(target, Tables.Where(t => t != "ingest_runs"), RunColumns);

    public static Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadAsync(StoreTarget target) =>
        ReadAsync(target, Tables, new HashSet<string>());

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadAsync(
        StoreTarget target, IEnumerable<string> tables, HashSet<string> skippedColumns)
    {
        await using var db = target.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var dump = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount)
                    .Where(i => !skippedColumns.Contains(reader.GetName(i)))
                    .Select(i => reader.GetName(i) + "=" + Format(reader, i))));
            }

            rows.Sort(StringComparer.Ordinal);
            dump[table] = rows;
        }

        return dump;
    }

    public static void AssertEqual(IReadOnlyDictionary<string, IReadOnlyList<string>> expected, IReadOnlyDictionary<string, IReadOnlyList<string>> actual)
    {
        foreach (var table in Tables)
        {
            Assert.Equal(expected[table], actual[table]);
        }
    }

    private static string Format(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal)
        ? "NULL"
        : reader.GetValue(ordinal) switch
        {
            byte[] bytes => Convert.ToHexString(bytes),
            DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
            var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
}

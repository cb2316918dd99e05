using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace RadEquity.Data.Tests;

/// <summary>Every row of every table, as sorted text: two dumps are equal exactly when the stores hold the same data.</summary>
internal static class StoreDump
{
    public static readonly string[] Tables =
        ["patients", "coverages", "clinical_events", "appointments", "sites", "raw_resources", "quarantine", "ingest_runs"];

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadAsync(StoreTarget target)
    {
        await using var db = target.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var dump = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i) + "=" + Format(reader, i))));
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

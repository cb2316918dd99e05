using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RadEquity.Cli.Tests;

/// <summary>
/// The content of an SQLite store as sorted text, leaving out what legitimately differs between two runs over the
/// same input: timestamps of loading, run ids and surrogate keys.
/// </summary>
internal static class StoreState
{
    private static readonly string[] Tables = ["patients", "coverages", "clinical_events", "appointments", "sites", "raw_resources", "quarantine"];
    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal) { "ingested_at", "quarantined_at", "run_id", "id" };

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        var state = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount)
                    .Where(i => !Volatile.Contains(reader.GetName(i)))
                    .Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            state[table] = rows;
        }

        return state;
    }

    public static long Count(string databasePath, string table)
    {
        if (!File.Exists(databasePath))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM {table}";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not migrated yet
        }
    }
}

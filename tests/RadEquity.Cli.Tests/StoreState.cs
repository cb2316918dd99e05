using Microsoft.Data.Sqlite;

namespace RadEquity.Cli.Tests;

/// <summary>Row counts of an SQLite store that another process may still be creating or writing.</summary>
internal static class StoreState
{
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

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RadEquity.Data.Ingest;
using RadEquity.Engine.Ingest;

namespace RadEquity.Data;

/// <summary>The database engines the store runs on.</summary>
public enum StoreProvider
{
    /// <summary>An embedded SQLite file (the default).</summary>
    Sqlite,
    /// <summary>A PostgreSQL server.</summary>
    PostgreSql,
}

/// <summary>
/// Reads the <c>--db</c> option or the <see cref="ConfigurationKey"/> setting: a value containing <c>Host=</c>
/// (any case, any position) is a PostgreSQL connection string; anything else is an SQLite file path.
/// </summary>
public static class StoreConnection
{
    /// <summary>The configuration key of the database (environment variable <c>RadEquity__Database</c>).</summary>
    public const string ConfigurationKey = "RadEquity:Database";

    /// <summary>The SQLite file used when nothing is configured: <c>&lt;LocalApplicationData&gt;/RadEquity/radequity.db</c>.</summary>
    public static string DefaultSqlitePath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "RadEquity", "radequity.db");

    /// <summary>Parses a <c>--db</c> value; null or blank means <see cref="DefaultSqlitePath"/>. Touches no file.</summary>
    public static StoreTarget Parse(string? database)
    {
        if (string.IsNullOrWhiteSpace(database))
        {
            return Sqlite(DefaultSqlitePath);
        }

        var value = database.Trim();
        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            return new StoreTarget(StoreProvider.PostgreSql, new NpgsqlConnectionStringBuilder(value).ConnectionString, null);
        }

        return Sqlite(value);
    }

    private static StoreTarget Sqlite(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder { DataSource = fullPath, Pooling = true };
        return new StoreTarget(StoreProvider.Sqlite, builder.ConnectionString, fullPath);
    }
}

/// <summary>A parsed database setting: which provider, and how to reach it.</summary>
/// <param name="Provider">SQLite or PostgreSQL.</param>
/// <param name="ConnectionString">The provider's connection string.</param>
/// <param name="SqlitePath">The full path of the SQLite file; null for PostgreSQL.</param>
public sealed record StoreTarget(StoreProvider Provider, string ConnectionString, string? SqlitePath)
{
    /// <summary>For display: the SQLite path, or the PostgreSQL host and database (never the password).</summary>
    public string Description => Provider switch
    {
        StoreProvider.Sqlite => "SQLite " + SqlitePath,
        StoreProvider.PostgreSql => DescribePostgres(ConnectionString),
        _ => throw new InvalidOperationException("Unknown provider."),
    };

    /// <summary>Applies the provider and connection to EF options.</summary>
    public void Configure(DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        switch (Provider)
        {
            case StoreProvider.Sqlite:
                builder.UseSqlite(ConnectionString);
                break;
            case StoreProvider.PostgreSql:
                builder.UseNpgsql(ConnectionString);
                break;
            default:
                throw new InvalidOperationException("Unknown provider.");
        }
    }

    /// <summary>A new context on this database (the caller disposes it). Creates the SQLite folder.</summary>
    public RadEquityDbContext CreateDbContext()
    {
        EnsureSqliteFolder();
        return Provider switch
        {
            StoreProvider.Sqlite => new SqliteRadEquityDbContext(Options<SqliteRadEquityDbContext>()),
            StoreProvider.PostgreSql => new PostgresRadEquityDbContext(Options<PostgresRadEquityDbContext>()),
            _ => throw new InvalidOperationException("Unknown provider."),
        };
    }

    /// <summary>The bulk ingest sink for this database.</summary>
    public IIngestSink CreateSink(TimeProvider? time = null)
    {
        EnsureSqliteFolder();
        return Provider switch
        {
            StoreProvider.Sqlite => new SqliteIngestSink(ConnectionString, time ?? TimeProvider.System) { Snapshot = this },
            StoreProvider.PostgreSql => new PostgresIngestSink(ConnectionString, time ?? TimeProvider.System) { Snapshot = this },
            _ => throw new InvalidOperationException("Unknown provider."),
        };
    }

    /// <summary>Creates the database if needed and applies pending migrations; on SQLite also turns on WAL.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (Provider == StoreProvider.Sqlite)
        {
            // WAL lets the web app read while an ingest writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }

    internal void EnsureSqliteFolder()
    {
        var folder = Path.GetDirectoryName(SqlitePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    private DbContextOptions<T> Options<T>()
        where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        Configure(builder);
        return builder.Options;
    }

    private static string DescribePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }
}

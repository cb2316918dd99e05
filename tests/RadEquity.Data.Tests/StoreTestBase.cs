using Microsoft.Data.Sqlite;
using RadEquity.Data.Ingest;
using RadEquity.Engine.Ingest;
using RadEquity.Testing;

namespace RadEquity.Data.Tests;

/// <summary>
/// A fresh, migrated store per test: an SQLite temp file when <paramref name="server"/> is null, else a new
/// database on the shared PostgreSQL test server. Every abstract test class runs once per provider through
/// its two concrete subclasses.
/// </summary>
public abstract class StoreTestBase(PostgresTestServer? server) : IAsyncLifetime
{
    private StoreTarget? _target;
    private IIngestSink? _sink;

    protected ManualClock Clock { get; } = new(new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero));

    protected StoreTarget Target => _target ?? throw new InvalidOperationException("The store is not available.");

    protected IIngestSink Sink => _sink ?? throw new InvalidOperationException("The store is not available.");

    public async Task InitializeAsync()
    {
        if (server is null)
        {
            var folder = Path.Combine(Path.GetTempPath(), "radequity-data-tests");
            _target = StoreConnection.Parse(Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db"));
        }
        else if (server.IsAvailable)
        {
            _target = StoreConnection.Parse(await server.CreateDatabaseAsync());
        }
        else
        {
            return;
        }

        await _target.MigrateAsync(CancellationToken.None);
        _sink = _target.CreateSink(Clock);
    }

    public async Task DisposeAsync()
    {
        if (_target is null)
        {
            return;
        }

        if (_target.Provider == StoreProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_target.SqlitePath + suffix);
            }
        }
        else
        {
            await server!.DropDatabaseAsync(_target.ConnectionString);
        }
    }

    /// <summary>A sink of the store's provider that throws after writing a batch, just before committing it.</summary>
    protected IIngestSink SinkFailingBeforeCommit()
    {
        static Task Fail() => throw new InvalidOperationException("Simulated failure before commit.");
        return Target.Provider == StoreProvider.Sqlite
            ? new SqliteIngestSink(Target.ConnectionString, Clock) { BeforeCommit = Fail }
            : new PostgresIngestSink(Target.ConnectionString, Clock) { BeforeCommit = Fail };
    }

    /// <summary>Every test starts with this: PostgreSQL tests skip (or, under CI, fail) without a server.</summary>
    protected void SkipUnlessAvailable() => Skip.If(_target is null, server?.SkipReason);

    /// <summary>One run of one batch, as the CLI does it.</summary>
    protected async Task<BatchResult> IngestAsync(IReadOnlyList<IngestItem> items)
    {
        var runId = await Sink.BeginRunAsync(SampleItems.Source, ["export/"], Clock.GetUtcNow(), CancellationToken.None);
        var result = await Sink.WriteBatchAsync(runId, items, CancellationToken.None);
        await Sink.CompleteRunAsync(runId, Summary(result, completed: true), CancellationToken.None);
        return result;
    }

    protected static IngestSummary Summary(BatchResult changes, bool completed) => new(
        new Dictionary<string, long>(StringComparer.Ordinal) { ["Patient"] = changes.Inserted + changes.Updated + changes.Unchanged },
        new Dictionary<string, long>(StringComparer.Ordinal) { ["PatientFact"] = changes.Inserted },
        changes,
        changes.Quarantined,
        4096,
        TimeSpan.FromSeconds(1.5),
        completed,
        []);
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

using RadEquity.Testing;

namespace RadEquity.Web.Tests.Infrastructure;

/// <summary>Where a store test runs: a fresh SQLite file, or a fresh database on the shared PostgreSQL test server.</summary>
public abstract class TestStore
{
    public static TestStore Sqlite { get; } = new SqliteStore();

    public static TestStore Postgres(PostgresTestServer server) => new PostgresStore(server);

    /// <summary>A new empty database; null when the provider is not available here.</summary>
    public abstract Task<string?> CreateAsync();

    public abstract Task DropAsync(string database);

    /// <summary>Skips the calling test when the provider is not available (fails instead under CI).</summary>
    public virtual void SkipUnlessAvailable()
    {
    }

    private sealed class SqliteStore : TestStore
    {
        public override Task<string?> CreateAsync() => SqliteTestStore.CreateAsync();

        public override Task DropAsync(string database) => SqliteTestStore.DropAsync(database);
    }

    private sealed class PostgresStore(PostgresTestServer server) : TestStore
    {
        public override async Task<string?> CreateAsync() => server.IsAvailable ? await server.CreateDatabaseAsync() : null;

        public override Task DropAsync(string database) => server.DropDatabaseAsync(database);

        public override void SkipUnlessAvailable() => Skip.IfNot(server.IsAvailable, server.SkipReason);
    }
}

/// <summary>
/// Base of the web tests that run on both stores: a fresh database per test, and the app started on it (demo
/// population off, administrator from configuration unless a test asks for a factory without).
/// </summary>
public abstract class StoreAppTests(TestStore store) : IAsyncLifetime
{
    private readonly List<RadEquityWebFactory> _factories = [];
    private string? _database;
    private RadEquityWebFactory? _factory;

    protected TestStore Store => store;

    /// <summary>The app with the administrator from configuration, started on first use.</summary>
    protected RadEquityWebFactory Factory => _factory ??= NewFactory(configureAdministrator: true);

    protected string Database => _database ?? throw new InvalidOperationException("No store.");

    public async Task InitializeAsync() => _database = await store.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await store.DropAsync(_database);
        }
    }

    /// <summary>Another app on the same database (disposed with the test).</summary>
    protected RadEquityWebFactory NewFactory(bool configureAdministrator, int demoPatients = 0)
    {
        var factory = new RadEquityWebFactory(Database, demoPatients, configureAdministrator);
        _factories.Add(factory);
        return factory;
    }

    protected void SkipUnlessAvailable() => store.SkipUnlessAvailable();
}

using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Testing;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Home;

/// <summary>The same tests on both stores: the app starts empty, loads its demo population, and shows it.</summary>
public abstract class HomePageTests : IAsyncLifetime
{
    private const int DemoPatients = 120;
    private RadEquityWebFactory? _factory;

    protected abstract Task<string?> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync(string database);

    public async Task InitializeAsync()
    {
        var database = await CreateDatabaseAsync();
        if (database is not null)
        {
            _factory = new RadEquityWebFactory(database, DemoPatients);
        }
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await DropDatabaseAsync(_factory.Database);
        }
    }

    protected RadEquityWebFactory Factory => _factory ?? throw new InvalidOperationException("No store.");

    [SkippableFact]
    public async Task Home_FirstStartOnEmptyStore_ShowsDemoPopulationCounts()
    {
        SkipUnlessAvailable();
        using var client = await Factory.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);

        var html = await client.GetStringAsync("/");

        Assert.Contains($"data-testid=\"patients\">{DemoPatients:N0}<", html, StringComparison.Ordinal);
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        var resources = await db.RawResources.LongCountAsync();
        Assert.True(resources > DemoPatients * 5, $"expected a full population, found {resources} resources");
        Assert.Contains($"data-testid=\"resources\">{resources:N0}<", html, StringComparison.Ordinal);
        Assert.Contains(">Patient<", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"quarantine-empty\"", html, StringComparison.Ordinal);
        Assert.Contains(">demo<", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Home_SecondStart_DoesNotLoadDemoAgain()
    {
        SkipUnlessAvailable();
        using (Factory.CreateClient())
        {
        }

        await using var second = new RadEquityWebFactory(Factory.Database, DemoPatients);
        using var client = await second.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);
        var html = await client.GetStringAsync("/");

        Assert.Contains($"data-testid=\"patients\">{DemoPatients:N0}<", html, StringComparison.Ordinal);
        using var scope = second.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().IngestRuns.CountAsync());
    }

    [SkippableFact]
    public async Task Health_StoreReachable_ReportsHealthy()
    {
        SkipUnlessAvailable();
        using var client = Factory.CreateHttpsClient(); // anonymous: health needs no sign-in

        using var response = await client.GetAsync("/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    protected virtual void SkipUnlessAvailable()
    {
    }
}

public sealed class HomePageSqliteTests : HomePageTests
{
    protected override Task<string?> CreateDatabaseAsync() => SqliteTestStore.CreateAsync();

    protected override Task DropDatabaseAsync(string database) => SqliteTestStore.DropAsync(database);
}

[Collection(PostgresTestGroup.Name)]
public sealed class HomePagePostgresTests(PostgresTestServer server) : HomePageTests
{
    protected override async Task<string?> CreateDatabaseAsync() =>
        server.IsAvailable ? await server.CreateDatabaseAsync() : null;

    protected override Task DropDatabaseAsync(string database) => server.DropDatabaseAsync(database);

    protected override void SkipUnlessAvailable() => Skip.IfNot(server.IsAvailable, server.SkipReason);
}

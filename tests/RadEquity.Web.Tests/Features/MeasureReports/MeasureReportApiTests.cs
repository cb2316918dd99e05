using System.Net;
using System.Text.Json;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.MeasureReports;

/// <summary>The MeasureReport API on both stores: the demo start measures the population, and the API serves the
/// de-identified report of the latest run, to every role (here the least privileged, Viewer).</summary>
public abstract class MeasureReportApiTests : IAsyncLifetime
{
    private const int DemoPatients = 800;
    private RadEquityWebFactory? _factory;

    protected abstract Task<string?> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync(string database);

    public async Task InitializeAsync()
    {
        if (await CreateDatabaseAsync() is { } database)
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

    private RadEquityWebFactory Factory => _factory ?? throw new InvalidOperationException("No store.");

    protected virtual void SkipUnlessAvailable()
    {
    }

    [SkippableFact]
    public async Task List_AfterDemoStart_NamesEveryMeasureOfTheRun()
    {
        SkipUnlessAvailable();
        using var client = await Factory.CreateSignedInClientForRoleAsync(Roles.Viewer);

        using var body = JsonDocument.Parse(await client.GetStringAsync("/api/measure-reports"));

        var ids = body.RootElement.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Equal(8, ids.Count);
        Assert.Contains("cms125", ids);
        Assert.Contains("lung-rads-follow-up", ids);
    }

    [SkippableFact]
    public async Task Get_Cms125_FhirMeasureReportWithNoSmallCount()
    {
        SkipUnlessAvailable();
        using var client = await Factory.CreateSignedInClientForRoleAsync(Roles.Viewer);

        using var response = await client.GetAsync("/api/measure-reports/cms125");
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        using var report = JsonDocument.Parse(json);
        Assert.Equal("MeasureReport", report.RootElement.GetProperty("resourceType").GetString());
        Assert.Equal("summary", report.RootElement.GetProperty("type").GetString());
        var counts = Counts(report.RootElement).ToList();
        Assert.NotEmpty(counts);
        Assert.DoesNotContain(counts, c => c is >= 1 and <= 10);
        Assert.Contains("masked", json, StringComparison.Ordinal); // small strata exist in 800 patients and are masked
    }

    [SkippableFact]
    public async Task Get_UnknownMeasure_NotFound()
    {
        SkipUnlessAvailable();
        using var client = await Factory.CreateSignedInClientForRoleAsync(Roles.Viewer);

        using var response = await client.GetAsync("/api/measure-reports/cms999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static IEnumerable<long> Counts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "count" && p.Value.ValueKind == JsonValueKind.Number ? [p.Value.GetInt64()] : Counts(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Counts),
        _ => [],
    };
}

public sealed class MeasureReportApiSqliteTests : MeasureReportApiTests
{
    protected override Task<string?> CreateDatabaseAsync() => SqliteTestStore.CreateAsync();

    protected override Task DropDatabaseAsync(string database) => SqliteTestStore.DropAsync(database);
}

[Collection(PostgresTestGroup.Name)]
public sealed class MeasureReportApiPostgresTests(PostgresTestServer server) : MeasureReportApiTests
{
    protected override async Task<string?> CreateDatabaseAsync() =>
        server.IsAvailable ? await server.CreateDatabaseAsync() : null;

    protected override Task DropDatabaseAsync(string database) => server.DropDatabaseAsync(database);

    protected override void SkipUnlessAvailable() => Skip.IfNot(server.IsAvailable, server.SkipReason);
}

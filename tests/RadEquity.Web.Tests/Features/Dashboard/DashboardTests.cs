using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using RadEquity.Interop.Reports;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Dashboard;

/// <summary>
/// The dashboard on both stores, over the demo population (two periods measured at start): a Viewer sees and exports
/// only the small-cell gate's output, an Analyst the internal figures, and the reference-group choice changes the
/// comparison.
/// </summary>
public abstract partial class DashboardTests : IAsyncLifetime
{
    private const int DemoPatients = 800;
    private const string Measure = "cms125";
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
    public async Task Overview_Viewer_EveryMeasureWithTrendOverBothPeriods()
    {
        SkipUnlessAvailable();
        using var client = await Factory.CreateSignedInClientForRoleAsync(Roles.Viewer);

        var html = await client.GetStringAsync("/dashboard");

        Assert.Equal(8, MeasureRow().Count(html));
        Assert.Contains("href=\"/dashboard/measures/cms125\"", html, StringComparison.Ordinal);
        Assert.Contains("data-basis=\"disclosed\"", html, StringComparison.Ordinal);
        var year = DateTime.UtcNow.Year;
        Assert.Contains($"<li>{year - 2}: ", html, StringComparison.Ordinal);
        Assert.Contains($"<li>{year - 1}: ", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Measure_SmallCell_SuppressedForViewerInPageCsvAndMeasureReport()
    {
        SkipUnlessAvailable();
        using var analyst = await Factory.CreateSignedInClientForRoleAsync(Roles.Analyst);
        using var viewer = await Factory.CreateSignedInClientForRoleAsync(Roles.Viewer);
        var internalRows = Csv(await analyst.GetStringAsync($"/dashboard/measures/{Measure}/export.csv"));
        // A one-way stratum with 1 to 10 eligible patients: the gate must withhold it.
        var small = internalRows.First(r => !r["stratifier"].Contains("-x-", StringComparison.Ordinal) && r["stratifier"] != "overall"
            && long.Parse(r["eligible"], System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 10);

        var page = await viewer.GetStringAsync($"/dashboard/measures/{Measure}");
        var csv = Csv(await viewer.GetStringAsync($"/dashboard/measures/{Measure}/export.csv"));
        var fhir = await viewer.GetStringAsync($"/dashboard/measures/{Measure}/measure-report.json");

        Assert.Contains("data-basis=\"disclosed\"", page, StringComparison.Ordinal);
        Assert.Matches("(?s)" + SectionOf(small["stratifier"]) + "(?:(?!</section>).)*data-category=\"" + Regex.Escape(WebUtility.HtmlEncode(small["category"])) +
                       "\" data-suppressed=\"true\"", page);
        Assert.DoesNotContain("patients-link", page, StringComparison.Ordinal);
        var suppressedRow = csv.Single(r => r["stratifier"] == small["stratifier"] && r["category"] == small["category"]);
        Assert.Equal("true", suppressedRow["suppressed"]);
        Assert.Equal("", suppressedRow["eligible"]);
        Assert.All(csv, r => Assert.Equal("suppressed", r["figures"]));
        Assert.DoesNotContain(csv.SelectMany(r => new[] { r["eligible"], r["numerator"] }).Where(v => v.Length > 0).Select(long.Parse),
            n => n is >= 1 and <= 10);
        using var report = JsonDocument.Parse(fhir);
        var stratum = report.RootElement.GetProperty("group")[0].GetProperty("stratifier").EnumerateArray()
            .Single(s => s.GetProperty("code")[0].GetProperty("text").GetString() == small["stratifier"])
            .GetProperty("stratum").EnumerateArray()
            .Single(s => s.GetProperty("value").GetProperty("text").GetString() == small["category"]);
        Assert.Contains("masked", stratum.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Counts(report.RootElement), c => c is >= 1 and <= 10);
    }

    [SkippableFact]
    public async Task Measure_Analyst_SeesInternalFiguresAndPatientLinks()
    {
        SkipUnlessAvailable();
        using var analyst = await Factory.CreateSignedInClientForRoleAsync(Roles.Analyst);

        var page = await analyst.GetStringAsync($"/dashboard/measures/{Measure}");
        var csv = Csv(await analyst.GetStringAsync($"/dashboard/measures/{Measure}/export.csv"));
        var fhir = await analyst.GetStringAsync($"/dashboard/measures/{Measure}/measure-report.json");

        Assert.Contains("data-basis=\"internal\"", page, StringComparison.Ordinal);
        Assert.Contains("For use inside the practice", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-suppressed=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("/dashboard/measures/cms125/patients?stratifier=payer&amp;category=", page, StringComparison.Ordinal);
        Assert.All(csv, r => Assert.Equal("false", r["suppressed"]));
        Assert.Contains(csv, r => long.Parse(r["eligible"], System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 10);
        Assert.DoesNotContain("masked", fhir, StringComparison.Ordinal);
        Assert.Contains(Counts(JsonDocument.Parse(fhir).RootElement), c => c is >= 1 and <= 10);
    }

    [SkippableFact]
    public async Task Measure_ReferenceGroupChosen_ChangesTheComparison()
    {
        SkipUnlessAvailable();
        using var client = await Factory.CreateSignedInClientForRoleAsync(Roles.Analyst);
        var byDefault = Csv(await client.GetStringAsync($"/dashboard/measures/{Measure}/export.csv")).Where(r => r["stratifier"] == "payer").ToList();
        var best = byDefault[0]["reference"];
        var other = byDefault.First(r => r["category"] != best && r["category"] != "Unknown" && r["eligible"] != "0")["category"];

        var query = "?ref-payer=" + Uri.EscapeDataString(other);
        var chosen = Csv(await client.GetStringAsync($"/dashboard/measures/{Measure}/export.csv{query}")).Where(r => r["stratifier"] == "payer").ToList();
        var page = await client.GetStringAsync($"/dashboard/measures/{Measure}{query}");

        Assert.NotEqual(best, other);
        Assert.All(chosen, r => Assert.Equal(other, r["reference"]));
        Assert.Equal("", chosen.Single(r => r["category"] == other)["difference"]);
        Assert.NotEqual("", chosen.Single(r => r["category"] == best)["difference"]);
        Assert.Contains($"Reference group: {WebUtility.HtmlEncode(other)}.", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{WebUtility.HtmlEncode(other)}\" selected=\"selected\">", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ReportHtml_ViewerGetsSuppressedReport_AnalystTheInternalOne()
    {
        SkipUnlessAvailable();
        using var viewer = await Factory.CreateSignedInClientForRoleAsync(Roles.Viewer);
        using var analyst = await Factory.CreateSignedInClientForRoleAsync(Roles.Analyst);

        using var response = await viewer.GetAsync("/dashboard/report.html");
        var suppressed = await response.Content.ReadAsStringAsync();
        var internalReport = await analyst.GetStringAsync("/dashboard/report.html");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", suppressed, StringComparison.Ordinal);
        Assert.Contains("Suppressed aggregates", suppressed, StringComparison.Ordinal);
        Assert.Contains(">suppressed<", suppressed, StringComparison.Ordinal);
        Assert.DoesNotContain(HtmlReport.InternalUseNotice, suppressed, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(HtmlReport.InternalUseNotice), internalReport, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Measure_UnknownMeasure_NotFound()
    {
        SkipUnlessAvailable();
        using var client = await Factory.CreateSignedInClientForRoleAsync(Roles.Viewer);

        using var page = await client.GetAsync("/dashboard/measures/cms999");
        using var csv = await client.GetAsync("/dashboard/measures/cms999/export.csv");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, csv.StatusCode);
    }

    private static string SectionOf(string stratifier) => Regex.Escape($"data-stratifier=\"{stratifier}\"");

    /// <summary>The export's rows as header → value (RFC 4180 quoting).</summary>
    private static List<Dictionary<string, string>> Csv(string text)
    {
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = Fields(lines[0]);
        return lines.Skip(1).Select(l => header.Zip(Fields(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') { quoted = !quoted; }
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else { field.Append(c); }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static IEnumerable<long> Counts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "count" && p.Value.ValueKind == JsonValueKind.Number ? [p.Value.GetInt64()] : Counts(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Counts),
        _ => [],
    };

    [GeneratedRegex("<tr data-measure=\"")]
    private static partial Regex MeasureRow();
}

public sealed class DashboardSqliteTests : DashboardTests
{
    protected override Task<string?> CreateDatabaseAsync() => SqliteTestStore.CreateAsync();

    protected override Task DropDatabaseAsync(string database) => SqliteTestStore.DropAsync(database);
}

[Collection(PostgresTestGroup.Name)]
public sealed class DashboardPostgresTests(PostgresTestServer server) : DashboardTests
{
    protected override async Task<string?> CreateDatabaseAsync() =>
        server.IsAvailable ? await server.CreateDatabaseAsync() : null;

    protected override Task DropDatabaseAsync(string database) => server.DropDatabaseAsync(database);

    protected override void SkipUnlessAvailable() => Skip.IfNot(server.IsAvailable, server.SkipReason);
}

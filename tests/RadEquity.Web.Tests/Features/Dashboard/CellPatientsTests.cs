using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Dashboard;

/// <summary>The patients behind a stratum and one patient's evidence, on the demo population's run (SQLite): shown
/// to roles with patient rights only, and every view audited.</summary>
public sealed partial class CellPatientsTests : IAsyncLifetime
{
    private RadEquityWebFactory? _factory;

    private RadEquityWebFactory Factory => _factory ?? throw new InvalidOperationException("No store.");

    public async Task InitializeAsync() => _factory = new RadEquityWebFactory((await SqliteTestStore.CreateAsync())!, 800);

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await SqliteTestStore.DropAsync(_factory.Database);
        }
    }

    [Fact]
    public async Task CellPage_Navigator_ListsUnscreenedPatientsOfTheStratumAndAuditsTheView()
    {
        using var navigator = await Factory.CreateSignedInClientForRoleAsync(Roles.Navigator);

        var html = await navigator.GetStringAsync("/dashboard/measures/cms130/patients?stratifier=sex&category=Female");

        Assert.Contains("in the denominator without a qualifying", html, StringComparison.Ordinal);
        var links = PatientLink().Matches(html);
        Assert.NotEmpty(links);
        var events = await AuditSubjectsAsync("patient-list");
        Assert.Contains(events, s => s.Contains("cms130 sex=Female", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CellPage_NextPageLink_ShowsTheNextPatientsOfTheList()
    {
        // A population large enough for more than one page of 50 in the stratum.
        var database = (await SqliteTestStore.CreateAsync())!;
        await using var large = new RadEquityWebFactory(database, 3_000);
        using var navigator = await large.CreateSignedInClientForRoleAsync(Roles.Navigator);
        const string list = "/dashboard/measures/cms130/patients?stratifier=sex&category=Female";
        var first = await navigator.GetStringAsync(list);
        var total = int.Parse(ExportAll().Match(first).Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.True(total > 50, $"the stratum needs more than one page of patients; it has {total}");

        var next = WebUtility.HtmlDecode(NextPage().Match(first).Groups[1].Value);
        var second = await navigator.GetStringAsync("/dashboard/measures/cms130/patients" + next);

        var onFirst = PatientLink().Matches(first).Select(m => m.Groups[1].Value).ToList();
        var onSecond = PatientLink().Matches(second).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(50, onFirst.Distinct().Count());
        Assert.Equal(Math.Min(50, total - 50), onSecond.Distinct().Count());
        Assert.Empty(onFirst.Intersect(onSecond));
        await SqliteTestStore.DropAsync(database);
    }

    [Fact]
    public async Task PatientPage_Analyst_ShowsEvidenceAndAuditsThePatient()
    {
        using var analyst = await Factory.CreateSignedInClientForRoleAsync(Roles.Analyst);
        var list = await analyst.GetStringAsync("/dashboard/measures/cms130/patients?stratifier=sex&category=Female");
        var href = WebUtility.HtmlDecode(PatientLink().Match(list).Groups[1].Value);

        var html = await analyst.GetStringAsync(href);

        Assert.Contains("Evidence: what satisfied or failed each criterion", html, StringComparison.Ordinal);
        Assert.Contains("Care gap", html, StringComparison.Ordinal);
        var patient = href.Split('/')[4].Split('?')[0];
        Assert.Contains(await AuditSubjectsAsync("patient"), s => s.Contains("/Patient/" + Uri.UnescapeDataString(patient), StringComparison.Ordinal));
    }

    [Fact]
    public async Task CellPage_Viewer_DeniedAndNothingAudited()
    {
        using var viewer = await Factory.CreateSignedInClientForRoleAsync(Roles.Viewer);

        using var response = await viewer.GetAsync("/dashboard/measures/cms130/patients?stratifier=sex&category=Female");

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, response.StatusCode.ToString());
        Assert.Empty(await AuditSubjectsAsync("patient-list"));
    }

    [Fact]
    public async Task CellPage_UnknownStratifier_NotFound()
    {
        using var analyst = await Factory.CreateSignedInClientForRoleAsync(Roles.Analyst);

        using var response = await analyst.GetAsync("/dashboard/measures/cms130/patients?stratifier=shoe-size&category=9");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Export_Navigator_EveryPatientOfTheStratumAndAnAuditedExport()
    {
        using var navigator = await Factory.CreateSignedInClientForRoleAsync(Roles.Navigator);
        var page = await navigator.GetStringAsync("/dashboard/measures/cms130/patients?stratifier=sex&category=Female");
        var total = int.Parse(ExportAll().Match(page).Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

        using var response = await navigator.GetAsync("/dashboard/measures/cms130/patients/export.csv?stratifier=sex&category=Female");

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("source,patient_id,measure,run,gap_status,due_date,overdue", lines[0]);
        Assert.Equal(total, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Matches("^demo,[^,]+,cms130,[0-9]+,(open|prospective),[0-9-]*,(yes|no)$", l));
        Assert.Contains(await AuditSubjectsAsync("patient-list", AuditAction.Export), s => s.EndsWith("cms130 sex=Female", StringComparison.Ordinal));
    }

    private async Task<List<string>> AuditSubjectsAsync(string what, string action = AuditAction.View)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        return await db.AuditEvents.Where(e => e.What == what && e.Action == action).Select(e => e.Subject ?? "").ToListAsync();
    }

    [GeneratedRegex("Export all ([0-9,]+) as CSV")]
    private static partial Regex ExportAll();

    [GeneratedRegex("<a href=\"([^\"]+)\">Next page</a>")]
    private static partial Regex NextPage();

    [GeneratedRegex("href=\"(/dashboard/patients/[^\"]+)\"")]
    private static partial Regex PatientLink();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Engine.Reporting;
using RadEquity.Testing;
using RadEquity.Web.Features.Campaigns;
using RadEquity.Web.Features.Dashboard;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Campaigns;

/// <summary>The campaign's disparity before and after is the dashboard's own figures of the two runs, on the demo population.</summary>
public abstract class CampaignDisparityTests(TestStore store) : StoreAppTests(store)
{
    private const string Measure = "cms125";
    private const string Payer = "payer";

    [SkippableFact]
    public async Task Compare_BaselineAndLatestRun_EqualTheDashboardFiguresOfEachRunPerStratum()
    {
        SkipUnlessAvailable();
        var factory = NewFactory(configureAdministrator: true, demoPatients: 800);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        var runs = await db.MeasureRuns.Where(r => r.Status == MeasureRunStatus.Completed).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        Assert.True(runs.Count >= 2, "the demo measures two periods");
        var (before, after) = (runs[^2], runs[^1]);

        var change = await scope.ServiceProvider.GetRequiredService<CampaignDisparity>().CompareAsync(Measure, before, Payer, CancellationToken.None);

        Assert.Equal((before, after), (change.BeforeRunId, change.AfterRunId));
        var view = await scope.ServiceProvider.GetRequiredService<DashboardFigures>()
            .ReadAsync(FigureBasis.Disclosed, Measure, new ReportOptions(), withTrend: true, CancellationToken.None);
        foreach (var (runId, isBefore) in new[] { (before, true), (after, false) })
        {
            var figures = view!.Trend.Single(p => p.RunId == runId).Figures;
            var section = figures.Section(Measure)!.Stratifiers.Single(s => s.StratifierId == Payer);
            Assert.Equal(section.Reference, isBefore ? change.BeforeReference : change.AfterReference);
            Assert.Equal(section.Summary?.RateRangeDifference, (isBefore ? change.BeforeSummary : change.AfterSummary)?.RateRangeDifference);
            foreach (var stratum in change.Strata)
            {
                var (rate, suppressed) = isBefore ? (stratum.Before, stratum.BeforeSuppressed) : (stratum.After, stratum.AfterSuppressed);
                Assert.Equal(figures.IsSuppressed(Measure, Payer, stratum.Category), suppressed);
                var row = section.Rows.FirstOrDefault(r => r.Category == stratum.Category && r.Eligible > 0);
                Assert.Equal(row?.Rate, rate?.Rate);
                Assert.Equal(row?.Difference, rate?.Difference);
            }
        }

        Assert.Contains(change.Strata, s => s.Before is { Difference: not null });
        Assert.Contains(change.Strata, s => s.BeforeSuppressed || s.AfterSuppressed);
    }
}

public sealed class CampaignDisparitySqliteTests() : CampaignDisparityTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class CampaignDisparityPostgresTests(PostgresTestServer server) : CampaignDisparityTests(TestStore.Postgres(server));

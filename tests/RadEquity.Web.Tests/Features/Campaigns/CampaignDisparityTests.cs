using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Reporting;
using RadEquity.Testing;
using RadEquity.Web.Features.Campaigns;
using RadEquity.Web.Features.Dashboard;
using RadEquity.Web.Features.Dashboard.Patients;
using RadEquity.Web.Features.Data;
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
        var factory = NewFactory(configureAdministrator: true, demoPatients: 3000);
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var dashboard = services.GetRequiredService<DashboardFigures>();
        // Before: the demo's latest run, as the dashboard shows it now. After: a run of the current year made since.
        var beforeView = await dashboard.ReadAsync(FigureBasis.Disclosed, Measure, new ReportOptions(), withTrend: false, CancellationToken.None);
        var before = beforeView!.Run.Id;
        var time = services.GetRequiredService<TimeProvider>();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var request = new StoreEvaluationRequest(MeasurementPeriod.ForYear(today.Year), today, PatientEvidence.Codes, "RadEquity defaults",
            services.GetRequiredService<AreaTables>().Load(), PatientEvidence.Options);
        var after = (await StoreEvaluation.RunAsync(services.GetRequiredService<StoreTarget>(), request, time, CancellationToken.None)).RunId;
        var afterView = await dashboard.ReadAsync(FigureBasis.Disclosed, Measure, new ReportOptions(), withTrend: false, CancellationToken.None);
        Assert.Equal(after, afterView!.Run.Id);

        var change = await services.GetRequiredService<CampaignDisparity>().CompareAsync(Measure, before, Payer, CancellationToken.None);

        Assert.Equal((before, after), (change.BeforeRunId, change.AfterRunId));
        foreach (var (figures, isBefore) in new[] { (beforeView.Figures, true), (afterView.Figures, false) })
        {
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
        Assert.Contains(change.Strata, s => s.After is { Difference: not null });
    }
}

public sealed class CampaignDisparitySqliteTests() : CampaignDisparityTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class CampaignDisparityPostgresTests(PostgresTestServer server) : CampaignDisparityTests(TestStore.Postgres(server));

using System.Net;
using RadEquity.Testing;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Admin;

/// <summary>The Admin risk-model page on both stores: training runs in the background on the practice's appointment
/// history (the demo population), stores a version that is not active, its report is readable, and only a stored version
/// can be switched on.</summary>
public abstract class RiskModelPageTests(TestStore store) : StoreAppTests(store)
{
    [SkippableFact]
    public async Task Train_ThenSwitchOn_StoresAVersionWithBothAucsAndActivatesItOnlyWhenAsked()
    {
        SkipUnlessAvailable();
        var app = NewFactory(configureAdministrator: true, demoPatients: 3000);
        using var admin = await app.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);
        Assert.Contains("data-testid=\"no-models\"", await admin.GetStringAsync("/admin/risk"), StringComparison.Ordinal);

        using var train = await Forms.PostAsync(admin, "/admin/risk", [new("Seed", "3")], action: "/admin/risk?handler=Train");

        Assert.Equal(HttpStatusCode.Redirect, train.StatusCode);
        var job = await JobPolling.FinishedAsync(admin, train.Headers.Location!);
        Assert.True("Completed" == job.GetProperty("state").GetString(), job.GetProperty("message").GetString());
        Assert.Contains("Stored v1: AUC", job.GetProperty("message").GetString(), StringComparison.Ordinal);
        var list = await admin.GetStringAsync("/admin/risk");
        Assert.Contains("data-version=\"1\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"active\"", list, StringComparison.Ordinal);
        var report = await admin.GetStringAsync("/admin/risk/1");
        Assert.Contains("prior-no-shows baseline", report, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"report\"", report, StringComparison.Ordinal);

        using var missing = await Forms.PostAsync(admin, "/admin/risk", [new("Version", "9")], action: "/admin/risk?handler=Activate");
        using var activate = await Forms.PostAsync(admin, "/admin/risk", [new("Version", "1")], action: "/admin/risk?handler=Activate");

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, activate.StatusCode);
        Assert.Contains("data-testid=\"active\"", await admin.GetStringAsync("/admin/risk"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/risk/9")).StatusCode);
    }
}

public sealed class RiskModelPageSqliteTests() : RiskModelPageTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class RiskModelPagePostgresTests(PostgresTestServer server) : RiskModelPageTests(TestStore.Postgres(server));

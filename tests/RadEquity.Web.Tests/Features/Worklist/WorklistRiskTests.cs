using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Risk;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Worklist;

/// <summary>The active risk model in the worklist, on both stores: before any model is switched on the risk part says
/// so; once a version is activated (as /admin/risk and the CLI do) the item page and the list score with it and name it.</summary>
public abstract partial class WorklistRiskTests(TestStore store) : StoreAppTests(store)
{
    [SkippableFact]
    public async Task Item_ModelActivated_RiskPartHasAProbabilityAndTheModelVersionAndThePartsAddUpAndANewActivationIsUsed()
    {
        SkipUnlessAvailable();
        var app = NewFactory(configureAdministrator: true, demoPatients: 600);
        using var navigator = await app.CreateSignedInClientForRoleAsync(Roles.Navigator);
        long id;
        using (var scope = app.Services.CreateScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().WorkItems.OrderBy(i => i.Id).FirstAsync()).Id;
        }

        var before = await navigator.GetStringAsync($"/worklist/items/{id}");
        var models = RiskModelStore.InWorkFolder(app.Files);
        models.Activate(models.Save(SmallModel()).Version);
        var after = await navigator.GetStringAsync($"/worklist/items/{id}");
        var list = await navigator.GetStringAsync("/worklist");

        Assert.Matches("data-testid=\"risk-part\">no model active<", before);
        Assert.Matches("data-testid=\"risk-part\">[0-9]+ ?% \\(risk model v1\\)<", after);
        var parts = PointsCells().Matches(after).Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var total = double.Parse(Total().Match(after).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3, parts.Length);
        Assert.True(parts[2] > 0, "the risk part adds points");
        Assert.Equal(total, parts.Sum(), 1);
        Assert.Contains("Risk of not completing: risk model v1", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await navigator.GetAsync("/worklist?p=2")).StatusCode);

        models.Activate(models.Save(SmallModel()).Version);
        Assert.Matches("\\(risk model v2\\)<", await navigator.GetStringAsync($"/worklist/items/{id}"));
    }

    /// <summary>A model trained on made-up examples of both kinds (the page needs a stored, activatable version; what
    /// it learnt does not matter here).</summary>
    private static TrainedRiskModel SmallModel()
    {
        var random = new Random(5);
        var start = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var examples = Enumerable.Range(0, 800).Select(i =>
        {
            var kind = i % 2 == 0 ? RiskExampleKind.Appointment : RiskExampleKind.DueExam;
            var distance = random.NextDouble() * 80;
            var features = new NoShowFeatures(kind == RiskExampleKind.Appointment ? random.Next(1, 60) : -1, random.Next(0, 4), random.Next(0, 2),
                distance, random.Next(40, 80), i % 3 == 0 ? "Medicaid" : "Private", "English", false,
                kind == RiskExampleKind.Appointment ? DayOfWeek.Tuesday : null, kind == RiskExampleKind.Appointment ? 10 : null, "Urban", "Unknown",
                kind, kind == RiskExampleKind.DueExam ? random.Next(0, 300) : -1);
            var missed = random.NextDouble() < (kind == RiskExampleKind.Appointment ? 0.05 : 0.5) + (distance / 400);
            return new NoShowExample("p" + i, start.AddDays(i / 2), missed, features, new Dictionary<string, string>());
        }).ToArray();
        return RiskModelTraining.Train(examples, new RiskTrainingOptions { Seed = 1, Trees = 10, MinimumExamplesPerLeaf = 10 }, TimeProvider.System);
    }

    [GeneratedRegex("<td[^>]*>([0-9.]+)</td></tr>")]
    private static partial Regex PointsCells();

    [GeneratedRegex("Priority score: ([0-9.]+)<")]
    private static partial Regex Total();
}

public sealed class WorklistRiskSqliteTests() : WorklistRiskTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class WorklistRiskPostgresTests(PostgresTestServer server) : WorklistRiskTests(TestStore.Postgres(server));

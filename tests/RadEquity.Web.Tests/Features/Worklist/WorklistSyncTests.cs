using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Data.Model;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Testing;
using RadEquity.Web.Features.Worklist;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Worklist;

/// <summary>
/// The sync of completed runs into the worklist, on both stores, with hand-built runs: new open gaps become items,
/// navigator work survives a re-sync, gaps no longer open close their items with the reason, a run is synced once.
/// </summary>
public abstract class WorklistSyncTests(TestStore store) : StoreAppTests(store)
{
    private static readonly DateOnly Due = new(2025, 3, 1);

    [SkippableFact]
    public async Task Sync_OpenGaps_CreatesOneItemPerWorklistMeasureWithCategoriesNoShowsAndChannels()
    {
        SkipUnlessAvailable();
        await AddNoShowsAsync("p-1", 2);
        await AddRawPatientAsync("p-1", """{"resourceType":"Patient","id":"p-1","telecom":[{"system":"phone","value":"555-0100","use":"mobile"},{"system":"email","value":"a@example.org"}]}""");
        var run = await SaveRunAsync([Open("p-1", "cms125"), Open("p-1", "breast-uspstf-2024"), Open("p-2", "bi-rads-resolution-60"), Met("p-3", "cms125")]);

        var result = await Sync.SyncAsync(run, CancellationToken.None);

        var items = await ItemsAsync();
        Assert.Equal((2, 0, 0), (result.Created, result.Reopened, result.Closed));
        Assert.Equal(["p-1 cms125", "p-2 bi-rads-resolution-60"], items.Select(i => $"{i.PatientId} {i.MeasureId}"));
        var first = items[0];
        Assert.Equal((WorkItemStatus.New, Due, 2, "email phone sms"), (first.Status, first.DueDate, first.PriorNoShows, first.Channels));
        Assert.Equal(("Hispanic or Latino", "Spanish", "Uninsured/self-pay", "Rural"), (first.RaceEthnicity, first.Language, first.Payer, first.Rurality));
        Assert.Equal("", items[1].Channels);
    }

    [SkippableFact]
    public async Task Sync_NavigatorWorkThenGapStillOpen_StatusNotesAndAssignmentSurvive()
    {
        SkipUnlessAvailable();
        await Sync.SyncAsync(await SaveRunAsync([Open("p-1", "cms125")]), CancellationToken.None);
        await UpdateItemAsync(i =>
        {
            i.Status = WorkItemStatus.Scheduled;
            i.Notes = "Prefers mornings";
            i.AssignedTo = "nav-1";
        });

        var result = await Sync.SyncAsync(await SaveRunAsync([Open("p-1", "cms125", Due.AddDays(30))]), CancellationToken.None);

        var item = Assert.Single(await ItemsAsync());
        Assert.Equal((0, 0, 0), (result.Created, result.Reopened, result.Closed));
        Assert.Equal((WorkItemStatus.Scheduled, "Prefers mornings", "nav-1", Due.AddDays(30)), (item.Status, item.Notes, item.AssignedTo, item.DueDate));
    }

    [SkippableFact]
    public async Task Sync_GapMetInTheNewRun_CompletesTheItemAsExamArrivedWithTheRun()
    {
        SkipUnlessAvailable();
        await Sync.SyncAsync(await SaveRunAsync([Open("p-1", "cms125"), Open("p-2", "cms130")]), CancellationToken.None);
        await UpdateItemAsync(i => i.Notes = "Left a message");

        var second = await SaveRunAsync([Met("p-1", "cms125"), Excluded("p-2", "cms130")]);
        var result = await Sync.SyncAsync(second, CancellationToken.None);

        var items = await ItemsAsync();
        Assert.Equal(2, result.Closed);
        Assert.All(items, i => Assert.Equal((WorkItemStatus.Completed, second), (i.Status, i.ClosedRunId)));
        Assert.Equal([WorkItemCloseReason.ExamArrived, WorkItemCloseReason.NoLongerDue], items.Select(i => i.ClosedReason));
        Assert.Equal("Left a message", items[0].Notes);
    }

    [SkippableFact]
    public async Task Sync_GapOpenAgainAfterTheSyncClosedIt_ReopensTheSameItem()
    {
        SkipUnlessAvailable();
        await Sync.SyncAsync(await SaveRunAsync([Open("p-1", "cms125")]), CancellationToken.None);
        await Sync.SyncAsync(await SaveRunAsync([Met("p-1", "cms125")]), CancellationToken.None);
        var id = Assert.Single(await ItemsAsync()).Id;

        var result = await Sync.SyncAsync(await SaveRunAsync([Open("p-1", "cms125")]), CancellationToken.None);

        var item = Assert.Single(await ItemsAsync());
        Assert.Equal((1, id, WorkItemStatus.New, (long?)null), (result.Reopened, item.Id, item.Status, item.ClosedRunId));
    }

    [SkippableFact]
    public async Task Sync_SameRunTwice_SecondChangesNothing()
    {
        SkipUnlessAvailable();
        var run = await SaveRunAsync([Open("p-1", "cms125")]);
        await Sync.SyncAsync(run, CancellationToken.None);
        await UpdateItemAsync(i => i.Status = WorkItemStatus.Declined);

        var again = await Sync.SyncAsync(run, CancellationToken.None);

        Assert.True(again.AlreadySynced);
        Assert.Equal(WorkItemStatus.Declined, Assert.Single(await ItemsAsync()).Status);
    }

    [SkippableFact]
    public async Task Sync_NavigatorCompletedItemThenGapGone_KeptAsTheNavigatorLeftIt()
    {
        SkipUnlessAvailable();
        await Sync.SyncAsync(await SaveRunAsync([Open("p-1", "cms125")]), CancellationToken.None);
        await UpdateItemAsync(i => i.Status = WorkItemStatus.Completed);

        var result = await Sync.SyncAsync(await SaveRunAsync([Met("p-1", "cms125")]), CancellationToken.None);

        var item = Assert.Single(await ItemsAsync());
        Assert.Equal((0, (long?)null, (string?)null), (result.Closed, item.ClosedRunId, item.ClosedReason));
    }

    private WorklistSync Sync => Factory.Services.GetRequiredService<WorklistSync>();

    private static MeasureRunOutcome Open(string patient, string measure, DateOnly? due = null) =>
        new("demo", patient, measure, new MeasureResult(true, true, false, false, GapStatus.Open, due ?? Due, null, null));

    private static MeasureRunOutcome Met(string patient, string measure) =>
        new("demo", patient, measure, new MeasureResult(true, true, false, true, GapStatus.Closed, Due.AddYears(2), "mammography", null));

    private static MeasureRunOutcome Excluded(string patient, string measure) =>
        new("demo", patient, measure, new MeasureResult(true, true, true, false, GapStatus.None, null, null, null));

    private async Task<long> SaveRunAsync(IReadOnlyList<MeasureRunOutcome> outcomes)
    {
        var runs = new MeasureRunStore(Factory.Services.GetRequiredService<StoreTarget>(), TimeProvider.System);
        var measures = outcomes.Select(o => o.MeasureId).Distinct().ToList();
        var run = await runs.StartRunAsync(
            new MeasureRunDefinition(MeasurementPeriod.ForYear(2025), new DateOnly(2025, 12, 31), measures, "test", "test"), CancellationToken.None);
        var patients = outcomes.Select(o => o.PatientId).Distinct()
            .Select(p => new MeasureRunPatient("demo", p, ["Hispanic or Latino", "Spanish", "Uninsured/self-pay", "Rural", "Unknown", "50–64", "Female"]));
        await runs.SaveAsync(run, new EvaluationCounts(), outcomes, patients, CancellationToken.None);
        return run;
    }

    private async Task<List<WorkItemRow>> ItemsAsync()
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().WorkItems.AsNoTracking()
            .OrderBy(i => i.PatientId).ThenBy(i => i.MeasureId).ToListAsync();
    }

    private async Task UpdateItemAsync(Action<WorkItemRow> change)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        change(await db.WorkItems.OrderBy(i => i.PatientId).FirstAsync());
        await db.SaveChangesAsync();
    }

    private async Task AddNoShowsAsync(string patient, int count)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        for (var i = 0; i < count; i++)
        {
            db.Appointments.Add(new AppointmentRow { Source = "demo", ResourceType = "Appointment", ResourceId = $"{patient}-ns-{i}", PatientId = patient, Status = "noshow" });
        }

        db.Appointments.Add(new AppointmentRow { Source = "demo", ResourceType = "Appointment", ResourceId = $"{patient}-kept", PatientId = patient, Status = "fulfilled" });
        await db.SaveChangesAsync();
    }

    private async Task AddRawPatientAsync(string patient, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(bytes);
        }

        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        db.RawResources.Add(new RawResourceRow
        {
            Source = "demo",
            ResourceType = "Patient",
            ResourceId = patient,
            PatientId = patient,
            ContentHash = new byte[32],
            Content = output.ToArray(),
            IngestedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }
}

public sealed class WorklistSyncSqliteTests() : WorklistSyncTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class WorklistSyncPostgresTests(PostgresTestServer server) : WorklistSyncTests(TestStore.Postgres(server));

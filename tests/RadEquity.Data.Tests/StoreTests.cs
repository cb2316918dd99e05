using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Model;
using RadEquity.Engine.Ingest;
using RadEquity.Testing;
using static RadEquity.Data.Tests.SampleItems;

namespace RadEquity.Data.Tests;

/// <summary>Migrations, the ingest run log and the overview; each test runs on SQLite and on PostgreSQL.</summary>
public abstract class StoreTests(PostgresTestServer? server) : StoreTestBase(server)
{
    [SkippableFact]
    public async Task Migrate_NewDatabase_AppliesEveryMigrationAndCreatesEmptyTables()
    {
        SkipUnlessAvailable();

        await Target.MigrateAsync(CancellationToken.None);

        await using var db = Target.CreateDbContext();
        var applied = await db.Database.GetAppliedMigrationsAsync();
        Assert.NotEmpty(applied);
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var dump = await StoreDump.ReadAsync(Target);
        Assert.Equal(StoreDump.Tables.Order(StringComparer.Ordinal), dump.Keys);
        Assert.All(dump.Values, Assert.Empty);
    }

    [SkippableFact]
    public async Task BeginRun_PreviousRunStillRunning_MarksItInterrupted()
    {
        SkipUnlessAvailable();
        var killed = await Sink.BeginRunAsync(Source, ["export/a.ndjson"], Clock.Now, CancellationToken.None);

        var next = await Sink.BeginRunAsync(Source, ["export/a.ndjson", "export/b.ndjson"], Clock.Now.AddMinutes(1), CancellationToken.None);

        await using var db = Target.CreateDbContext();
        var runs = await db.IngestRuns.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([killed, next], runs.Select(r => r.Id));
        Assert.Equal([IngestRunStatus.Interrupted, IngestRunStatus.Running], runs.Select(r => r.Status));
        Assert.Equal("""["export/a.ndjson","export/b.ndjson"]""", runs[1].Inputs);
        Assert.Equal(Clock.Now.AddMinutes(1), runs[1].StartedAt);
        Assert.Null(runs[1].FinishedAt);
    }

    [SkippableFact]
    public async Task CompleteRun_NotCompleted_RecordsFailedWithSummary()
    {
        SkipUnlessAvailable();
        var runId = await Sink.BeginRunAsync(Source, ["export/"], Clock.Now, CancellationToken.None);
        Clock.Now = Clock.Now.AddSeconds(90);

        await Sink.CompleteRunAsync(runId, Summary(new BatchResult(3, 1, 2, 0, 1), completed: false), CancellationToken.None);

        await using var db = Target.CreateDbContext();
        var run = await db.IngestRuns.SingleAsync();
        Assert.Equal(IngestRunStatus.Failed, run.Status);
        Assert.Equal(Clock.Now, run.FinishedAt);
        Assert.Contains("\"inserted\":3", run.Summary, StringComparison.Ordinal);
        Assert.Contains("\"resourcesByType\":{\"Patient\":6}", run.Summary, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task StoreOverview_AfterTwoRuns_ReportsCountsLastRunAndRecentQuarantine()
    {
        SkipUnlessAvailable();
        await IngestAsync(PatientRecord("pt-1001"));
        Clock.Now = Clock.Now.AddHours(1);
        await IngestAsync([.. PatientRecord("pt-2002"), Quarantined(40, "Coverage.beneficiary is missing"), Quarantined(41)]);

        await using var db = Target.CreateDbContext();
        var snapshot = await new StoreOverview(db).ReadAsync(recentQuarantined: 2, CancellationToken.None);

        Assert.Equal(2, snapshot.Patients);
        Assert.Equal(
            new Dictionary<string, long> { ["Appointment"] = 2, ["Claim"] = 2, ["Coverage"] = 2, ["Location"] = 1, ["Observation"] = 2, ["Patient"] = 2 },
            snapshot.ResourcesByType);
        Assert.Equal(
            new Dictionary<string, long> { ["appointments"] = 2, ["clinical_events"] = 2, ["coverages"] = 2, ["patients"] = 2, ["sites"] = 1 },
            snapshot.FactsByTable);
        var lastRun = Assert.IsType<LastIngestRun>(snapshot.LastRun);
        Assert.Equal((Source, IngestRunStatus.Completed, Clock.Now), (lastRun.Source, lastRun.Status, lastRun.StartedAt));
        Assert.Equal(new IngestRunCounts(6, 5, 0, 1, 0, 3), lastRun.Counts);
        Assert.Equal(3, snapshot.QuarantineCount);
        Assert.Equal(2, snapshot.RecentQuarantine.Count);
        Assert.All(snapshot.RecentQuarantine, q => Assert.Equal(Clock.Now, q.QuarantinedAt));
        Assert.Equal([41L, 40L], snapshot.RecentQuarantine.Select(q => q.Line));
        var first = snapshot.RecentQuarantine.Single(q => q.Line == 40);
        Assert.Equal(("export/Patient.ndjson", "birthDate", "Coverage.beneficiary is missing"), (first.File, first.Field!, first.Reason));
    }

    [SkippableFact]
    public async Task StoreOverview_EmptyStore_ReportsZerosAndNoRun()
    {
        SkipUnlessAvailable();

        await using var db = Target.CreateDbContext();
        var snapshot = await new StoreOverview(db).ReadAsync(recentQuarantined: 10, CancellationToken.None);

        Assert.Equal(0, snapshot.Patients);
        Assert.Empty(snapshot.ResourcesByType);
        Assert.All(snapshot.FactsByTable.Values, count => Assert.Equal(0, count));
        Assert.Equal(5, snapshot.FactsByTable.Count);
        Assert.Null(snapshot.LastRun);
        Assert.Empty(snapshot.RecentQuarantine);
    }
}

public sealed class SqliteStoreTests() : StoreTests(null);

[Collection(PostgresTestGroup.Name)]
public sealed class PostgresStoreTests(PostgresTestServer server) : StoreTests(server);

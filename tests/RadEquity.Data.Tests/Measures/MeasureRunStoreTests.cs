using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Measures;
using RadEquity.Data.Model;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;
using RadEquity.Testing;

namespace RadEquity.Data.Tests.Measures;

/// <summary>Measure runs written and read back; each test runs on SQLite and on PostgreSQL (the subclasses below).</summary>
public abstract class MeasureRunStoreTests(PostgresTestServer? server) : StoreTestBase(server)
{
    private const string Screening = "cms125";
    private const string FollowUp = "birads-045-resolution-60";
    private static readonly DateOnly Due = new(2026, 3, 31);

    private static readonly MeasureRunDefinition Definition = new(
        MeasurementPeriod.ForYear(2025), new DateOnly(2026, 1, 15), [Screening, FollowUp], "defaults (VSAC eCQM 2026)", "0.1.0-test");

    private MeasureRunStore Runs => new(Target, Clock);

    [SkippableFact]
    public async Task SaveAsync_CountsAndOutcomes_ReadBackExactly()
    {
        SkipUnlessAvailable();
        var runId = await Runs.StartRunAsync(Definition, CancellationToken.None);
        Clock.Now = Clock.Now.AddSeconds(42);
        var counts = SampleCounts();
        var outcomes = SampleOutcomes();

        await Runs.SaveAsync(runId, counts, outcomes, CancellationToken.None);

        var run = await Runs.LatestCompletedRunAsync(CancellationToken.None);
        Assert.NotNull(run);
        Assert.Equal((runId, MeasureRunStatus.Completed, Clock.Now, 3L), (run.Id, run.Status, run.FinishedAt!.Value, run.Patients));
        Assert.Equal(Clock.Now.AddSeconds(-42), run.StartedAt);
        Assert.Equal(Definition.Period, run.Definition.Period);
        Assert.Equal(Definition.MeasureIds, run.Definition.MeasureIds);
        Assert.Equal(Definition with { MeasureIds = run.Definition.MeasureIds }, run.Definition);

        var restored = await Runs.ReadCountsAsync(runId, CancellationToken.None);
        Assert.NotNull(restored);
        Assert.True(restored.HasSameCounts(counts));
        Assert.Equal(counts.Cells.Count, restored.Cells.Count);
        Assert.All(counts.Cells, c => Assert.Equal(c.Value, restored.Cells[c.Key]));
        Assert.Equal(counts.Cells[Overall(FollowUp)].ResolutionDays, restored.Cells[Overall(FollowUp)].ResolutionDays);
        Assert.Empty(restored.Cells[Overall(Screening)].ResolutionDays);
        Assert.Equal(counts.Completeness.BySource, restored.Completeness.BySource);
        Assert.Equal(3, restored.Completeness.Overall.Patients);

        Assert.Equal(outcomes.Where(o => o.PatientId == "pt-1"), await Runs.ReadOutcomesAsync(runId, "pt-1", CancellationToken.None));
        Assert.Equal(outcomes.Where(o => o.PatientId == "pt-2"), await Runs.ReadOutcomesAsync(runId, "pt-2", CancellationToken.None));
        Assert.Empty(await Runs.ReadOutcomesAsync(runId, "pt-unknown", CancellationToken.None));
    }

    [SkippableFact]
    public async Task ReadCellPatients_StratumAndCross_ListsOnlyItsUnmetDenominatorPatientsByDueDate()
    {
        SkipUnlessAvailable();
        var runId = await Runs.StartRunAsync(Definition, CancellationToken.None);
        MeasureRunPatient Patient(string id, string race, string payer) =>
            new("northside-ris", id, [race, "English", payer, "Urban", "ADI quintile 3", "50–64", "Female"]);
        var outcomes = new List<MeasureRunOutcome>
        {
            new("northside-ris", "pt-a", Screening, new MeasureResult(true, true, false, false, GapStatus.Open, new DateOnly(2026, 2, 1), null, null)),
            new("northside-ris", "pt-b", Screening, new MeasureResult(true, true, false, false, GapStatus.Open, new DateOnly(2026, 1, 1), null, null)),
            new("northside-ris", "pt-c", Screening, new MeasureResult(true, true, false, true, GapStatus.Closed, null, "mammography", null)),
            new("northside-ris", "pt-d", Screening, new MeasureResult(true, true, true, false, GapStatus.None, null, null, null)),
            new("northside-ris", "pt-e", Screening, new MeasureResult(true, true, false, false, GapStatus.Open, new DateOnly(2025, 12, 1), null, null)),
        };
        await Runs.SaveAsync(runId, SampleCounts(), outcomes,
            [Patient("pt-a", "Black", "Medicaid"), Patient("pt-b", "Black", "Private"), Patient("pt-c", "Black", "Medicaid"),
             Patient("pt-d", "Black", "Medicaid"), Patient("pt-e", "White", "Medicaid")],
            CancellationToken.None);

        var black = await Runs.ReadCellPatientsAsync(runId, Screening, "race-ethnicity", "Black", 0, 10, CancellationToken.None);
        var cross = await Runs.ReadCellPatientsAsync(runId, Screening, "race-ethnicity-x-payer", "Black × Medicaid", 0, 10, CancellationToken.None);
        var page = await Runs.ReadCellPatientsAsync(runId, Screening, "payer", "Medicaid", 1, 1, CancellationToken.None);

        Assert.Equal("2: pt-b pt-a", Describe(black));
        Assert.Equal("1: pt-a", Describe(cross));
        Assert.Equal("2: pt-a", Describe(page));
        Assert.Null(await Runs.ReadCellPatientsAsync(runId, Screening, "no-such-stratifier", "Black", 0, 10, CancellationToken.None));
    }

    private static string Describe(CellPatients? cell) =>
        cell is null ? "null" : cell.Total.ToString(CultureInfo.InvariantCulture) + ": " + string.Join(' ', cell.Page.Select(o => o.PatientId));

    [SkippableFact]
    public async Task SaveAsync_ManyOutcomes_StoresEveryRow()
    {
        SkipUnlessAvailable();
        var runId = await Runs.StartRunAsync(Definition, CancellationToken.None);

        await Runs.SaveAsync(runId, SampleCounts(), ManyOutcomes(20_000), CancellationToken.None);

        Assert.Equal((20_000L, 7L, 2L), await CountRowsAsync(runId));
        var outcome = Assert.Single(await Runs.ReadOutcomesAsync(runId, "pt-0012345", CancellationToken.None));
        Assert.Equal(ManyOutcomes(20_000).ElementAt(12_345), outcome);
    }

    [SkippableFact]
    public async Task LatestCompletedRun_LaterRunUnfinished_ReturnsTheCompletedOne()
    {
        SkipUnlessAvailable();
        var completed = await Runs.StartRunAsync(Definition, CancellationToken.None);
        await Runs.SaveAsync(completed, SampleCounts(), SampleOutcomes(), CancellationToken.None);

        var unfinished = await Runs.StartRunAsync(Definition with { AsOf = new DateOnly(2026, 2, 1) }, CancellationToken.None);

        Assert.Equal(completed, (await Runs.LatestCompletedRunAsync(CancellationToken.None))!.Id);
        Assert.Null(await Runs.ReadCountsAsync(unfinished, CancellationToken.None));
        Assert.Empty(await Runs.ReadOutcomesAsync(unfinished, "pt-1", CancellationToken.None));
    }

    [SkippableFact]
    public async Task StartRun_PreviousRunStillRunning_MarksItInterrupted()
    {
        SkipUnlessAvailable();
        var killed = await Runs.StartRunAsync(Definition, CancellationToken.None);

        var next = await Runs.StartRunAsync(Definition, CancellationToken.None);

        Assert.Equal([(killed, MeasureRunStatus.Interrupted), (next, MeasureRunStatus.Running)], await StatusesAsync());
        Assert.Null(await Runs.LatestCompletedRunAsync(CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Runs.SaveAsync(killed, SampleCounts(), SampleOutcomes(), CancellationToken.None));
        Assert.Equal((0L, 0L, 0L), await CountRowsAsync(killed));
    }

    [SkippableFact]
    public async Task SaveAsync_OutcomesFailMidway_NoCompletedRunAndNoRows()
    {
        SkipUnlessAvailable();
        var runId = await Runs.StartRunAsync(Definition, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Runs.SaveAsync(runId, SampleCounts(), FailingAfter(ManyOutcomes(20_000), 9_000), CancellationToken.None));

        Assert.Equal("The evaluation broke.", error.Message);
        await AssertFailedWithoutRowsAsync(runId);
    }

    [SkippableFact]
    public async Task SaveAsync_CancelledAfterTheFirstRows_NoCompletedRunAndNoRows()
    {
        SkipUnlessAvailable();
        var runId = await Runs.StartRunAsync(Definition, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Runs.SaveAsync(runId, SampleCounts(), CancellingAfter(ManyOutcomes(20_000), 5_000, cancellation), cancellation.Token));

        await AssertFailedWithoutRowsAsync(runId);
    }

    [SkippableFact]
    public async Task SaveAsync_DuplicateOutcome_NoCompletedRunAndNoRows()
    {
        SkipUnlessAvailable();
        var runId = await Runs.StartRunAsync(Definition, CancellationToken.None);
        var outcomes = ManyOutcomes(10_000).ToList();
        outcomes.Add(outcomes[6_000]);

        await Assert.ThrowsAnyAsync<DbException>(() => Runs.SaveAsync(runId, SampleCounts(), outcomes, CancellationToken.None));

        await AssertFailedWithoutRowsAsync(runId);
    }

    [SkippableFact]
    public async Task SaveAsync_FailsJustBeforeCommit_NoCompletedRunAndNoRows()
    {
        SkipUnlessAvailable();
        var runId = await Runs.StartRunAsync(Definition, CancellationToken.None);
        var failing = new MeasureRunStore(Target, Clock) { BeforeCommit = () => throw new IOException("Disk full.") };

        await Assert.ThrowsAsync<IOException>(() => failing.SaveAsync(runId, SampleCounts(), ManyOutcomes(5_000), CancellationToken.None));

        await AssertFailedWithoutRowsAsync(runId);
    }

    [SkippableFact]
    public async Task SaveAsync_RunAlreadyCompleted_ThrowsAndKeepsTheFirstSave()
    {
        SkipUnlessAvailable();
        var runId = await Runs.StartRunAsync(Definition, CancellationToken.None);
        await Runs.SaveAsync(runId, SampleCounts(), SampleOutcomes(), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Runs.SaveAsync(runId, SampleCounts(), ManyOutcomes(10), CancellationToken.None));

        Assert.Equal([(runId, MeasureRunStatus.Completed)], await StatusesAsync());
        Assert.Equal(((long)SampleOutcomes().Count, 7L, 2L), await CountRowsAsync(runId));
    }

    private async Task AssertFailedWithoutRowsAsync(long runId)
    {
        Assert.Equal([(runId, MeasureRunStatus.Failed)], await StatusesAsync());
        Assert.Null(await Runs.LatestCompletedRunAsync(CancellationToken.None));
        Assert.Null(await Runs.ReadCountsAsync(runId, CancellationToken.None));
        Assert.Equal((0L, 0L, 0L), await CountRowsAsync(runId));
    }

    private async Task<List<(long, string)>> StatusesAsync()
    {
        await using var db = Target.CreateDbContext();
        return (await db.MeasureRuns.OrderBy(r => r.Id).ToListAsync()).Select(r => (r.Id, r.Status)).ToList();
    }

    /// <summary>Rows of the run in the tables, whatever its status (readers would not show them).</summary>
    private async Task<(long Outcomes, long Counts, long Completeness)> CountRowsAsync(long runId)
    {
        await using var db = Target.CreateDbContext();
        return (
            await db.MeasureOutcomes.LongCountAsync(o => o.RunId == runId),
            await db.MeasureCounts.LongCountAsync(c => c.RunId == runId),
            await db.MeasureCompleteness.LongCountAsync(c => c.RunId == runId));
    }

    private static StratumKey Overall(string measureId) => new(measureId, StratumKey.Overall, StratumKey.Overall);

    /// <summary>Seven cells: screening and follow-up counts, a cross category with a non-ASCII separator, and a
    /// days-to-resolution histogram that uses the first and the capped last bucket; completeness of two sources.</summary>
    private static EvaluationCounts SampleCounts()
    {
        var screening = new[]
        {
            new MeasureResult(true, true, false, true, GapStatus.Closed, Due, "mammography", null),
            new MeasureResult(true, true, false, false, GapStatus.Open, new DateOnly(2025, 12, 31), null, null),
            new MeasureResult(true, true, true, false, GapStatus.None, null, null, null),
            new MeasureResult(true, false, false, false, GapStatus.Prospective, Due, null, null),
        };
        var followUp = new[]
        {
            new MeasureResult(true, true, false, true, GapStatus.Closed, null, "biopsy", 0, MetByReportedMethod: true),
            new MeasureResult(true, true, false, true, GapStatus.Closed, null, "diagnostic-mammogram", 12),
            new MeasureResult(true, true, false, false, GapStatus.Open, new DateOnly(2025, 11, 30), null, 2_000),
        };

        return EvaluationCounts.FromCells(
            [
                KeyValuePair.Create(Overall(Screening), Counts(screening)),
                KeyValuePair.Create(new StratumKey(Screening, "payer", "Medicaid"), Counts(screening[..2])),
                KeyValuePair.Create(new StratumKey(Screening, "payer", "Unknown"), Counts(screening[2..])),
                KeyValuePair.Create(new StratumKey(Screening, "race-x-payer", "Black or African American × Medicaid"), Counts(screening[..1])),
                KeyValuePair.Create(Overall(FollowUp), Counts(followUp)),
                KeyValuePair.Create(new StratumKey(FollowUp, "payer", "Medicaid"), Counts(followUp[1..])),
                KeyValuePair.Create(new StratumKey(FollowUp, "payer", "Unknown"), Counts(followUp[..1])),
            ],
            patients: 3,
            CompletenessReport.Create(
            [
                KeyValuePair.Create("northside-ris", new CompletenessCounts(2, 1, 0, 1, 0, 2, 0, 1, 0, 1, 1)),
                KeyValuePair.Create("eastside-ehr", new CompletenessCounts(1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0)),
            ]));

        static StratumCounts Counts(IEnumerable<MeasureResult> results)
        {
            var counts = new StratumCounts();
            foreach (var result in results)
            {
                counts.Add(result);
            }

            return counts;
        }
    }

    /// <summary>Outcomes as <see cref="MeasureRunStore.ReadOutcomesAsync"/> orders them (source, then measure), with
    /// every gap status, nulls and values in every optional field, and one patient id in two sources.</summary>
    private static List<MeasureRunOutcome> SampleOutcomes() =>
    [
        new("eastside-ehr", "pt-1", Screening, new MeasureResult(true, false, false, false, GapStatus.None, null, null, null)),
        new("northside-ris", "pt-1", FollowUp, new MeasureResult(true, true, false, true, GapStatus.Closed, null, "biopsy", 0, MetByReportedMethod: true)),
        new("northside-ris", "pt-1", Screening, new MeasureResult(true, true, false, true, GapStatus.Closed, Due, "mammography", null)),
        new("northside-ris", "pt-2", FollowUp, new MeasureResult(true, true, false, false, GapStatus.Open, new DateOnly(2025, 11, 30), null, null)),
        new("northside-ris", "pt-2", Screening, new MeasureResult(true, false, false, false, GapStatus.Prospective, Due, null, null)),
        new("northside-ris", "pt-3", Screening, new MeasureResult(true, true, true, false, GapStatus.None, null, null, null)),
    ];

    private static IEnumerable<MeasureRunOutcome> ManyOutcomes(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var open = i % 3 == 0;
            yield return new MeasureRunOutcome(
                "northside-ris", string.Create(CultureInfo.InvariantCulture, $"pt-{i:D7}"), Screening,
                new MeasureResult(true, true, false, !open, open ? GapStatus.Open : GapStatus.Closed, Due.AddDays(i % 400), open ? null : "mammography", null));
        }
    }

    private static IEnumerable<MeasureRunOutcome> FailingAfter(IEnumerable<MeasureRunOutcome> outcomes, int count)
    {
        foreach (var outcome in outcomes.Take(count))
        {
            yield return outcome;
        }

        throw new InvalidOperationException("The evaluation broke.");
    }

    private static IEnumerable<MeasureRunOutcome> CancellingAfter(IEnumerable<MeasureRunOutcome> outcomes, int count, CancellationTokenSource cancellation)
    {
        var yielded = 0;
        foreach (var outcome in outcomes)
        {
            if (++yielded == count)
            {
                cancellation.Cancel();
            }

            yield return outcome;
        }
    }
}

public sealed class SqliteMeasureRunStoreTests() : MeasureRunStoreTests(null);

[Collection(PostgresTestGroup.Name)]
public sealed class PostgresMeasureRunStoreTests(PostgresTestServer server) : MeasureRunStoreTests(server);

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Terminology;

namespace RadEquity.Data.Measures;

/// <summary>What to evaluate over a store.</summary>
/// <param name="Period">The measurement period.</param>
/// <param name="AsOf">The as-of date of gaps.</param>
/// <param name="Codes">Compiled value sets.</param>
/// <param name="ValueSetSource">Where the value sets came from, recorded with the run.</param>
/// <param name="Areas">ZIP lookups for rurality and deprivation.</param>
/// <param name="Options">Measure options.</param>
public sealed record StoreEvaluationRequest(
    MeasurementPeriod Period, DateOnly AsOf, CodeIndex Codes, string ValueSetSource, AreaLookup Areas, MeasureOptions Options);

/// <summary>The outcome of a <see cref="StoreEvaluation"/> run.</summary>
/// <param name="RunId">The stored run.</param>
/// <param name="Counts">Merged counts.</param>
/// <param name="Outcomes">Per-patient results (patients in a measure's initial population), in patient order.</param>
/// <param name="Patients">Every patient evaluated, as (source, id), in the same order.</param>
/// <param name="Measures">The measures evaluated.</param>
/// <param name="Load">Facts read.</param>
/// <param name="Elapsed">Load and evaluation time (the save is not included).</param>
public sealed record StoreEvaluationResult(
    long RunId, EvaluationCounts Counts, IReadOnlyList<MeasureRunOutcome> Outcomes, IReadOnlyList<(string Source, string PatientId)> Patients,
    IReadOnlyList<Measure> Measures,
    PatientLoadSummary Load, TimeSpan Elapsed)
{
    /// <summary>What bringing the fact snapshot up to date took first (part of <see cref="Elapsed"/>).</summary>
    public FactSnapshotRefresh? Refresh { get; init; }
}

/// <summary>Where a store evaluation is.</summary>
public enum StoreEvaluationStage
{
    /// <summary>Reading facts and evaluating them, batch by batch.</summary>
    Evaluating,

    /// <summary>Writing the run's outcomes and counts.</summary>
    Saving,
}

/// <summary>Progress of <see cref="StoreEvaluation.RunAsync(StoreTarget, StoreEvaluationRequest, TimeProvider, IProgress{StoreEvaluationProgress}, CancellationToken)"/>.</summary>
/// <param name="RunId">The run being evaluated.</param>
/// <param name="Stage">What it is doing.</param>
/// <param name="Patients">Patients evaluated so far.</param>
/// <param name="TotalPatients">Patients in the store when the run began.</param>
public sealed record StoreEvaluationProgress(long RunId, StoreEvaluationStage Stage, long Patients, long TotalPatients);

/// <summary>
/// Evaluates every standard measure and stratifier over a store and saves the run: facts stream in batches from the
/// store, each batch is evaluated on all cores, counts merge (ARCHITECTURE idea 3), and the run is written in one
/// transaction. The CLI's <c>measure</c> command and the web app's demo start both use it.
/// </summary>
public static class StoreEvaluation
{
    /// <summary>Patients per evaluated batch. Small, so a batch's records die young while the run's results pile up: at
    /// 1,000,000 patients, 20,000 took 9 s, 5,000 6 s and 2,000 5.6 s to read and evaluate (docs/benchmarks.md).</summary>
    public const int BatchSize = 2_000;

    /// <summary>Reader threads: one per core (a reader is slower than evaluation of what it reads), at most four.</summary>
    private static int Readers => Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Evaluates and saves; the run stays <c>failed</c> (with no rows) if anything goes wrong.</summary>
    public static Task<StoreEvaluationResult> RunAsync(StoreTarget store, StoreEvaluationRequest request, TimeProvider time,
        CancellationToken cancellationToken) => RunAsync(store, request, time, null, cancellationToken);

    /// <summary>Evaluates and saves, reporting progress after each batch and when the save begins; the run stays
    /// <c>failed</c> (with no rows) if anything goes wrong.</summary>
    public static async Task<StoreEvaluationResult> RunAsync(StoreTarget store, StoreEvaluationRequest request, TimeProvider time,
        IProgress<StoreEvaluationProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        var measures = MeasureSet.Standard(request.Codes, request.Options);
        var strataContext = new StratificationContext(request.Period.End, request.Areas);
        var evaluator = new Evaluator(measures, Stratifiers.Standard,
            new MeasureContext(request.Period, request.Codes, request.AsOf, request.Options),
            strataContext);
        var runs = new MeasureRunStore(store, time);
        var runId = await runs.StartRunAsync(new MeasureRunDefinition(request.Period, request.AsOf, measures.Select(m => m.Id).ToList(),
            request.ValueSetSource, EngineVersion), cancellationToken).ConfigureAwait(false);

        var started = Stopwatch.GetTimestamp();
        // Facts changed since the snapshot was written (an ingest cut short, or edits) are written first, so the load reads
        // one sequential scan; part of the elapsed time.
        var refresh = await FactSnapshot.RefreshAsync(store, cancellationToken).ConfigureAwait(false);
        var counts = new EvaluationCounts();
        var total = 0L;
        if (progress is not null)
        {
            await using var db = store.CreateDbContext();
            total = await db.Patients.LongCountAsync(cancellationToken).ConfigureAwait(false);
            progress.Report(new StoreEvaluationProgress(runId, StoreEvaluationStage.Evaluating, 0, total));
        }

        var evaluatedPatients = 0L;
        var load = await PatientRecordReader.OpenPartitionsAsync(store, request.Codes, PatientSelection.All,
            Readers, BatchSize, BatchSize, cancellationToken).ConfigureAwait(false);
        var ranges = load.Partitions.Count;
        // Kept per batch and joined once at the end: lists of a million rows that double as they grow would put a new
        // large-object array on the heap at every doubling, and each one triggered a full collection.
        var outcomes = new List<MeasureRunOutcome[]>[ranges];
        var patients = new List<(string Source, string PatientId)[]>[ranges];
        var strata = new List<MeasureRunPatient[]>[ranges];
        var summaries = new PatientLoadSummary?[ranges];
        for (var i = 0; i < ranges; i++)
        {
            (outcomes[i], patients[i], strata[i]) = ([], [], []);
        }

        // Each key range is read and evaluated on its own thread (evaluation itself also spreads a batch over the cores):
        // with the fact snapshot reading is no longer the bound, and turning results into stored rows and stratum
        // categories is as much work as evaluating, so it must not sit on one consumer thread. Counts merge in any order
        // (ARCHITECTURE idea 3); outcomes are kept per range and joined in key order.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var gate = new Lock();
        var workers = Enumerable.Range(0, ranges).Select(range => Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in load.Partitions[range].WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    var evaluated = evaluator.Run(batch.Patients, keepResults: true, stop.Token);
                    outcomes[range].Add([.. MeasureRunOutcome.FromResults(evaluated.Results)]);
                    patients[range].Add([.. batch.Patients.Select(p => (p.Source, p.PatientId))]);
                    // The categories of patients in some measure's initial population, for the patients behind a stratum.
                    strata[range].Add([.. InAnyPopulation(batch.Patients, evaluated.Results)
                        .Select(p => MeasureRunPatient.Of(p.Source, p.Patient, p.Coverages, strataContext))]);
                    summaries[range] = batch.Summary;
                    lock (gate)
                    {
                        counts.Add(evaluated.Counts);
                        evaluatedPatients += batch.Patients.Count;
                        progress?.Report(new StoreEvaluationProgress(runId, StoreEvaluationStage.Evaluating, evaluatedPatients, Math.Max(total, evaluatedPatients)));
                    }
                }
            }
            catch
            {
                // Stops the other ranges at their next batch.
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }, CancellationToken.None)).ToList();

        try
        {
            // A failed range is faulted and the ranges it stopped are cancelled, so this throws the failure itself.
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            // Ends the read snapshot before the run is written.
            await load.DisposeAsync().ConfigureAwait(false);
        }

        var summary = new PatientLoadSummary(
            summaries.Sum(s => s?.Patients ?? 0), summaries.Sum(s => s?.Coverages ?? 0), summaries.Sum(s => s?.EventsRead ?? 0),
            summaries.Sum(s => s?.EventsKept ?? 0), summaries.Max(s => s?.Elapsed ?? TimeSpan.Zero))
        {
            FromSnapshot = summaries.All(s => s?.FromSnapshot == true),
        };
        var allOutcomes = Join(outcomes);
        var allPatients = Join(patients);
        var elapsed = Stopwatch.GetElapsedTime(started);
        progress?.Report(new StoreEvaluationProgress(runId, StoreEvaluationStage.Saving, evaluatedPatients, evaluatedPatients));
        await runs.SaveAsync(runId, counts, allOutcomes, strata.SelectMany(s => s).SelectMany(s => s), cancellationToken).ConfigureAwait(false);
        return new StoreEvaluationResult(runId, counts, allOutcomes, allPatients, measures, summary, elapsed) { Refresh = refresh };
    }

    /// <summary>The ranges' batches in order, in one list allocated at its final size.</summary>
    private static List<T> Join<T>(List<T[]>[] ranges)
    {
        var all = new List<T>(ranges.Sum(r => r.Sum(batch => batch.Length)));
        foreach (var batch in ranges.SelectMany(r => r))
        {
            all.AddRange(batch);
        }

        return all;
    }

    /// <summary>The patients with at least one result (results are in patient order, as the patients).</summary>
    private static IEnumerable<PatientRecord> InAnyPopulation(IReadOnlyList<PatientRecord> patients, IReadOnlyList<PatientResult> results)
    {
        var r = 0;
        foreach (var patient in patients)
        {
            var any = false;
            while (r < results.Count && string.Equals(results[r].PatientId, patient.PatientId, StringComparison.Ordinal)
                   && string.Equals(results[r].Source, patient.Source, StringComparison.Ordinal))
            {
                any = true;
                r++;
            }

            if (any)
            {
                yield return patient;
            }
        }
    }

    /// <summary>The engine's version, recorded with every run.</summary>
    public static string EngineVersion =>
        typeof(Measure).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";
}

using System.Diagnostics;
using System.Threading.Channels;
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

/// <summary>The outcome of <see cref="StoreEvaluation.RunAsync"/>.</summary>
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
    PatientLoadSummary Load, TimeSpan Elapsed);

/// <summary>
/// Evaluates every standard measure and stratifier over a store and saves the run: facts stream in batches from the
/// store, each batch is evaluated on all cores, counts merge (ARCHITECTURE idea 3), and the run is written in one
/// transaction. The CLI's <c>measure</c> command and the web app's demo start both use it.
/// </summary>
public static class StoreEvaluation
{
    /// <summary>Patients per evaluated batch: large enough to keep both cores busy, small enough to bound memory.</summary>
    public const int BatchSize = 20_000;

    /// <summary>Evaluates and saves; the run stays <c>failed</c> (with no rows) if anything goes wrong.</summary>
    public static async Task<StoreEvaluationResult> RunAsync(StoreTarget store, StoreEvaluationRequest request, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        var measures = MeasureSet.Standard(request.Codes, request.Options);
        var evaluator = new Evaluator(measures, Stratifiers.Standard,
            new MeasureContext(request.Period, request.Codes, request.AsOf, request.Options),
            new StratificationContext(request.Period.End, request.Areas));
        var runs = new MeasureRunStore(store, time);
        var runId = await runs.StartRunAsync(new MeasureRunDefinition(request.Period, request.AsOf, measures.Select(m => m.Id).ToList(),
            request.ValueSetSource, EngineVersion), cancellationToken).ConfigureAwait(false);

        var started = Stopwatch.GetTimestamp();
        var counts = new EvaluationCounts();
        var outcomes = new List<MeasureRunOutcome>();
        var patients = new List<(string Source, string PatientId)>();
        PatientLoadSummary? load = null;

        // Reading is one thread's work; evaluation uses every core. The reader fills a small queue on its own thread
        // while the previous batch is evaluated, so reading and evaluating overlap.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<PatientRecordBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in PatientRecordReader.ReadBatchesAsync(store, request.Codes, PatientSelection.All, BatchSize, stop.Token)
                                   .ConfigureAwait(false))
                {
                    await queue.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                }

                queue.Writer.Complete();
            }
            catch (Exception e)
            {
                queue.Writer.Complete(e);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var batch in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var evaluated = evaluator.Run(batch.Patients, keepResults: true, cancellationToken);
                counts.Add(evaluated.Counts);
                outcomes.AddRange(MeasureRunOutcome.FromResults(evaluated.Results));
                patients.AddRange(batch.Patients.Select(p => (p.Source, p.PatientId)));
                load = batch.Summary;
            }
        }
        finally
        {
            // Stops the reader when evaluation failed, so it does not wait on a full queue.
            await stop.CancelAsync().ConfigureAwait(false);
            await reader.ConfigureAwait(false);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        await runs.SaveAsync(runId, counts, outcomes, cancellationToken).ConfigureAwait(false);
        return new StoreEvaluationResult(runId, counts, outcomes, patients, measures, load ?? new PatientLoadSummary(0, 0, 0, 0, elapsed), elapsed);
    }

    /// <summary>The engine's version, recorded with every run.</summary>
    public static string EngineVersion =>
        typeof(Measure).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";
}

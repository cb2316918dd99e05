using System.Collections.Concurrent;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;

namespace RadEquity.Engine.Evaluation;

/// <summary>One patient's result for one measure, kept when outcomes are requested.</summary>
/// <param name="Source">The data source of the patient (a patient is a source and an id).</param>
/// <param name="PatientId">The FHIR Patient id.</param>
/// <param name="MeasureId">The measure.</param>
/// <param name="Result">The populations, gap and due date.</param>
public readonly record struct PatientResult(string Source, string PatientId, string MeasureId, MeasureResult Result);

/// <summary>The result of evaluating measures over patients: counts per stratum and, on request, per-patient results.</summary>
/// <param name="Counts">Mergeable counts.</param>
/// <param name="Results">Per-patient results of patients in a measure's initial population (empty unless requested),
/// in input order.</param>
public sealed record EvaluationResult(EvaluationCounts Counts, IReadOnlyList<PatientResult> Results);

/// <summary>
/// Evaluates measures over patients and counts by stratum, in parallel partitions whose counts merge
/// (ARCHITECTURE idea 3). Each patient is categorised once per stratifier (a cross from its parts); each measure
/// result is added to the overall row and to the patient's category of every stratifier.
/// </summary>
public sealed class Evaluator
{
    private readonly Measure[] _measures;
    private readonly MeasureContext _context;
    private readonly StratificationContext _strata;
    private readonly StrataPlan _plan;

    /// <summary>Creates an evaluator.</summary>
    public Evaluator(IReadOnlyList<Measure> measures, IReadOnlyList<Stratifier> stratifiers, MeasureContext context,
        StratificationContext strata)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(stratifiers);
        _measures = [.. measures];
        _plan = new StrataPlan(stratifiers);
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _strata = strata ?? throw new ArgumentNullException(nameof(strata));
    }

    /// <summary>Evaluates <paramref name="patients"/> on all cores.</summary>
    /// <param name="patients">The patients.</param>
    /// <param name="keepResults">Also return every per-patient result (for storage and outcome files).</param>
    /// <param name="ct">Cancellation.</param>
    public EvaluationResult Run(IReadOnlyList<PatientRecord> patients, bool keepResults = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(patients);
        if (patients.Count == 0)
        {
            return new EvaluationResult(Count([]), []);
        }

        // One partial count per worker; kept results per range, put back in input order at the end.
        var partials = new ConcurrentBag<PartialCounts>();
        var kept = new ConcurrentBag<(int Start, PatientResultList Results)>();
        var chunk = Math.Max(1024, patients.Count / (Environment.ProcessorCount * 8) + 1);
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, patients.Count, chunk),
            new ParallelOptions { CancellationToken = ct },
            NewPartial,
            (range, _, partial) =>
            {
                var results = keepResults ? new PatientResultList() : null;
                partial.Add(patients, range.Item1, range.Item2, results);
                if (results is not null)
                {
                    kept.Add((range.Item1, results));
                }

                return partial;
            },
            partials.Add);

        var merged = NewPartial();
        foreach (var partial in partials)
        {
            merged.Add(partial);
        }

        var all = new PatientResultList();
        foreach (var (_, results) in kept.OrderBy(r => r.Start))
        {
            all.Append(results);
        }

        return new EvaluationResult(merged.ToCounts(), all);
    }

    /// <summary>Counts one partition in a single pass on the calling thread (partial counts to merge).</summary>
    public EvaluationCounts Count(IEnumerable<PatientRecord> patients)
    {
        ArgumentNullException.ThrowIfNull(patients);
        var partial = NewPartial();
        if (patients is IReadOnlyList<PatientRecord> list)
        {
            partial.Add(list, 0, list.Count, null);
            return partial.ToCounts();
        }

        foreach (var p in patients)
        {
            partial.Add(p, null);
        }

        return partial.ToCounts();
    }

    private PartialCounts NewPartial() => new(_measures, _context, _plan, _strata);
}

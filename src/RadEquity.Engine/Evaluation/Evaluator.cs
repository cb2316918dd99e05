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
/// (ARCHITECTURE idea 3). Each patient is categorised once per stratifier; each measure result is added to the
/// overall row and to the patient's category of every stratifier.
/// </summary>
public sealed class Evaluator
{
    private readonly IReadOnlyList<Measure> _measures;
    private readonly IReadOnlyList<Stratifier> _stratifiers;
    private readonly MeasureContext _context;
    private readonly StratificationContext _strata;

    /// <summary>Creates an evaluator.</summary>
    public Evaluator(IReadOnlyList<Measure> measures, IReadOnlyList<Stratifier> stratifiers, MeasureContext context,
        StratificationContext strata)
    {
        _measures = measures ?? throw new ArgumentNullException(nameof(measures));
        _stratifiers = stratifiers ?? throw new ArgumentNullException(nameof(stratifiers));
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

        var parts = new ConcurrentBag<(int Start, Partial Partial)>();
        var chunk = Math.Max(1024, patients.Count / (Environment.ProcessorCount * 8) + 1);
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, patients.Count, chunk),
            new ParallelOptions { CancellationToken = ct },
            range =>
            {
                var partial = new Partial(this, keepResults);
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    partial.Add(patients[i]);
                }

                parts.Add((range.Item1, partial));
            });

        var ordered = parts.OrderBy(p => p.Start).Select(p => p.Partial).ToList();
        var counts = EvaluationCounts.Merge(ordered.Select(p => p.ToCounts()));
        var results = keepResults ? ordered.SelectMany(p => p.Results!).ToList() : [];
        return new EvaluationResult(counts, results);
    }

    /// <summary>Counts one partition in a single pass on the calling thread (partial counts to merge).</summary>
    public EvaluationCounts Count(IEnumerable<PatientRecord> patients)
    {
        ArgumentNullException.ThrowIfNull(patients);
        var partial = new Partial(this, keepResults: false);
        foreach (var p in patients)
        {
            partial.Add(p);
        }

        return partial.ToCounts();
    }

    /// <summary>One thread's accumulator: counts indexed by measure, stratifier and category number.</summary>
    private sealed class Partial
    {
        private readonly Evaluator _owner;
        private readonly Dictionary<string, int>[] _categoryIndex;
        private readonly Dictionary<string, int>[] _categoryByName;
        private readonly List<string>[] _categoryNames;
        private readonly List<StratumCounts>[][] _counts;
        private readonly StratumCounts[] _overall;
        private readonly int[] _patientCategories;
        private readonly CompletenessTally _completeness;
        private long _patients;

        public Partial(Evaluator owner, bool keepResults)
        {
            _owner = owner;
            var s = owner._stratifiers.Count;
            _categoryIndex = new Dictionary<string, int>[s];
            _categoryByName = new Dictionary<string, int>[s];
            _categoryNames = new List<string>[s];
            for (var i = 0; i < s; i++)
            {
                // Stratifiers return the same string instances for known categories, so the first lookup is by
                // reference; a category built per patient (a rare language) falls back to the lookup by name.
                _categoryIndex[i] = new Dictionary<string, int>(ReferenceEqualityComparer.Instance);
                _categoryByName[i] = new Dictionary<string, int>(StringComparer.Ordinal);
                _categoryNames[i] = [];
            }

            _counts = new List<StratumCounts>[owner._measures.Count][];
            _overall = new StratumCounts[owner._measures.Count];
            for (var m = 0; m < _counts.Length; m++)
            {
                _overall[m] = new StratumCounts();
                _counts[m] = new List<StratumCounts>[s];
                for (var i = 0; i < s; i++)
                {
                    _counts[m][i] = [];
                }
            }

            _patientCategories = new int[s];
            _completeness = new CompletenessTally(owner._strata);
            Results = keepResults ? [] : null;
        }

        public List<PatientResult>? Results { get; }

        public void Add(PatientRecord patient)
        {
            _patients++;
            _completeness.Add(patient.Source, patient.Patient, patient.Coverages);
            var categorized = false;
            var measures = _owner._measures;
            for (var m = 0; m < measures.Count; m++)
            {
                var result = measures[m].Evaluate(patient, _owner._context);
                if (!result.InInitialPopulation)
                {
                    continue;
                }

                if (!categorized)
                {
                    Categorize(patient);
                    categorized = true;
                }

                _overall[m].Add(result);
                var byStratifier = _counts[m];
                for (var s = 0; s < byStratifier.Length; s++)
                {
                    var cells = byStratifier[s];
                    var c = _patientCategories[s];
                    while (cells.Count <= c)
                    {
                        cells.Add(new StratumCounts());
                    }

                    cells[c].Add(result);
                }

                Results?.Add(new PatientResult(patient.Source, patient.PatientId, measures[m].Id, result));
            }
        }

        private void Categorize(PatientRecord patient)
        {
            var stratifiers = _owner._stratifiers;
            for (var s = 0; s < stratifiers.Count; s++)
            {
                var category = stratifiers[s].Categorize(patient.Patient, patient.Coverages, _owner._strata);
                if (!_categoryIndex[s].TryGetValue(category, out var index) && !_categoryByName[s].TryGetValue(category, out index))
                {
                    index = _categoryNames[s].Count;
                    _categoryIndex[s][category] = index;
                    _categoryByName[s][category] = index;
                    _categoryNames[s].Add(category);
                }

                _patientCategories[s] = index;
            }
        }

        public EvaluationCounts ToCounts()
        {
            var cells = new Dictionary<StratumKey, StratumCounts>();
            var measures = _owner._measures;
            for (var m = 0; m < measures.Count; m++)
            {
                var id = measures[m].Id;
                if (_overall[m].InitialPopulation > 0)
                {
                    cells[new StratumKey(id, StratumKey.Overall, StratumKey.Overall)] = _overall[m];
                }

                for (var s = 0; s < _counts[m].Length; s++)
                {
                    var stratifier = _owner._stratifiers[s].Id;
                    var list = _counts[m][s];
                    for (var c = 0; c < list.Count; c++)
                    {
                        // Category names are distinct per stratifier (Categorize falls back to the lookup by name).
                        if (list[c].InitialPopulation > 0)
                        {
                            cells[new StratumKey(id, stratifier, _categoryNames[s][c])] = list[c];
                        }
                    }
                }
            }

            return new EvaluationCounts(cells) { Patients = _patients, Completeness = _completeness.ToReport() };
        }
    }
}

using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;

namespace RadEquity.Engine.Evaluation;

/// <summary>
/// One partition's counts (one thread's): per measure, the overall row and one cell per category number of every
/// stratifier counted by. Each patient's demographics are read once, for completeness and for every stratifier.
/// </summary>
internal sealed class PartialCounts
{
    private readonly Measure[] _measures;
    private readonly MeasureContext _context;
    private readonly StrataPlan _plan;
    private readonly StrataPlan.Numbering _numbers;
    private readonly StratificationContext _strata;
    private readonly CompletenessTally _completeness;
    private readonly Tally[] _overall;
    private readonly Tally[][][] _cells;
    private long _patients;

    public PartialCounts(Measure[] measures, MeasureContext context, StrataPlan plan, StratificationContext strata)
    {
        _measures = measures;
        _context = context;
        _plan = plan;
        _strata = strata;
        _numbers = new StrataPlan.Numbering(plan, strata);
        _completeness = new CompletenessTally(strata);
        _overall = new Tally[measures.Length];
        _cells = new Tally[measures.Length][][];
        for (var m = 0; m < measures.Length; m++)
        {
            _cells[m] = new Tally[plan.Counted][];
            for (var s = 0; s < plan.Counted; s++)
            {
                _cells[m][s] = new Tally[plan[s].KnownCategories.Count];
            }
        }
    }

    /// <summary>Counts <paramref name="patients"/> from <paramref name="start"/> up to <paramref name="end"/>, asking for
    /// each one's objects a few patients ahead (<see cref="Prefetch"/>); appends their results to
    /// <paramref name="results"/> when given.</summary>
    public void Add(IReadOnlyList<PatientRecord> patients, int start, int end, PatientResultList? results)
    {
        for (var i = start; i < end; i++)
        {
            if (i + Prefetch.Distance < end)
            {
                Prefetch.Facts(patients[i + Prefetch.Distance]);
            }

            if (i + (Prefetch.Distance / 2) < end)
            {
                Prefetch.Codings(patients[i + (Prefetch.Distance / 2)]);
            }

            Add(patients[i], results);
        }
    }

    /// <summary>Counts one patient; appends its results to <paramref name="results"/> when given.</summary>
    public void Add(PatientRecord patient, PatientResultList? results)
    {
        _patients++;
        var strata = PatientStrata.Read(patient.Patient, patient.Coverages, _strata);
        _completeness.Add(patient.Source, strata);
        var categorized = false;
        for (var m = 0; m < _measures.Length; m++)
        {
            var result = _measures[m].Evaluate(patient, _context);
            if (!result.InInitialPopulation)
            {
                continue;
            }

            if (!categorized)
            {
                _numbers.Categorize(patient, strata);
                categorized = true;
            }

            var one = new Tally(result);
            var days = result.DaysToResolution;
            _overall[m].Add(one, days);
            var cells = _cells[m];
            var numbers = _numbers.Current;
            for (var s = 0; s < cells.Length; s++)
            {
                var c = numbers[s];
                if (c >= cells[s].Length)
                {
                    Array.Resize(ref cells[s], Math.Max(c + 1, cells[s].Length * 2));
                }

                cells[s][c].Add(one, days);
            }

            results?.Add(new PatientResult(patient.Source, patient.PatientId, _measures[m].Id, result));
        }
    }

    /// <summary>Adds another partition's counts to this one (the same measures and stratifiers).</summary>
    public void Add(PartialCounts other)
    {
        _patients += other._patients;
        _completeness.Add(other._completeness);
        for (var m = 0; m < _measures.Length; m++)
        {
            _overall[m].Add(other._overall[m]);
            for (var s = 0; s < _plan.Counted; s++)
            {
                var theirs = other._cells[m][s];
                for (var c = 0; c < other._numbers.CountOf(s); c++)
                {
                    // Categories beyond the known ones are numbered by each partition as it met them.
                    var mine = c < _plan[s].KnownCategories.Count ? c : _numbers.NumberOf(s, other._numbers.NameOf(s, c));
                    ref var cells = ref _cells[m][s];
                    if (mine >= cells.Length)
                    {
                        Array.Resize(ref cells, Math.Max(mine + 1, cells.Length * 2));
                    }

                    if (c < theirs.Length)
                    {
                        cells[mine].Add(theirs[c]);
                    }
                }
            }
        }
    }

    public EvaluationCounts ToCounts()
    {
        var cells = new Dictionary<StratumKey, StratumCounts>();
        for (var m = 0; m < _measures.Length; m++)
        {
            var id = _measures[m].Id;
            if (_overall[m].InitialPopulation > 0)
            {
                cells[new StratumKey(id, StratumKey.Overall, StratumKey.Overall)] = _overall[m].ToCounts();
            }

            for (var s = 0; s < _plan.Counted; s++)
            {
                var byNumber = _cells[m][s];
                foreach (var c in _numbers.InOrder(s))
                {
                    if (c < byNumber.Length && byNumber[c].InitialPopulation > 0)
                    {
                        cells[new StratumKey(id, _plan[s].Id, _numbers.NameOf(s, c))] = byNumber[c].ToCounts();
                    }
                }
            }
        }

        return new EvaluationCounts(cells) { Patients = _patients, Completeness = _completeness.ToReport() };
    }

    /// <summary>The counts of one cell while counting: <see cref="StratumCounts"/> as a value, so that adding a
    /// patient to its overall row and ten or so cells touches no object but a list of days to resolution (kept as days,
    /// not as a histogram per cell and partition, which would allocate far more than the few resolved results).</summary>
    private struct Tally
    {
        public long InitialPopulation;
        public long Denominator;
        public long Exclusions;
        public long Numerator;
        public long ReportedMethod;
        public long OpenGaps;
        public long ProspectiveGaps;
        public List<int>? ResolutionDays;

        /// <summary>One patient's result (in the initial population).</summary>
        public Tally(in MeasureResult result)
        {
            InitialPopulation = 1;
            Denominator = result.InDenominator ? 1 : 0;
            Exclusions = result.IsExcluded ? 1 : 0;
            Numerator = result.InNumerator ? 1 : 0;
            ReportedMethod = result.MetByReportedMethod ? 1 : 0;
            OpenGaps = result.Gap == GapStatus.Open ? 1 : 0;
            ProspectiveGaps = result.Gap == GapStatus.Prospective ? 1 : 0;
        }

        public void Add(in Tally one, int? days)
        {
            InitialPopulation += one.InitialPopulation;
            Denominator += one.Denominator;
            Exclusions += one.Exclusions;
            Numerator += one.Numerator;
            ReportedMethod += one.ReportedMethod;
            OpenGaps += one.OpenGaps;
            ProspectiveGaps += one.ProspectiveGaps;
            if (days is { } d)
            {
                (ResolutionDays ??= []).Add(d);
            }
        }

        public void Add(in Tally other)
        {
            Add(other, null);
            if (other.ResolutionDays is { } theirs)
            {
                (ResolutionDays ??= []).AddRange(theirs);
            }
        }

        public readonly StratumCounts ToCounts()
        {
            long[]? histogram = null;
            if (ResolutionDays is { } days)
            {
                histogram = new long[StratumCounts.MaxResolutionDays + 1];
                foreach (var d in days)
                {
                    histogram[Math.Clamp(d, 0, StratumCounts.MaxResolutionDays)]++;
                }
            }

            return StratumCounts.FromHistogram(InitialPopulation, Denominator, Exclusions, Numerator, ReportedMethod, OpenGaps,
                ProspectiveGaps, histogram);
        }
    }
}

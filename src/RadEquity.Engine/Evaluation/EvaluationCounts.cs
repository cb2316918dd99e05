using RadEquity.Engine.Strata;

namespace RadEquity.Engine.Evaluation;

/// <summary>Where a count belongs: a measure, a stratifier (<see cref="Overall"/> for the whole population) and a
/// category.</summary>
/// <param name="MeasureId">The measure.</param>
/// <param name="StratifierId">The stratifier, or <see cref="Overall"/>.</param>
/// <param name="Category">The category; <see cref="Overall"/> for the overall row.</param>
public readonly record struct StratumKey(string MeasureId, string StratifierId, string Category)
{
    /// <summary>The stratifier id and category of the unstratified total.</summary>
    public const string Overall = "overall";
}

/// <summary>
/// Per-stratum counts of every measure: the mergeable result of an evaluation (ARCHITECTURE idea 3). Merging the
/// counts of any partitioning of the patients gives the same counts as one pass over all of them.
/// </summary>
public sealed class EvaluationCounts
{
    private readonly Dictionary<StratumKey, StratumCounts> _cells;

    /// <summary>Creates empty counts.</summary>
    public EvaluationCounts() => _cells = [];

    internal EvaluationCounts(Dictionary<StratumKey, StratumCounts> cells) => _cells = cells;

    /// <summary>Patients evaluated.</summary>
    public long Patients { get; internal set; }

    /// <summary>Missing and unknown demographics of the patients evaluated, per data source (shown before any
    /// disparity figure).</summary>
    public CompletenessReport Completeness { get; internal set; } = CompletenessReport.Empty;

    /// <summary>Every non-empty cell.</summary>
    public IReadOnlyDictionary<StratumKey, StratumCounts> Cells => _cells;

    /// <summary>The counts of one cell (empty counts when no patient fell into it).</summary>
    public StratumCounts Get(string measureId, string stratifierId, string category) =>
        _cells.TryGetValue(new StratumKey(measureId, stratifierId, category), out var c) ? c : new StratumCounts();

    /// <summary>The overall counts of a measure.</summary>
    public StratumCounts Overall(string measureId) => Get(measureId, StratumKey.Overall, StratumKey.Overall);

    /// <summary>The categories present for a measure and stratifier, in the stratifier's order (known categories
    /// first, then any others in ordinal order).</summary>
    public IReadOnlyList<(string Category, StratumCounts Counts)> Strata(string measureId, Stratifier stratifier)
    {
        ArgumentNullException.ThrowIfNull(stratifier);
        return _cells
            .Where(c => c.Key.MeasureId == measureId && c.Key.StratifierId == stratifier.Id)
            .Select(c => (c.Key.Category, c.Value))
            .OrderBy(c => stratifier.IndexOf(c.Category) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Adds <paramref name="other"/>'s counts into this one.</summary>
    public void Add(EvaluationCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Patients += other.Patients;
        Completeness = Completeness.Merge(other.Completeness);
        foreach (var (key, counts) in other._cells)
        {
            if (!_cells.TryGetValue(key, out var mine))
            {
                _cells[key] = mine = new StratumCounts();
            }

            mine.Add(counts);
        }
    }

    /// <summary>Merges several partial counts into new counts.</summary>
    public static EvaluationCounts Merge(IEnumerable<EvaluationCounts> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var merged = new EvaluationCounts();
        foreach (var part in parts)
        {
            merged.Add(part);
        }

        return merged;
    }

    /// <summary>Restores counts from their cells (from storage); every key must be distinct.</summary>
    /// <param name="cells">The cells, as <see cref="Cells"/> lists them.</param>
    /// <param name="patients">Patients evaluated (<see cref="Patients"/>).</param>
    /// <param name="completeness">The completeness report, when stored.</param>
    public static EvaluationCounts FromCells(IEnumerable<KeyValuePair<StratumKey, StratumCounts>> cells, long patients,
        CompletenessReport? completeness = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfNegative(patients);
        var restored = new Dictionary<StratumKey, StratumCounts>();
        foreach (var (key, counts) in cells)
        {
            restored.Add(key, counts ?? throw new ArgumentException($"The cell {key} has no counts.", nameof(cells)));
        }

        return new EvaluationCounts(restored) { Patients = patients, Completeness = completeness ?? CompletenessReport.Empty };
    }

    /// <summary>True when both hold the same cells with the same counts.</summary>
    public bool HasSameCounts(EvaluationCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Patients == other.Patients
               && Completeness.Overall == other.Completeness.Overall
               && _cells.Count(c => c.Value.InitialPopulation > 0) == other._cells.Count(c => c.Value.InitialPopulation > 0)
               && _cells.Where(c => c.Value.InitialPopulation > 0)
                   .All(c => other._cells.TryGetValue(c.Key, out var o) && o.Equals(c.Value));
    }
}

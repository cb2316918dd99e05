using RadEquity.Engine.Statistics;

namespace RadEquity.Engine.Disclosure;

/// <summary>
/// One measure's tables after small-cell suppression: the only aggregate type that may leave the practice
/// (ARCHITECTURE idea 5). It has no public constructor; <see cref="SmallCellGate.Disclose"/> is the only way to
/// obtain one.
/// </summary>
public sealed class DisclosedRelease
{
    internal DisclosedRelease(
        string measure, DisclosedCell total, IReadOnlyList<DisclosedTable> tables, ConfidenceLevel level, IntervalMethod method)
    {
        Measure = measure;
        Total = total;
        Tables = tables;
        Level = level;
        Method = method;
    }

    /// <summary>The measure's identifier.</summary>
    public string Measure { get; }

    /// <summary>The total over all categories (no categories); suppressed like any other cell.</summary>
    public DisclosedCell Total { get; }

    /// <summary>The tables: those given, in order, then the one-way margins of crosses that were not given.</summary>
    public IReadOnlyList<DisclosedTable> Tables { get; }

    /// <summary>The confidence level of the published intervals.</summary>
    public ConfidenceLevel Level { get; }

    /// <summary>The interval method of the published intervals.</summary>
    public IntervalMethod Method { get; }
}

/// <summary>A table after suppression: one or two stratifiers, and a cell for every combination of categories.</summary>
public sealed class DisclosedTable
{
    internal DisclosedTable(IReadOnlyList<string> stratifiers, IReadOnlyList<DisclosedCell> cells)
    {
        Stratifiers = stratifiers;
        Cells = cells;
    }

    /// <summary>One or two stratifier names.</summary>
    public IReadOnlyList<string> Stratifiers { get; }

    /// <summary>Every combination of the stratifiers' categories (row-major for a cross), suppressed or not.</summary>
    public IReadOnlyList<DisclosedCell> Cells { get; }
}

/// <summary>A cell after suppression: either its counts, rate and interval, or nothing but the fact of suppression.</summary>
public sealed class DisclosedCell
{
    internal DisclosedCell(IReadOnlyList<string> categories, CellCounts? counts, ConfidenceLevel level, IntervalMethod method)
    {
        Categories = categories;
        Counts = counts;
        if (counts is { } shown)
        {
            var proportion = new Proportion(shown.Numerator, shown.Denominator);
            Rate = proportion.Rate;
            Interval = ConfidenceIntervals.Of(proportion, level, method);
        }
    }

    /// <summary>The cell's category per stratifier of its table; empty for the total.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Whether the cell is suppressed (its counts, rate and interval are withheld).</summary>
    public bool IsSuppressed => Counts is null;

    /// <summary>The counts; null when suppressed.</summary>
    public CellCounts? Counts { get; }

    /// <summary>Numerator / denominator (NaN when the denominator is 0); null when suppressed.</summary>
    public double? Rate { get; }

    /// <summary>The rate's confidence interval; null when suppressed.</summary>
    public Interval? Interval { get; }
}

using RadEquity.Engine.Statistics;

namespace RadEquity.Engine.Disclosure;

/// <summary>
/// The single de-identification and small-cell suppression gate (ARCHITECTURE idea 5): every aggregate that leaves
/// the practice is a <see cref="DisclosedRelease"/>, and only this gate creates one. Rule (CMS cell size suppression
/// policy): a count from 1 to 10 is never published; 0 is. A cell is suppressed whole (counts, rate and interval) when
/// its denominator, numerator, complement (denominator − numerator) or exclusions is from 1 to 10, and complementary
/// suppression then ensures no suppressed cell can be derived from the published totals, margins and other cells
/// (see docs/statistics.md).
/// </summary>
public static class SmallCellGate
{
    /// <summary>
    /// The smallest count that may be published, 11 (CMS cell size suppression policy: no cell of 1 to 10, nor a
    /// value from which one can be derived).
    /// </summary>
    public const long Threshold = 11;

    /// <summary>Whether a count may not be published: 1 to <see cref="Threshold"/> − 1. Zero may.</summary>
    public static bool IsSmall(long count) => count is > 0 and < Threshold;

    /// <summary>Whether a cell must be suppressed on its own counts (primary suppression).</summary>
    public static bool IsSmallCell(CellCounts counts) =>
        IsSmall(counts.Denominator) || IsSmall(counts.Numerator) || IsSmall(counts.Complement) || IsSmall(counts.Exclusions);

    /// <summary>
    /// Suppresses small cells in one measure's tables, jointly, and computes each published cell's rate and
    /// interval (95% Wilson unless given).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The release has no table, a table repeats a stratifier or a combination of categories, a stratifier or cross
    /// appears twice, or the tables disagree on the total or on a cross margin.
    /// </exception>
    public static DisclosedRelease Disclose(
        AggregateRelease release, ConfidenceLevel? level = null, IntervalMethod method = IntervalMethod.Wilson)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentException.ThrowIfNullOrEmpty(release.Measure);
        level ??= ConfidenceLevel.NinetyFive;
        var layout = new ReleaseLayout(release);
        var suppressed = ComplementarySuppression.Apply(layout.Counts, layout.Lines);

        DisclosedCell Cell(string[] categories, int entry) =>
            new(Array.AsReadOnly(categories), suppressed[entry] ? null : layout.Counts[entry], level, method);

        var tables = layout.Tables
            .Select(t => new DisclosedTable(
                t.Stratifiers.ToList().AsReadOnly(),
                t.Cells.Select(c => Cell(c.Categories, c.Entry)).ToList().AsReadOnly()))
            .ToList()
            .AsReadOnly();
        return new DisclosedRelease(release.Measure, Cell([], layout.Total), tables, level, method);
    }
}

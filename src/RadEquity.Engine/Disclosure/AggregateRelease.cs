namespace RadEquity.Engine.Disclosure;

/// <summary>One cell of an <see cref="AggregateTable"/>: a category per stratifier, and the cell's counts.</summary>
/// <param name="Categories">One category per stratifier of the table, in the table's stratifier order.</param>
/// <param name="Counts">The cell's counts.</param>
public sealed record AggregateCell(IReadOnlyList<string> Categories, CellCounts Counts);

/// <summary>
/// A measure's counts by one stratifier (a one-way table) or by two (a cross, e.g. race × payer). Categories of a
/// stratifier are exhaustive and exclusive ("Unknown / declined" is a category), so every table of a measure sums to
/// the same total. A combination of categories that is absent counts as zero.
/// </summary>
/// <param name="Stratifiers">One or two stratifier names.</param>
/// <param name="Cells">The cells; each combination of categories at most once.</param>
public sealed record AggregateTable(IReadOnlyList<string> Stratifiers, IReadOnlyList<AggregateCell> Cells);

/// <summary>
/// Everything about one measure that is to leave the practice: its one-way tables and crosses. The gate suppresses
/// them jointly because they share the total and the crosses' margins are the one-way tables.
/// </summary>
/// <param name="Measure">The measure's identifier.</param>
/// <param name="Tables">The tables; the margins of a cross need not be listed (the gate derives them).</param>
public sealed record AggregateRelease(string Measure, IReadOnlyList<AggregateTable> Tables);

namespace RadEquity.Engine.Disclosure;

/// <summary>
/// The additive counts of one cell of an aggregate table: the measure's denominator (after exclusions), its
/// numerator, and the people excluded from the denominator. Counts add across threads, shards and practices
/// (ARCHITECTURE idea 3); they carry no patient identifiers.
/// </summary>
public readonly record struct CellCounts
{
    /// <summary>Creates counts; all are non-negative and the numerator is at most the denominator.</summary>
    /// <param name="denominator">People in the denominator, exclusions already removed.</param>
    /// <param name="numerator">People in the numerator.</param>
    /// <param name="exclusions">People excluded from the denominator; pass 0 when exclusions are not published.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or the numerator exceeds the denominator.</exception>
    public CellCounts(long denominator, long numerator, long exclusions = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(denominator);
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegative(exclusions);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numerator, denominator);
        Denominator = denominator;
        Numerator = numerator;
        Exclusions = exclusions;
    }

    /// <summary>People in the denominator (after exclusions).</summary>
    public long Denominator { get; }

    /// <summary>People in the numerator.</summary>
    public long Numerator { get; }

    /// <summary>People excluded from the denominator.</summary>
    public long Exclusions { get; }

    /// <summary>Denominator − numerator: publishing it would reveal the numerator, so it is checked too.</summary>
    public long Complement => Denominator - Numerator;

    /// <summary>The cell-wise sum (checked arithmetic).</summary>
    public static CellCounts Add(CellCounts left, CellCounts right) =>
        new(left.Denominator + right.Denominator, left.Numerator + right.Numerator, left.Exclusions + right.Exclusions);
}

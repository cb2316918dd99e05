namespace RadEquity.Engine.Statistics;

/// <summary>
/// A count of people meeting a condition (<see cref="Numerator"/>) out of the people eligible
/// (<see cref="Denominator"/>), as merged from stratum counts (ARCHITECTURE idea 3: rates are computed only from
/// merged counts).
/// </summary>
public readonly record struct Proportion
{
    /// <summary>Creates a proportion; both counts are non-negative and the numerator is at most the denominator.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or the numerator exceeds the denominator.</exception>
    public Proportion(long numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegative(denominator);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numerator, denominator);
        Numerator = numerator;
        Denominator = denominator;
    }

    /// <summary>People meeting the condition.</summary>
    public long Numerator { get; }

    /// <summary>People eligible.</summary>
    public long Denominator { get; }

    /// <summary>Numerator / denominator; <see cref="double.NaN"/> when the denominator is 0.</summary>
    public double Rate => Denominator == 0 ? double.NaN : (double)Numerator / Denominator;
}

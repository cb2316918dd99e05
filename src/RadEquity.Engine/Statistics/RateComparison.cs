namespace RadEquity.Engine.Statistics;

/// <summary>Comparison of a group's rate with a reference group's rate.</summary>
public static class RateComparison
{
    /// <summary>
    /// Rate difference d = p₁ − p₂ (group minus reference) with Newcombe's hybrid score interval
    /// (Newcombe, Stat Med 1998;17:873-890, method 10), built from the Wilson limits (l, u) of each rate:
    /// [d − √((p₁ − l₁)² + (u₂ − p₂)²), d + √((u₁ − p₁)² + (p₂ − l₂)²)].
    /// Undefined (NaN) when either denominator is 0.
    /// </summary>
    public static Estimate Difference(Proportion group, Proportion reference, ConfidenceLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (group.Denominator == 0 || reference.Denominator == 0)
        {
            return new Estimate(double.NaN, Interval.Undefined);
        }

        double p1 = group.Rate, p2 = reference.Rate;
        var w1 = ConfidenceIntervals.Wilson(group, level);
        var w2 = ConfidenceIntervals.Wilson(reference, level);
        var d = p1 - p2;
        var lower = d - Math.Sqrt(Square(p1 - w1.Lower) + Square(w2.Upper - p2));
        var upper = d + Math.Sqrt(Square(w1.Upper - p1) + Square(p2 - w2.Lower));
        return new Estimate(d, new Interval(lower, upper));
    }

    /// <summary>
    /// Rate ratio RR = p₁ / p₂ (group over reference) with Katz's log interval (Katz, Baptista, Azen &amp; Pike,
    /// Biometrics 1978;34:469-474): exp(ln RR ± z·√(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂)). The ratio is NaN when a
    /// denominator or the reference numerator is 0 (0 when only the group numerator is 0); the interval is
    /// undefined whenever either numerator is 0, because the log interval needs both counts positive. Never throws
    /// for zero counts.
    /// </summary>
    public static Estimate Ratio(Proportion group, Proportion reference, ConfidenceLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (group.Denominator == 0 || reference.Denominator == 0 || reference.Numerator == 0)
        {
            return new Estimate(double.NaN, Interval.Undefined);
        }

        var ratio = group.Rate / reference.Rate;
        if (group.Numerator == 0)
        {
            return new Estimate(ratio, Interval.Undefined);
        }

        var se = Math.Sqrt((1.0 / group.Numerator) - (1.0 / group.Denominator)
            + (1.0 / reference.Numerator) - (1.0 / reference.Denominator));
        var log = Math.Log(ratio);
        return new Estimate(ratio, new Interval(Math.Exp(log - (level.Z * se)), Math.Exp(log + (level.Z * se))));
    }

    private static double Square(double value) => value * value;
}

namespace RadEquity.Engine.Statistics;

/// <summary>Two-sided confidence intervals for a single proportion x / n.</summary>
public static class ConfidenceIntervals
{
    /// <summary>The interval of <paramref name="proportion"/> by <paramref name="method"/>.</summary>
    public static Interval Of(Proportion proportion, ConfidenceLevel level, IntervalMethod method = IntervalMethod.Wilson) =>
        method switch
        {
            IntervalMethod.Wilson => Wilson(proportion, level),
            IntervalMethod.ClopperPearson => ClopperPearson(proportion, level),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown interval method."),
        };

    /// <summary>
    /// Wilson score interval (Wilson, JASA 1927;22:209-212):
    /// (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). Exactly 0 (lower) at x = 0 and 1 (upper) at x = n;
    /// undefined when n = 0.
    /// </summary>
    public static Interval Wilson(Proportion proportion, ConfidenceLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (proportion.Denominator == 0)
        {
            return Interval.Undefined;
        }

        double n = proportion.Denominator;
        var p = proportion.Rate;
        var z2 = level.Z * level.Z;
        var scale = 1.0 + (z2 / n);
        var centre = (p + (z2 / (2.0 * n))) / scale;
        var half = level.Z * Math.Sqrt((p * (1.0 - p) / n) + (z2 / (4.0 * n * n))) / scale;
        var lower = proportion.Numerator == 0 ? 0.0 : Math.Max(0.0, centre - half);
        var upper = proportion.Numerator == proportion.Denominator ? 1.0 : Math.Min(1.0, centre + half);
        return new Interval(lower, upper);
    }

    /// <summary>
    /// Clopper-Pearson exact interval (Clopper &amp; Pearson, Biometrika 1934;26:404-413):
    /// lower = B⁻¹(α/2; x, n − x + 1), upper = B⁻¹(1 − α/2; x + 1, n − x), with B⁻¹ the inverse regularized
    /// incomplete beta function; lower = 0 at x = 0 and upper = 1 at x = n. Undefined when n = 0.
    /// </summary>
    public static Interval ClopperPearson(Proportion proportion, ConfidenceLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (proportion.Denominator == 0)
        {
            return Interval.Undefined;
        }

        long x = proportion.Numerator, n = proportion.Denominator;
        var halfAlpha = level.Alpha / 2.0;

        // upper(x, n) = 1 − lower(n − x, n): one root finder serves both limits.
        return new Interval(ExactLower(x, n, halfAlpha), 1.0 - ExactLower(n - x, n, halfAlpha));
    }

    private static double ExactLower(long x, long n, double halfAlpha) =>
        x == 0 ? 0.0 : IncompleteBeta.Inverse(halfAlpha, x, n - x + 1);
}

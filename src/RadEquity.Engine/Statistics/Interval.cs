namespace RadEquity.Engine.Statistics;

/// <summary>How the confidence interval of a single proportion is computed.</summary>
public enum IntervalMethod
{
    /// <summary>Wilson score interval (Wilson, JASA 1927;22:209-212); the default.</summary>
    Wilson,

    /// <summary>Clopper-Pearson exact interval (Clopper &amp; Pearson, Biometrika 1934;26:404-413).</summary>
    ClopperPearson,
}

/// <summary>A two-sided confidence interval; both limits are <see cref="double.NaN"/> when it is undefined.</summary>
/// <param name="Lower">Lower limit.</param>
/// <param name="Upper">Upper limit.</param>
public readonly record struct Interval(double Lower, double Upper)
{
    /// <summary>The undefined interval (both limits NaN), e.g. for a proportion with no denominator.</summary>
    public static Interval Undefined { get; } = new(double.NaN, double.NaN);

    /// <summary>Whether both limits are numbers.</summary>
    public bool IsDefined => !double.IsNaN(Lower) && !double.IsNaN(Upper);
}

/// <summary>A point estimate with its confidence interval.</summary>
/// <param name="Value">The estimate; <see cref="double.NaN"/> when undefined.</param>
/// <param name="Interval">Its interval; <see cref="Interval.Undefined"/> when undefined.</param>
public readonly record struct Estimate(double Value, Interval Interval);

namespace RadEquity.Engine.Statistics;

/// <summary>The counts of one group (one category of a stratifier).</summary>
/// <param name="Name">The category, e.g. "Q1" or "Black or African American".</param>
/// <param name="Counts">Numerator and denominator of the measure in this group.</param>
public sealed record GroupCounts(string Name, Proportion Counts);

/// <summary>Whether a higher rate is the better outcome (screening completed) or a lower one (late-stage diagnosis).</summary>
public enum RateDirection
{
    /// <summary>A higher rate is better; the best group has the highest rate.</summary>
    HigherIsBetter,

    /// <summary>A lower rate is better; the best group has the lowest rate.</summary>
    LowerIsBetter,
}

/// <summary>How <see cref="Disparity.Summarize"/> reads the groups.</summary>
public sealed record DisparityOptions
{
    /// <summary>Higher is better (screening) unless said otherwise.</summary>
    public static DisparityOptions Default { get; } = new();

    /// <summary>Which rates are better; decides the best group and the sign of the attributable measures.</summary>
    public RateDirection Direction { get; init; } = RateDirection.HigherIsBetter;

    /// <summary>The reference group by name; null selects the best group (highest rate when higher is better).</summary>
    public string? ReferenceGroup { get; init; }

    /// <summary>
    /// Whether the groups are ordered, listed from most to least disadvantaged (deprivation quintiles, rurality);
    /// only then are the ridit-based measures (<see cref="OrderedDisparity"/>) computed.
    /// </summary>
    public bool IsOrdered { get; init; }
}

/// <summary>
/// Summary disparity measures over the groups of one stratifier (NCI HD*Calc; Harper &amp; Lynch, Methods for
/// Measuring Cancer Disparities, NCI 2005; WHO HEAT technical notes). Definitions are in docs/statistics.md.
/// J counts only groups with a positive denominator; a value is <see cref="double.NaN"/> where it is undefined.
/// </summary>
public sealed record DisparitySummary
{
    /// <summary>J, the number of groups with a positive denominator.</summary>
    public required int GroupCount { get; init; }

    /// <summary>μ = Σ pⱼ rⱼ with pⱼ = nⱼ / N: the population rate.</summary>
    public required double PopulationRate { get; init; }

    /// <summary>The reference group; null when the named reference has no denominator.</summary>
    public required GroupCounts? Reference { get; init; }

    /// <summary>r_max − r_min.</summary>
    public required double RateRangeDifference { get; init; }

    /// <summary>r_max / r_min; NaN when r_min = 0.</summary>
    public required double RateRangeRatio { get; init; }

    /// <summary>100 · (Σ |rⱼ − μ| / J) / μ; NaN when μ = 0.</summary>
    public required double IndexOfDisparityFromMean { get; init; }

    /// <summary>100 · (Σ |rⱼ − r_ref| / (J − 1)) / r_ref; NaN when r_ref = 0 or there is no reference.</summary>
    public required double IndexOfDisparityFromReference { get; init; }

    /// <summary>Σ pⱼ (rⱼ − μ)².</summary>
    public required double BetweenGroupVariance { get; init; }

    /// <summary>Σ pⱼ (rⱼ/μ) ln(rⱼ/μ), with 0 · ln 0 = 0; NaN when μ = 0.</summary>
    public required double TheilIndex { get; init; }

    /// <summary>Σ pⱼ ln(μ/rⱼ); NaN when any rⱼ = 0.</summary>
    public required double MeanLogDeviation { get; init; }

    /// <summary>r_ref − μ when higher is better, μ − r_ref when lower is better (a shortfall is positive).</summary>
    public required double PopulationAttributableRisk { get; init; }

    /// <summary>100 · <see cref="PopulationAttributableRisk"/> / μ; NaN when μ = 0.</summary>
    public required double PopulationAttributableFraction { get; init; }

    /// <summary>
    /// Σ max(0, r_ref − rⱼ) · nⱼ (higher is better; max(0, rⱼ − r_ref) · nⱼ when lower is better): the people who
    /// would additionally meet (or no longer meet) the numerator if every group worse than the reference reached
    /// its rate. Computed exactly in integers as Σ max(0, ±(x_ref·nⱼ − xⱼ·n_ref)) / n_ref. NaN without a reference.
    /// </summary>
    public required double PopulationAttributableGap { get; init; }

    /// <summary><see cref="PopulationAttributableGap"/> rounded half away from zero, exactly; null without a reference.</summary>
    public required long? PopulationAttributableGapPeople { get; init; }

    /// <summary>The ridit-based measures; null unless <see cref="DisparityOptions.IsOrdered"/>.</summary>
    public required OrderedDisparity? Ordered { get; init; }
}

/// <summary>
/// Measures for groups ordered from most to least disadvantaged, on the ridit scale Rⱼ = Σ_{k&lt;j} p_k + pⱼ/2
/// (Harper &amp; Lynch 2005; WHO HEAT technical notes). With higher-is-better rates, positive values mean the
/// advantaged end does better.
/// </summary>
public sealed record OrderedDisparity
{
    /// <summary>Rⱼ for each included group, in order.</summary>
    public required IReadOnlyList<double> Ridits { get; init; }

    /// <summary>SII: slope b₁ of the weighted (pⱼ) least-squares line rⱼ = b₀ + b₁ Rⱼ.</summary>
    public required double SlopeIndex { get; init; }

    /// <summary>b₀, the fitted rate at R = 0.</summary>
    public required double SlopeIntercept { get; init; }

    /// <summary>RII = SII / μ; NaN when μ = 0.</summary>
    public required double RelativeIndex { get; init; }

    /// <summary>Kunst-Mackenbach index (b₀ + b₁) / b₀; NaN when b₀ ≤ 0.</summary>
    public required double KunstMackenbachIndex { get; init; }

    /// <summary>RCI = (2/μ) Σ pⱼ rⱼ Rⱼ − 1; NaN when μ = 0.</summary>
    public required double RelativeConcentrationIndex { get; init; }

    /// <summary>ACI = μ · RCI = 2 Σ pⱼ rⱼ Rⱼ − μ.</summary>
    public required double AbsoluteConcentrationIndex { get; init; }
}

/// <summary>One group against the reference group.</summary>
/// <param name="Group">The group.</param>
/// <param name="Rate">Its rate with the chosen interval.</param>
/// <param name="Difference">Rate difference to the reference, Newcombe hybrid score interval.</param>
/// <param name="Ratio">Rate ratio to the reference, Katz log interval.</param>
public sealed record GroupComparison(GroupCounts Group, Estimate Rate, Estimate Difference, Estimate Ratio);

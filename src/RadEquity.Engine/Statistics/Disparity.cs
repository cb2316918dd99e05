namespace RadEquity.Engine.Statistics;

/// <summary>
/// Reference-group selection, group-versus-reference comparisons and summary disparity measures over the groups of
/// one stratifier (NCI HD*Calc; Harper &amp; Lynch, Methods for Measuring Cancer Disparities, NCI 2005; WHO HEAT
/// technical notes). Groups with a zero denominator are left out of every index.
/// </summary>
public static class Disparity
{
    /// <summary>
    /// The best group among those with a positive denominator: the highest rate when higher is better, the lowest
    /// otherwise; the first listed wins a tie. Null when no group has a denominator.
    /// </summary>
    public static GroupCounts? BestGroup(IReadOnlyList<GroupCounts> groups, RateDirection direction)
    {
        ArgumentNullException.ThrowIfNull(groups);
        GroupCounts? best = null;
        foreach (var group in groups.Where(g => g.Counts.Denominator > 0))
        {
            if (best is null || IsBetter(group.Counts.Rate, best.Counts.Rate, direction))
            {
                best = group;
            }
        }

        return best;
    }

    /// <summary>
    /// The reference group: the one named by <see cref="DisparityOptions.ReferenceGroup"/> (null if it has no
    /// denominator), else <see cref="BestGroup"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The named group is not among <paramref name="groups"/>.</exception>
    public static GroupCounts? SelectReference(IReadOnlyList<GroupCounts> groups, DisparityOptions options)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ReferenceGroup is null)
        {
            return BestGroup(groups, options.Direction);
        }

        var named = groups.FirstOrDefault(g => string.Equals(g.Name, options.ReferenceGroup, StringComparison.Ordinal))
            ?? throw new ArgumentException($"Reference group '{options.ReferenceGroup}' is not among the groups.", nameof(options));
        return named.Counts.Denominator > 0 ? named : null;
    }

    /// <summary>
    /// Each group's rate (with its interval by <paramref name="method"/>), and its rate difference (Newcombe) and
    /// rate ratio (Katz) against <paramref name="reference"/>; see <see cref="RateComparison"/>.
    /// </summary>
    public static IReadOnlyList<GroupComparison> CompareToReference(
        IReadOnlyList<GroupCounts> groups, GroupCounts reference, ConfidenceLevel level, IntervalMethod method = IntervalMethod.Wilson)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(level);
        return groups
            .Select(g => new GroupComparison(
                g,
                new Estimate(g.Counts.Rate, ConfidenceIntervals.Of(g.Counts, level, method)),
                RateComparison.Difference(g.Counts, reference.Counts, level),
                RateComparison.Ratio(g.Counts, reference.Counts, level)))
            .ToList()
            .AsReadOnly();
    }

    /// <summary>
    /// The summary disparity measures (see <see cref="DisparitySummary"/> for each formula). Null when fewer than two
    /// groups have a positive denominator: one group has no disparity.
    /// </summary>
    /// <exception cref="ArgumentException">Group names repeat, or the named reference is not among the groups.</exception>
    public static DisparitySummary? Summarize(IReadOnlyList<GroupCounts> groups, DisparityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        options ??= DisparityOptions.Default;
        if (groups.Select(g => g.Name).Distinct(StringComparer.Ordinal).Count() != groups.Count)
        {
            throw new ArgumentException("Group names must be distinct.", nameof(groups));
        }

        var reference = SelectReference(groups, options);
        var included = groups.Where(g => g.Counts.Denominator > 0).ToArray();
        if (included.Length < 2)
        {
            return null;
        }

        var total = included.Sum(g => g.Counts.Denominator);
        var p = included.Select(g => (double)g.Counts.Denominator / total).ToArray();
        var r = included.Select(g => g.Counts.Rate).ToArray();
        var j = included.Length;
        var mu = WeightedSum(p, r, (_, rate) => rate);
        var rRef = reference?.Counts.Rate ?? double.NaN;
        var sign = options.Direction == RateDirection.HigherIsBetter ? 1.0 : -1.0;
        var (gap, gapPeople) = reference is null ? (double.NaN, (long?)null) : AttributableGap(included, reference, sign);
        var par = sign * (rRef - mu);

        return new DisparitySummary
        {
            GroupCount = j,
            PopulationRate = mu,
            Reference = reference,
            RateRangeDifference = r.Max() - r.Min(),
            RateRangeRatio = r.Min() > 0 ? r.Max() / r.Min() : double.NaN,
            IndexOfDisparityFromMean = mu > 0 ? 100.0 * (r.Sum(x => Math.Abs(x - mu)) / j) / mu : double.NaN,
            IndexOfDisparityFromReference = rRef > 0 ? 100.0 * (r.Sum(x => Math.Abs(x - rRef)) / (j - 1)) / rRef : double.NaN,
            BetweenGroupVariance = WeightedSum(p, r, (_, rate) => (rate - mu) * (rate - mu)),
            TheilIndex = mu > 0 ? WeightedSum(p, r, (_, rate) => rate > 0 ? rate / mu * Math.Log(rate / mu) : 0.0) : double.NaN,
            MeanLogDeviation = r.All(x => x > 0) ? WeightedSum(p, r, (_, rate) => Math.Log(mu / rate)) : double.NaN,
            PopulationAttributableRisk = par,
            PopulationAttributableFraction = mu > 0 ? 100.0 * par / mu : double.NaN,
            PopulationAttributableGap = gap,
            PopulationAttributableGapPeople = gapPeople,
            Ordered = options.IsOrdered ? Ordered(p, r, mu) : null,
        };
    }

    private static OrderedDisparity Ordered(double[] p, double[] r, double mu)
    {
        var ridits = new double[p.Length];
        var before = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            ridits[i] = before + (p[i] / 2.0);
            before += p[i];
        }

        var meanRidit = WeightedSum(p, ridits, (_, ridit) => ridit);
        var sxy = 0.0;
        var sxx = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            sxy += p[i] * (ridits[i] - meanRidit) * (r[i] - mu);
            sxx += p[i] * (ridits[i] - meanRidit) * (ridits[i] - meanRidit);
        }

        var slope = sxy / sxx;
        var intercept = mu - (slope * meanRidit);
        var concentration = 2.0 * WeightedSum(p, r, (i, rate) => rate * ridits[i]);
        return new OrderedDisparity
        {
            Ridits = Array.AsReadOnly(ridits),
            SlopeIndex = slope,
            SlopeIntercept = intercept,
            RelativeIndex = mu > 0 ? slope / mu : double.NaN,
            KunstMackenbachIndex = intercept > 0 ? (intercept + slope) / intercept : double.NaN,
            RelativeConcentrationIndex = mu > 0 ? (concentration / mu) - 1.0 : double.NaN,
            AbsoluteConcentrationIndex = concentration - mu,
        };
    }

    // Exact in integers: Σ max(0, ±(x_ref·nⱼ − xⱼ·n_ref)) / n_ref, rounded half away from zero.
    private static (double Gap, long People) AttributableGap(GroupCounts[] included, GroupCounts reference, double sign)
    {
        Int128 xRef = reference.Counts.Numerator, nRef = reference.Counts.Denominator;
        Int128 shortfall = 0;
        foreach (var group in included)
        {
            var term = (xRef * group.Counts.Denominator) - (group.Counts.Numerator * nRef);
            shortfall += Int128.Max(0, sign > 0 ? term : -term);
        }

        return ((double)shortfall / (double)nRef, (long)(((2 * shortfall) + nRef) / (2 * nRef)));
    }

    private static double WeightedSum(double[] p, double[] values, Func<int, double, double> term)
    {
        var sum = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            sum += p[i] * term(i, values[i]);
        }

        return sum;
    }

    private static bool IsBetter(double rate, double than, RateDirection direction) => direction switch
    {
        RateDirection.HigherIsBetter => rate > than,
        RateDirection.LowerIsBetter => rate < than,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown direction."),
    };
}

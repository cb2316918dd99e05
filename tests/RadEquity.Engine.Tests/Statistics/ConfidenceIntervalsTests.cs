using RadEquity.Engine.Statistics;

namespace RadEquity.Engine.Tests.Statistics;

// Expected values: /work/shared/oracles/disparity-statistics.md (printed to 6 decimals), re-derived independently in
// Python 3.11 (statistics.NormalDist; Clopper-Pearson by bisection on exact binomial tail sums).
public sealed class ConfidenceIntervalsTests
{
    private const double OracleTolerance = 1e-6;
    private const double Exact = 1e-9;

    [Theory]
    [InlineData(220, 400, 0.501001, 0.598048)]
    [InlineData(3, 20, 0.052369, 0.360419)]
    [InlineData(0, 10, 0.0, 0.277533)]
    [InlineData(10, 10, 0.722467, 1.0)]
    public void Wilson_OracleCases_MatchOracle(long x, long n, double lower, double upper)
    {
        var interval = ConfidenceIntervals.Wilson(new Proportion(x, n), ConfidenceLevel.NinetyFive);

        Assert.Equal(lower, interval.Lower, OracleTolerance);
        Assert.Equal(upper, interval.Upper, OracleTolerance);
    }

    [Theory]
    [InlineData(220, 400, 0.499779, 0.599475)]
    [InlineData(3, 20, 0.032071, 0.378927)]
    [InlineData(0, 10, 0.0, 0.308497)]
    [InlineData(10, 10, 0.691503, 1.0)]
    public void ClopperPearson_OracleCases_MatchOracle(long x, long n, double lower, double upper)
    {
        var interval = ConfidenceIntervals.ClopperPearson(new Proportion(x, n), ConfidenceLevel.NinetyFive);

        Assert.Equal(lower, interval.Lower, OracleTolerance);
        Assert.Equal(upper, interval.Upper, OracleTolerance);
    }

    [Fact]
    public void Wilson_ThreeOfTwentyAt99_MatchesIndependentCalculation()
    {
        var interval = ConfidenceIntervals.Wilson(new Proportion(3, 20), ConfidenceLevel.NinetyNine);

        Assert.Equal(0.038787060508071625, interval.Lower, Exact);
        Assert.Equal(0.43558672026105566, interval.Upper, Exact);
    }

    [Fact]
    public void ClopperPearson_ThreeOfTwentyAt99_MatchesExactBinomialTails()
    {
        var interval = ConfidenceIntervals.ClopperPearson(new Proportion(3, 20), ConfidenceLevel.NinetyNine);

        Assert.Equal(0.017642637954194573, interval.Lower, Exact);
        Assert.Equal(0.449465406739486, interval.Upper, Exact);
    }

    [Fact]
    public void ClopperPearson_SevenOfThirtyAt90_MatchesExactBinomialTails()
    {
        var interval = ConfidenceIntervals.Of(new Proportion(7, 30), ConfidenceLevel.Ninety, IntervalMethod.ClopperPearson);

        Assert.Equal(0.11498689556973868, interval.Lower, Exact);
        Assert.Equal(0.39394742252236326, interval.Upper, Exact);
    }

    [Fact]
    public void ClopperPearson_OneInThousandAt99Point8_KeepsRelativePrecisionNearZero()
    {
        var interval = ConfidenceIntervals.ClopperPearson(new Proportion(1, 1000), ConfidenceLevel.NinetyNinePointEight);

        Assert.Equal(1.0004998330370718e-06, interval.Lower, 1e-15);
        Assert.Equal(0.009195497635387573, interval.Upper, Exact);
    }

    [Fact]
    public void ClopperPearson_OneOfOne_LowerIsHalfAlpha()
    {
        var interval = ConfidenceIntervals.ClopperPearson(new Proportion(1, 1), ConfidenceLevel.NinetyFive);

        Assert.Equal(0.025, interval.Lower, Exact);
        Assert.Equal(1.0, interval.Upper);
    }

    [Theory]
    [InlineData(IntervalMethod.Wilson)]
    [InlineData(IntervalMethod.ClopperPearson)]
    public void Of_ZeroDenominator_IsUndefined(IntervalMethod method)
    {
        var interval = ConfidenceIntervals.Of(new Proportion(0, 0), ConfidenceLevel.NinetyFive, method);

        Assert.False(interval.IsDefined);
        Assert.True(double.IsNaN(new Proportion(0, 0).Rate));
    }

    [Theory]
    [InlineData(IntervalMethod.Wilson)]
    [InlineData(IntervalMethod.ClopperPearson)]
    public void Of_ExtremeCounts_AreClampedExactly(IntervalMethod method)
    {
        var none = ConfidenceIntervals.Of(new Proportion(0, 37), ConfidenceLevel.NinetyNine, method);
        var all = ConfidenceIntervals.Of(new Proportion(37, 37), ConfidenceLevel.NinetyNine, method);

        Assert.Equal(0.0, none.Lower);
        Assert.Equal(1.0, all.Upper);
        Assert.Equal(1.0 - none.Upper, all.Lower, 1e-12);
    }

    [Fact]
    public void Of_WiderLevel_GivesWiderInterval()
    {
        var widths = ConfidenceLevel.All
            .Select(level => ConfidenceIntervals.Wilson(new Proportion(45, 130), level))
            .Select(i => i.Upper - i.Lower)
            .ToList();

        Assert.Equal(widths.Order(), widths);
        Assert.Equal(4, widths.Distinct().Count());
    }

    [Theory]
    [InlineData(90.0, 1.6448536269514715)]
    [InlineData(95.0, 1.9599639845400536)]
    [InlineData(99.0, 2.5758293035489)]
    [InlineData(99.8, 3.090232306167813)]
    public void FromPercent_SupportedLevel_HasNormalQuantile(double percent, double z)
    {
        var level = ConfidenceLevel.FromPercent(percent);

        Assert.Equal(z, level.Z, 1e-14);
        Assert.Equal(percent, level.Percent);
    }

    [Fact]
    public void FromPercent_UnsupportedLevel_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceLevel.FromPercent(80));
    }

    [Fact]
    public void Proportion_NumeratorAboveDenominator_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Proportion(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Proportion(-1, 4));
    }
}

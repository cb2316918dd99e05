using RadEquity.Engine.Statistics;

namespace RadEquity.Engine.Tests.Statistics;

// Oracle: Q4 (360/500) versus Q1 (220/400) in /work/shared/oracles/disparity-statistics.md; the other expected values
// were computed independently in Python 3.11 from the same formulas.
public sealed class RateComparisonTests
{
    private static readonly Proportion Q1 = new(220, 400);
    private static readonly Proportion Q4 = new(360, 500);

    [Fact]
    public void Difference_Q4VersusQ1_MatchesOracleNewcombeInterval()
    {
        var difference = RateComparison.Difference(Q4, Q1, ConfidenceLevel.NinetyFive);

        Assert.Equal(0.17, difference.Value, 1e-12);
        Assert.Equal(0.106890, difference.Interval.Lower, 1e-6);
        Assert.Equal(0.231741, difference.Interval.Upper, 1e-6);
    }

    [Fact]
    public void Ratio_Q4VersusQ1_MatchesOracleKatzInterval()
    {
        var ratio = RateComparison.Ratio(Q4, Q1, ConfidenceLevel.NinetyFive);

        Assert.Equal(1.309091, ratio.Value, 1e-6);
        Assert.Equal(1.179620, ratio.Interval.Lower, 1e-6);
        Assert.Equal(1.452773, ratio.Interval.Upper, 1e-6);
    }

    [Fact]
    public void Difference_At99_MatchesIndependentCalculation()
    {
        var difference = RateComparison.Difference(new Proportion(30, 120), new Proportion(45, 110), ConfidenceLevel.NinetyNine);

        Assert.Equal(-0.15909090909090912, difference.Value, 1e-12);
        Assert.Equal(-0.3093134724572468, difference.Interval.Lower, 1e-9);
        Assert.Equal(0.00021038779124146756, difference.Interval.Upper, 1e-9);
    }

    [Fact]
    public void Difference_ZeroNumerator_StillHasAnInterval()
    {
        var difference = RateComparison.Difference(new Proportion(0, 15), new Proportion(12, 40), ConfidenceLevel.NinetyFive);

        Assert.Equal(-0.3, difference.Value, 1e-12);
        Assert.Equal(-0.45430018818144935, difference.Interval.Lower, 1e-9);
        Assert.Equal(-0.06380234533187179, difference.Interval.Upper, 1e-9);
    }

    [Fact]
    public void Ratio_At90_MatchesIndependentCalculation()
    {
        var ratio = RateComparison.Ratio(new Proportion(30, 120), new Proportion(45, 110), ConfidenceLevel.Ninety);

        Assert.Equal(0.611111111111111, ratio.Value, 1e-12);
        Assert.Equal(0.44322798042246453, ratio.Interval.Lower, 1e-9);
        Assert.Equal(0.8425839672113996, ratio.Interval.Upper, 1e-9);
    }

    [Fact]
    public void Ratio_ZeroGroupNumerator_IsZeroWithUndefinedInterval()
    {
        var ratio = RateComparison.Ratio(new Proportion(0, 40), Q1, ConfidenceLevel.NinetyFive);

        Assert.Equal(0.0, ratio.Value);
        Assert.False(ratio.Interval.IsDefined);
    }

    [Fact]
    public void Ratio_ZeroReferenceNumerator_IsUndefined()
    {
        var ratio = RateComparison.Ratio(Q4, new Proportion(0, 40), ConfidenceLevel.NinetyFive);

        Assert.True(double.IsNaN(ratio.Value));
        Assert.False(ratio.Interval.IsDefined);
    }

    [Fact]
    public void Difference_ZeroDenominator_IsUndefined()
    {
        var difference = RateComparison.Difference(new Proportion(0, 0), Q1, ConfidenceLevel.NinetyFive);

        Assert.True(double.IsNaN(difference.Value));
        Assert.False(difference.Interval.IsDefined);
    }
}

using RadEquity.Engine.Statistics;

namespace RadEquity.Engine.Tests.Statistics;

// The four-group example of /work/shared/oracles/disparity-statistics.md (values re-derived in Python 3.11; the
// oracle prints 4 to 10 significant digits, so each tolerance is half a unit of its last printed digit or tighter).
public sealed class DisparityTests
{
    private static readonly GroupCounts[] Quintiles =
    [
        new("Q1", new Proportion(220, 400)),
        new("Q2", new Proportion(300, 500)),
        new("Q3", new Proportion(396, 600)),
        new("Q4", new Proportion(360, 500)),
    ];

    private static readonly DisparityOptions Ordered = new() { IsOrdered = true };

    [Fact]
    public void Summarize_OracleExample_MatchesEveryUnorderedMeasure()
    {
        var summary = Disparity.Summarize(Quintiles, Ordered)!;

        Assert.Equal(4, summary.GroupCount);
        Assert.Equal("Q4", summary.Reference!.Name);
        Assert.Equal(0.638, summary.PopulationRate, 1e-12);
        Assert.Equal(0.17, summary.RateRangeDifference, 1e-12);
        Assert.Equal(1.309091, summary.RateRangeRatio, 1e-6);
        Assert.Equal(9.012539, summary.IndexOfDisparityFromMean, 1e-6);
        Assert.Equal(16.203704, summary.IndexOfDisparityFromReference, 1e-6);
        Assert.Equal(0.003736, summary.BetweenGroupVariance, 1e-9);
        Assert.Equal(0.0046071154, summary.TheilIndex, 1e-10);
        Assert.Equal(0.0046374604, summary.MeanLogDeviation, 1e-10);
        Assert.Equal(0.082, summary.PopulationAttributableRisk, 1e-12);
        Assert.Equal(12.8527, summary.PopulationAttributableFraction, 5e-5);
    }

    [Fact]
    public void Summarize_OracleExampleOrdered_MatchesEveryRiditMeasure()
    {
        var ordered = Disparity.Summarize(Quintiles, Ordered)!.Ordered!;

        Assert.Equal([0.1, 0.325, 0.6, 0.875], ordered.Ridits.Select(r => Math.Round(r, 12)));
        Assert.Equal(0.2191165, ordered.SlopeIndex, 1e-7);
        Assert.Equal(0.5284418, ordered.SlopeIntercept, 1e-7);
        Assert.Equal(0.3434427, ordered.RelativeIndex, 1e-7);
        Assert.Equal(1.414646, ordered.KunstMackenbachIndex, 1e-6);
        Assert.Equal(0.0534483, ordered.RelativeConcentrationIndex, 1e-7);
        Assert.Equal(0.0341, ordered.AbsoluteConcentrationIndex, 1e-12);
    }

    [Fact]
    public void Summarize_OracleExample_GapIsExactly164People()
    {
        // (0.72 - 0.55)·400 + (0.72 - 0.60)·500 + (0.72 - 0.66)·600 = 68 + 60 + 36; doubles give 163.99999999999994.
        var summary = Disparity.Summarize(Quintiles)!;

        Assert.Equal(164.0, summary.PopulationAttributableGap);
        Assert.Equal(164L, summary.PopulationAttributableGapPeople);
    }

    [Fact]
    public void Summarize_Unordered_HasNoRiditMeasures()
    {
        Assert.Null(Disparity.Summarize(Quintiles)!.Ordered);
    }

    [Fact]
    public void Summarize_LowerIsBetter_UsesLowestRateAndPositiveShortfall()
    {
        GroupCounts[] lateStage = [new("A", new Proportion(40, 250)), new("B", new Proportion(48, 400)), new("C", new Proportion(28, 350))];

        var summary = Disparity.Summarize(lateStage, new DisparityOptions { Direction = RateDirection.LowerIsBetter })!;

        Assert.Equal("C", summary.Reference!.Name);
        Assert.Equal(0.036, summary.PopulationAttributableRisk, 1e-12);
        Assert.Equal(31.034482758620683, summary.PopulationAttributableFraction, 1e-9);
        Assert.Equal(75.0, summary.IndexOfDisparityFromReference, 1e-9);
        Assert.Equal(36L, summary.PopulationAttributableGapPeople);
    }

    [Fact]
    public void Summarize_NamedReference_MeasuresAgainstThatGroup()
    {
        var summary = Disparity.Summarize(Quintiles, new DisparityOptions { ReferenceGroup = "Q2" })!;

        Assert.Equal("Q2", summary.Reference!.Name);
        Assert.Equal(0.6 - 0.638, summary.PopulationAttributableRisk, 1e-12);
        Assert.Equal(20L, summary.PopulationAttributableGapPeople); // (0.60 - 0.55)·400
    }

    [Fact]
    public void Summarize_UnknownNamedReference_Throws()
    {
        Assert.Throws<ArgumentException>(() => Disparity.Summarize(Quintiles, new DisparityOptions { ReferenceGroup = "Q9" }));
    }

    [Fact]
    public void Summarize_ZeroDenominatorGroup_IsLeftOut()
    {
        GroupCounts[] withEmpty = [.. Quintiles, new("Unknown", new Proportion(0, 0))];

        var summary = Disparity.Summarize(withEmpty, Ordered)!;

        Assert.Equal(4, summary.GroupCount);
        Assert.Equal(9.012539, summary.IndexOfDisparityFromMean, 1e-6);
        Assert.Equal(0.2191165, summary.Ordered!.SlopeIndex, 1e-7);
    }

    [Fact]
    public void Summarize_SingleGroup_HasNoDisparity()
    {
        GroupCounts[] one = [Quintiles[0], new("Empty", new Proportion(0, 0))];

        Assert.Null(Disparity.Summarize(one));
    }

    [Fact]
    public void Summarize_ZeroRateGroup_LeavesMeanLogDeviationUndefined()
    {
        GroupCounts[] groups = [new("A", new Proportion(0, 50)), new("B", new Proportion(25, 50))];

        var summary = Disparity.Summarize(groups)!;

        Assert.True(double.IsNaN(summary.MeanLogDeviation));
        Assert.True(double.IsNaN(summary.RateRangeRatio));
        Assert.Equal(Math.Log(2), summary.TheilIndex, 1e-12); // mu = 0.25: 0·ln 0 = 0, then 0.5·(0.5/0.25)·ln 2
    }

    [Fact]
    public void Summarize_DuplicateNames_Throws()
    {
        Assert.Throws<ArgumentException>(() => Disparity.Summarize([Quintiles[0], Quintiles[0]]));
    }

    [Fact]
    public void BestGroup_Tie_FirstListedWins()
    {
        GroupCounts[] tied = [new("A", new Proportion(1, 2)), new("B", new Proportion(5, 10))];

        Assert.Equal("A", Disparity.BestGroup(tied, RateDirection.HigherIsBetter)!.Name);
        Assert.Null(Disparity.BestGroup([new("E", new Proportion(0, 0))], RateDirection.HigherIsBetter));
    }

    [Fact]
    public void CompareToReference_Q1AgainstBest_MatchesOracleComparison()
    {
        var comparisons = Disparity.CompareToReference(Quintiles, Quintiles[3], ConfidenceLevel.NinetyFive);
        var q1 = comparisons[0];

        Assert.Equal(0.501001, q1.Rate.Interval.Lower, 1e-6);
        Assert.Equal(-0.17, q1.Difference.Value, 1e-12);
        Assert.Equal(-0.231741, q1.Difference.Interval.Lower, 1e-6);
        Assert.Equal(1.0 / 1.309091, q1.Ratio.Value, 1e-6);
        Assert.Equal(0.0, comparisons[3].Difference.Value);
        Assert.Equal(1.0, comparisons[3].Ratio.Value);
    }
}

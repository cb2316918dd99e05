namespace RadEquity.Risk.Tests;

public class ScoringTests
{
    [Fact]
    public void Auc_PerfectRanking_IsOne() =>
        Assert.Equal(1.0, Scoring.Auc([false, false, true, true], [0.1, 0.2, 0.3, 0.4]));

    [Fact]
    public void Auc_ReversedRanking_IsZero() =>
        Assert.Equal(0.0, Scoring.Auc([true, true, false, false], [0.1, 0.2, 0.3, 0.4]));

    [Fact]
    public void Auc_TiesAndOneInversion_CountsHalfForTies()
    {
        // Pairs (positive, negative): (0.5 vs 0.5) tie = 0.5, (0.5 vs 0.2) = 1, (0.1 vs 0.5) = 0, (0.1 vs 0.2) = 0.
        Assert.Equal(1.5 / 4, Scoring.Auc([true, true, false, false], [0.5, 0.1, 0.5, 0.2]));
    }

    [Fact]
    public void Brier_KnownValues_IsMeanSquaredError() =>
        Assert.Equal(((0.2 * 0.2) + (0.4 * 0.4)) / 2, Scoring.Brier([true, false], [0.8, 0.4]), 12);

    [Fact]
    public void Deciles_TwentyExamples_TwoPerBinLowestFirst()
    {
        var scores = Enumerable.Range(0, 20).Select(i => (19 - i) / 20.0).ToArray();
        var labels = scores.Select(s => s >= 0.9).ToArray();

        var bins = Scoring.Deciles(labels, scores);

        Assert.Equal(10, bins.Count);
        Assert.All(bins, b => Assert.Equal(2, b.Examples));
        Assert.Equal(0.025, bins[0].MeanPredicted, 12);
        Assert.Equal(1.0, bins[9].ObservedRate);
        Assert.Equal(0.0, bins[8].ObservedRate);
    }
}

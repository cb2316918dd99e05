namespace RadEquity.Risk.Tests;

[Collection(TrainedPracticeGroup.Name)]
public class FairnessReportTests(TrainedPractice practice)
{
    [Fact]
    public void Compute_TrainedModel_EveryGroupOfEveryStratifierInTheTestSetIsReported()
    {
        var fairness = practice.Trained.Report.Fairness;
        var test = practice.Examples.OrderBy(e => e.Start).Skip(practice.Trained.Report.TrainingExamples).ToArray();

        foreach (var stratifier in NoShowExamples.FairnessStratifiers)
        {
            var expected = test.Select(e => e.Groups[stratifier.Id]).Distinct().Order(StringComparer.Ordinal);
            var reported = fairness.Groups.Where(g => g.Stratifier == stratifier.Id).Select(g => g.Category).Order(StringComparer.Ordinal);
            Assert.Equal(expected, reported);
            Assert.Equal(test.Length, fairness.Groups.Where(g => g.Stratifier == stratifier.Id).Sum(g => g.Examples));
        }

        Assert.Contains(fairness.Groups, g => g.Stratifier == "race-ethnicity" && !g.IsSuppressed);
    }

    [Fact]
    public void Compute_TrainedModel_ShownGroupsHaveRatesAndCalibration()
    {
        foreach (var g in practice.Trained.Report.Fairness.Groups.Where(g => !g.IsSuppressed))
        {
            Assert.NotNull(g.FalsePositiveRate);
            Assert.NotNull(g.MeanPredicted);
            Assert.NotNull(g.ObservedRate);
            Assert.Equal(g.Missed > 0, g.TruePositiveRate is not null);
        }
    }

    [Fact]
    public void Compute_HandMadeGroups_GivesExactRatesAndSuppressesSmallGroups()
    {
        // 12 Medicaid appointments (4 missed), 5 Private (suppressed: under 11).
        var examples = new List<NoShowExample>();
        var predicted = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            examples.Add(Example("Medicaid", missed: i < 4));
            // Missed ones 0-2 flagged (3 of 4 TPR), kept ones 4-5 flagged (2 of 8 FPR).
            predicted.Add(i is < 3 or 4 or 5 ? 0.5 : 0.1);
        }

        for (var i = 0; i < 5; i++)
        {
            examples.Add(Example("Private", missed: i == 0));
            predicted.Add(0.9);
        }

        var report = FairnessReport.Compute(examples, predicted, threshold: 0.5);

        var medicaid = Assert.Single(report.Groups, g => g.Stratifier == "payer" && g.Category == "Medicaid");
        Assert.False(medicaid.IsSuppressed);
        Assert.Equal(12, medicaid.Examples);
        Assert.Equal(4, medicaid.Missed);
        Assert.Equal(0.75, medicaid.TruePositiveRate);
        Assert.Equal(0.25, medicaid.FalsePositiveRate);
        Assert.Equal(((5 * 0.5) + (7 * 0.1)) / 12, medicaid.MeanPredicted!.Value, 12);
        Assert.Equal(4 / 12.0, medicaid.ObservedRate);

        var @private = Assert.Single(report.Groups, g => g.Stratifier == "payer" && g.Category == "Private");
        Assert.True(@private.IsSuppressed);
        Assert.Null(@private.Missed);
        Assert.Null(@private.TruePositiveRate);
        Assert.Null(@private.MeanPredicted);
        Assert.Contains("| payer | Private | <11 | suppressed |", EvaluationReportText.Fairness(report), StringComparison.Ordinal);
    }

    private static NoShowExample Example(string payer, bool missed) =>
        new("p", DateTimeOffset.UnixEpoch, missed,
            new NoShowFeatures(10, 0, 0, 5, 60, payer, "English", false, DayOfWeek.Monday, 9, "Urban", "White"),
            new Dictionary<string, string> { ["race-ethnicity"] = "White", ["payer"] = payer, ["language"] = "English" });
}

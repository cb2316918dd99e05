namespace RadEquity.Risk.Tests;

[Collection(TrainedPracticeGroup.Name)]
public class TrainingTests(TrainedPractice practice)
{
    [Fact]
    public void Train_GeneratedPopulation_ModelBeatsPriorNoShowBaselineByAClearMargin()
    {
        var report = practice.Trained.Report;

        Assert.InRange(report.BaselineAuc, 0.4, 0.75);
        Assert.True(report.ModelAuc >= report.BaselineAuc + 0.03,
            $"model AUC {report.ModelAuc:F3} vs baseline AUC {report.BaselineAuc:F3}");
        Assert.True(report.TestMissed >= 30, $"only {report.TestMissed} no-shows in the test set");
    }

    [Fact]
    public void PredictMissProbability_UpcomingAppointmentWithTheGeneratorsBarriers_RanksAboveOneWithout()
    {
        var easy = new NoShowFeatures(LeadTimeDays: 5, PriorAppointments: 1, PriorNoShows: 0, DistanceKm: 4, Age: 68, Payer: "Medicare",
            Language: "English", NeedsInterpreter: false, DayOfWeek.Tuesday, Hour: 11, Rurality: "Urban", RaceEthnicity: "White");
        var hard = easy with { LeadTimeDays = 70, DistanceKm = 60, Age = 45, Payer = "Medicaid", Hour = 16, Rurality = "Rural" };

        var low = practice.Trained.Model.PredictMissProbability(easy);
        var high = practice.Trained.Model.PredictMissProbability(hard);

        Assert.True(high > 2 * low, $"barriers {high:F3} vs none {low:F3}");
        Assert.InRange(low, 0.001, 0.2);
    }

    [Fact]
    public void Train_SplitsByTime_TestAppointmentsAllStartAtOrAfterEveryTrainingOne()
    {
        var report = practice.Trained.Report;
        var ordered = practice.Examples.OrderBy(e => e.Start).ToArray();

        Assert.Equal(practice.Examples.Count, report.TrainingExamples + report.TestExamples);
        Assert.InRange(report.TestExamples, practice.Examples.Count / 4, practice.Examples.Count / 3 + 1);
        Assert.True(ordered[report.TrainingExamples - 1].Start < report.TrainedThrough);
        Assert.Equal(report.TrainedThrough, ordered[report.TrainingExamples].Start);
    }

    [Fact]
    public void Train_SameSeedTwice_GivesIdenticalPredictions()
    {
        var again = RiskModelTraining.Train(practice.Examples, new RiskTrainingOptions { Seed = 7 }, TimeProvider.System);
        var sample = practice.Examples.Take(200).Select(e => e.Features).ToArray();

        Assert.Equal(practice.Trained.Report.ModelAuc, again.Report.ModelAuc);
        Assert.Equal(practice.Trained.Model.PredictMissProbabilities(sample), again.Model.PredictMissProbabilities(sample));
    }

    [Fact]
    public void Train_ByDefault_RaceAndEthnicityAreNotFeatures()
    {
        Assert.DoesNotContain(practice.Trained.Features, f => f.Contains("Race", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("PriorNoShows", practice.Trained.Features);
        Assert.Contains("DistanceKm", practice.Trained.Features);
        Assert.Contains("LeadTimeDays", practice.Trained.Features);
        Assert.Contains("Rurality", practice.Trained.Features);
    }

    [Fact]
    public void Train_RaceEthnicityOptionOn_AddsItAsAFeature()
    {
        var trained = RiskModelTraining.Train(practice.Examples, new RiskTrainingOptions { Seed = 7, IncludeRaceEthnicity = true }, TimeProvider.System);

        Assert.Contains("RaceEthnicity", trained.Features);
    }

    [Fact]
    public void Train_WithoutNoShowsInTheTestPeriod_RefusesToTrain()
    {
        var late = practice.Examples.OrderBy(e => e.Start).Skip(practice.Examples.Count * 7 / 10).ToHashSet();
        var examples = practice.Examples.Select(e => late.Contains(e) ? e with { Missed = false } : e).ToArray();

        var error = Assert.Throws<InvalidOperationException>(() => RiskModelTraining.Train(examples, new RiskTrainingOptions(), TimeProvider.System));
        Assert.Contains("test", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Calibration_HasTenBinsCoveringTheTestSetInRiskOrder()
    {
        var report = practice.Trained.Report;

        Assert.Equal(10, report.Calibration.Count);
        Assert.Equal(report.TestExamples, report.Calibration.Sum(b => b.Examples));
        Assert.Equal(report.TestMissed, (int)Math.Round(report.Calibration.Sum(b => b.ObservedRate * b.Examples)));
        for (var i = 1; i < report.Calibration.Count; i++)
        {
            Assert.True(report.Calibration[i].MeanPredicted >= report.Calibration[i - 1].MeanPredicted);
        }

        Assert.InRange(report.BrierScore, 0.01, 0.1);
    }

    [Fact]
    public void Report_Markdown_ShowsBothAucsAndEveryFairnessStratifier()
    {
        var card = new RiskModelCard(1, practice.Trained.TrainedAt, 7, practice.Trained.Features, practice.Trained.Report.ModelAuc,
            practice.Trained.Report.BaselineAuc, practice.Trained.Report);

        var text = EvaluationReportText.Render(card);

        Assert.Contains(practice.Trained.Report.ModelAuc.ToString("F3", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains(practice.Trained.Report.BaselineAuc.ToString("F3", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains("| race-ethnicity |", text, StringComparison.Ordinal);
        Assert.Contains("| payer |", text, StringComparison.Ordinal);
        Assert.Contains("| language |", text, StringComparison.Ordinal);
    }
}

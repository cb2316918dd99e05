namespace RadEquity.Risk.Tests;

[Collection(TrainedPracticeGroup.Name)]
public class TrainingTests(TrainedPractice practice)
{
    [Fact]
    public void Train_GeneratedPopulation_ModelBeatsPriorNoShowBaselineByAClearMargin()
    {
        // The appointments' figures: the overall AUCs also rank the kinds against each other.
        var report = practice.Trained.Report.Kinds!.Single(k => k.Kind == RiskExampleKind.Appointment);

        Assert.InRange(report.BaselineAuc, 0.4, 0.75);
        Assert.True(report.ModelAuc >= report.BaselineAuc + 0.03,
            $"model AUC {report.ModelAuc:F3} vs baseline AUC {report.BaselineAuc:F3}");
        Assert.True(report.TestMissed >= 30, $"only {report.TestMissed} no-shows in the test set");
    }

    [Fact]
    public void Train_GeneratedPopulation_ModelBeatsPriorNoShowBaselineForEachKind()
    {
        var kinds = practice.Trained.Report.Kinds!;

        Assert.Equal([RiskExampleKind.Appointment, RiskExampleKind.DueExam], kinds.Select(k => k.Kind));
        Assert.Equal(practice.Trained.Report.TestExamples, kinds.Sum(k => k.TestExamples));
        foreach (var k in kinds)
        {
            Assert.True(k.ModelAuc >= k.BaselineAuc + 0.03, $"{k.Kind}: model AUC {k.ModelAuc:F3} vs baseline AUC {k.BaselineAuc:F3}");
            Assert.True(k.TestMissed >= 30, $"{k.Kind}: only {k.TestMissed} missed in the test set");
            Assert.All(NoShowExamples.FairnessStratifiers, s => Assert.Equal(k.TestExamples,
                k.Fairness!.Groups.Where(g => g.Stratifier == s.Id).Sum(g => g.Examples)));
        }
    }

    [Fact]
    public void Render_Report_HasTheFiguresOfEachKind()
    {
        var card = new RiskModelCard(1, practice.Trained.TrainedAt, 7, practice.Trained.Features, practice.Trained.Report.ModelAuc,
            practice.Trained.Report.BaselineAuc, practice.Trained.Report);

        var text = EvaluationReportText.Render(card);

        foreach (var k in practice.Trained.Report.Kinds!)
        {
            Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"### {EvaluationReportText.KindName(k.Kind)}\n\nBrier score {k.BrierScore:F4}.\n\nCalibration (this kind's test examples"), text, StringComparison.Ordinal);
            Assert.Equal(10, k.Calibration!.Count);
            Assert.Equal(k.TestExamples, k.Calibration.Sum(b => b.Examples));
            Assert.Equal(k.TestMissed, k.Calibration.Sum(b => b.ObservedRate * b.Examples), 6);
            Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"| {EvaluationReportText.KindName(k.Kind)} | {k.TestFrom:yyyy-MM-dd} | {k.TestExamples} | {k.TestMissed} | {k.ModelAuc:F3} | {k.BaselineAuc:F3} |"), text, StringComparison.Ordinal);
        }
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
    public void Train_SplitsEachKindByTime_TestExamplesAllStartAtOrAfterEveryTrainingOneOfTheirKind()
    {
        var report = practice.Trained.Report;
        Assert.Equal(practice.Examples.Count, report.TrainingExamples + report.TestExamples);
        foreach (var kind in report.Kinds!)
        {
            var ofKind = practice.Examples.Where(e => e.Features.Kind == kind.Kind).ToArray();
            Assert.InRange(kind.TestExamples, ofKind.Length / 4, ofKind.Length / 2);
            Assert.Equal(kind.TestExamples, ofKind.Count(e => e.Start >= kind.TestFrom));
        }

        Assert.Equal(report.Kinds[0].TestFrom, report.TrainedThrough);
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
        var late = practice.Appointments.OrderBy(e => e.Start).Skip(practice.Appointments.Count * 7 / 10).ToHashSet();
        var examples = practice.Appointments.Select(e => late.Contains(e) ? e with { Missed = false } : e).ToArray();

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

        // Both kinds: about 6% of appointments are missed, most due exams are not completed within the window.
        Assert.InRange(report.BrierScore, 0.01, 0.2);
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

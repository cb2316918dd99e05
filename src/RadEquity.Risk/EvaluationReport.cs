namespace RadEquity.Risk;

/// <summary>
/// How a trained model did on the later appointments it never saw (the time-ordered test set), next to the baseline
/// that knows only the patient's prior no-shows. A model is switched on only once this report is stored (ADR 0010).
/// </summary>
/// <param name="TrainedThrough">Training used appointments that started before this instant; the appointments'
/// test set starts at it (due exams are split on their own: <see cref="KindEvaluation.TestFrom"/>).</param>
/// <param name="TrainingExamples">Appointments trained on.</param>
/// <param name="TestExamples">Appointments tested on.</param>
/// <param name="TestMissed">No-shows among them.</param>
/// <param name="ModelAuc">Area under the ROC curve of the model on the test set.</param>
/// <param name="BaselineAuc">The same for the baseline (logistic regression on prior no-show count and rate).</param>
/// <param name="BrierScore">Mean squared error of the model's probabilities on the test set.</param>
/// <param name="BaselineBrierScore">The same for the baseline.</param>
/// <param name="Calibration">Test set in ten equal-size bins by predicted probability: predicted mean vs observed rate.</param>
/// <param name="Fairness">True- and false-positive rates and calibration per group (both kinds together; each kind's
/// own table is in <paramref name="Kinds"/>).</param>
/// <param name="Kinds">The AUCs of model and baseline per kind of example (appointments, due exams); empty in reports
/// stored before due exams were learnt.</param>
public sealed record EvaluationReport(
    DateTimeOffset TrainedThrough,
    int TrainingExamples,
    int TestExamples,
    int TestMissed,
    double ModelAuc,
    double BaselineAuc,
    double BrierScore,
    double BaselineBrierScore,
    IReadOnlyList<CalibrationBin> Calibration,
    FairnessReport Fairness,
    IReadOnlyList<KindEvaluation>? Kinds = null)
{
    /// <summary>The model's AUC minus the baseline's.</summary>
    public double AucGain => ModelAuc - BaselineAuc;
}

/// <summary>The test-set figures of one kind of example.</summary>
/// <param name="Kind">Appointments or due exams.</param>
/// <param name="TestFrom">The kind's test examples start at this instant (each kind is split by time on its own).</param>
/// <param name="TestExamples">Test examples of this kind.</param>
/// <param name="TestMissed">Missed (no-show, or due exam not completed in the window) among them.</param>
/// <param name="ModelAuc">The model's AUC on them.</param>
/// <param name="BaselineAuc">The prior-no-shows baseline's AUC on them.</param>
/// <param name="Fairness">Error rates and calibration per group on them, at this kind's own threshold.</param>
/// <param name="BrierScore">The model's Brier score on them (null in reports stored before it was kept).</param>
/// <param name="Calibration">Them in ten equal-size bins by predicted probability (null in reports stored before it was
/// kept): the overall table mixes two kinds with very different base rates, so each kind's calibration is its own.</param>
public sealed record KindEvaluation(RiskExampleKind Kind, DateTimeOffset TestFrom, int TestExamples, int TestMissed, double ModelAuc,
    double BaselineAuc, FairnessReport? Fairness = null, double? BrierScore = null, IReadOnlyList<CalibrationBin>? Calibration = null);

/// <summary>One calibration bin.</summary>
/// <param name="Bin">1 (lowest predicted risk) to 10.</param>
/// <param name="Examples">Appointments in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability.</param>
/// <param name="ObservedRate">Share actually missed.</param>
public sealed record CalibrationBin(int Bin, int Examples, double MeanPredicted, double ObservedRate);

/// <summary>
/// Error rates and calibration per group, at one threshold: an appointment is flagged when its predicted probability
/// is at or above <paramref name="Threshold"/>.
/// </summary>
/// <param name="Threshold">Chosen on the training set (the probability above which the riskiest share is flagged),
/// so the test set does not tune it.</param>
/// <param name="MinimumGroupSize">Groups with fewer examples are shown as suppressed, without figures.</param>
/// <param name="Groups">Every category of every fairness stratifier present in the test set.</param>
public sealed record FairnessReport(double Threshold, int MinimumGroupSize, IReadOnlyList<FairnessGroup> Groups)
{
    /// <summary>The practice's small-cell rule: fewer than 11 is not shown.</summary>
    public const int DefaultMinimumGroupSize = 11;

    /// <summary>Computes the report for <paramref name="examples"/> and their predicted probabilities.</summary>
    public static FairnessReport Compute(IReadOnlyList<NoShowExample> examples, IReadOnlyList<double> predicted,
        double threshold, int minimumGroupSize = DefaultMinimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(predicted);
        if (examples.Count != predicted.Count)
        {
            throw new ArgumentException("One prediction per example is needed.", nameof(predicted));
        }

        var groups = new List<FairnessGroup>();
        foreach (var stratifier in NoShowExamples.FairnessStratifiers)
        {
            var members = Enumerable.Range(0, examples.Count)
                .GroupBy(i => examples[i].Groups.GetValueOrDefault(stratifier.Id) ?? Engine.Strata.Stratifier.Unknown, StringComparer.Ordinal)
                .OrderBy(g => stratifier.IndexOf(g.Key) is var k && k >= 0 ? k : int.MaxValue)
                .ThenBy(g => g.Key, StringComparer.Ordinal);
            foreach (var g in members)
            {
                groups.Add(Group(stratifier.Id, g.Key, [.. g], examples, predicted, threshold, minimumGroupSize));
            }
        }

        return new FairnessReport(threshold, minimumGroupSize, groups);
    }

    private static FairnessGroup Group(string stratifier, string category, int[] members, IReadOnlyList<NoShowExample> examples,
        IReadOnlyList<double> predicted, double threshold, int minimumGroupSize)
    {
        if (members.Length < minimumGroupSize)
        {
            return new FairnessGroup(stratifier, category, members.Length, null, null, null, null, null, IsSuppressed: true);
        }

        int missed = 0, truePositives = 0, falsePositives = 0;
        double sumPredicted = 0;
        foreach (var i in members)
        {
            var flagged = predicted[i] >= threshold;
            sumPredicted += predicted[i];
            if (examples[i].Missed)
            {
                missed++;
                truePositives += flagged ? 1 : 0;
            }
            else
            {
                falsePositives += flagged ? 1 : 0;
            }
        }

        var kept = members.Length - missed;
        return new FairnessGroup(stratifier, category, members.Length, missed,
            missed == 0 ? null : (double)truePositives / missed,
            kept == 0 ? null : (double)falsePositives / kept,
            sumPredicted / members.Length, (double)missed / members.Length, IsSuppressed: false);
    }
}

/// <summary>One group of one fairness stratifier. Figures are null when suppressed, and a rate is null when its
/// denominator is empty (no no-shows for the true-positive rate, no kept appointments for the false-positive rate).</summary>
/// <param name="Stratifier">The stratifier id (race-ethnicity, payer, language).</param>
/// <param name="Category">The group.</param>
/// <param name="Examples">Test appointments in the group.</param>
/// <param name="Missed">No-shows among them.</param>
/// <param name="TruePositiveRate">Share of the no-shows that were flagged.</param>
/// <param name="FalsePositiveRate">Share of the kept appointments that were flagged.</param>
/// <param name="MeanPredicted">Mean predicted probability (calibration: compare with <paramref name="ObservedRate"/>).</param>
/// <param name="ObservedRate">Share missed.</param>
/// <param name="IsSuppressed">Fewer examples than the report's minimum group size.</param>
public sealed record FairnessGroup(
    string Stratifier,
    string Category,
    int Examples,
    int? Missed,
    double? TruePositiveRate,
    double? FalsePositiveRate,
    double? MeanPredicted,
    double? ObservedRate,
    bool IsSuppressed);

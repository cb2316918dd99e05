using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace RadEquity.Risk;

/// <summary>How to train.</summary>
public sealed record RiskTrainingOptions
{
    /// <summary>Seeds ML.NET; with one training thread the same examples and seed give the same model.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The latest share of appointments (by start) held out for testing.</summary>
    public double TestShare { get; init; } = 0.3;

    /// <summary>The riskiest share of training appointments the fairness threshold flags.</summary>
    public double FlagShare { get; init; } = 0.2;

    /// <summary>Adds race and ethnicity as a feature. Off by default (ADR 0010): the model should not learn to
    /// predict from race what the practice's own barriers (payer, distance, language) explain.</summary>
    public bool IncludeRaceEthnicity { get; init; }

    /// <summary>Boosting rounds.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Leaves per tree.</summary>
    public int Leaves { get; init; } = 8;

    /// <summary>Fewest training examples a leaf may hold (no-shows are rare; small leaves overfit them).</summary>
    public int MinimumExamplesPerLeaf { get; init; } = 50;

    /// <summary>Shrinkage per round.</summary>
    public double LearningRate { get; init; } = 0.05;
}

/// <summary>A model with what it was trained on and how it did.</summary>
/// <param name="Model">The model.</param>
/// <param name="TrainedAt">When training ran.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Features">The feature columns it uses, in order.</param>
/// <param name="Report">Its evaluation on the later appointments.</param>
public sealed record TrainedRiskModel(RiskModel Model, DateTimeOffset TrainedAt, int Seed, IReadOnlyList<string> Features, EvaluationReport Report);

/// <summary>
/// Trains the risk model (FastTree gradient-boosted trees) and the baseline (logistic regression on prior no-shows
/// alone, one per kind) on earlier examples (appointments and due exams, told apart by the Kind feature) and evaluates both on later ones.
/// </summary>
public static class RiskModelTraining
{
    /// <summary>Numeric features, always used.</summary>
    public static IReadOnlyList<string> NumericFeatures { get; } =
    [
        nameof(NoShowRow.LeadTimeDays), nameof(NoShowRow.PriorAppointments), nameof(NoShowRow.PriorNoShows),
        nameof(NoShowRow.PriorNoShowRate), nameof(NoShowRow.DistanceKm), nameof(NoShowRow.Age),
        nameof(NoShowRow.NeedsInterpreter), nameof(NoShowRow.Weekday), nameof(NoShowRow.Hour), nameof(NoShowRow.DaysOverdue),
    ];

    /// <summary>Category features, one-hot encoded.</summary>
    public static IReadOnlyList<string> CategoryFeatures { get; } =
        [nameof(NoShowRow.Payer), nameof(NoShowRow.Language), nameof(NoShowRow.Rurality), nameof(NoShowRow.Kind)];

    /// <summary>What the baseline sees.</summary>
    public static IReadOnlyList<string> BaselineFeatures { get; } =
        [nameof(NoShowRow.PriorNoShows), nameof(NoShowRow.PriorNoShowRate)];

    /// <summary>Trains on the earlier <c>1 - TestShare</c> of each kind of <paramref name="examples"/> by start and
    /// evaluates on the rest.</summary>
    /// <exception cref="InvalidOperationException">Either part lacks a no-show or a kept appointment.</exception>
    public static TrainedRiskModel Train(IReadOnlyList<NoShowExample> examples, RiskTrainingOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var (train, test) = Split(examples, options.TestShare);
        RequireBothOutcomes(train, "training");
        RequireBothOutcomes(test, "test");

        var ml = new MLContext(options.Seed);
        var trainData = ml.Data.LoadFromEnumerable(train.Select(e => NoShowRow.From(e.Features, e.Missed)));
        var testData = ml.Data.LoadFromEnumerable(test.Select(e => NoShowRow.From(e.Features, e.Missed)));

        var categories = CategoryFeatures.Concat(options.IncludeRaceEthnicity ? [nameof(NoShowRow.RaceEthnicity)] : []).ToArray();
        var features = NumericFeatures.Concat(categories).ToArray();
        var trees = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
            LearningRate = options.LearningRate,
            NumberOfThreads = 1,
            Seed = options.Seed,
            FeatureFraction = 1,
        });
        var pipeline = ml.Transforms.Categorical.OneHotEncoding([.. categories.Select(c => new InputOutputColumnPair(c))])
            .Append(ml.Transforms.Concatenate("Features", features))
            .Append(trees);
        var fitted = pipeline.Fit(trainData);
        var model = new RiskModel(ml, fitted, trainData.Schema);

        var labels = test.Select(e => e.Missed).ToArray();
        var predicted = RiskModel.Probabilities(ml, fitted.Transform(testData));
        var baselinePredicted = BaselinePerKind(ml, train, test);
        var trainPredicted = RiskModel.Probabilities(ml, fitted.Transform(trainData));
        var threshold = Scoring.Quantile(trainPredicted, 1 - options.FlagShare);
        var report = new EvaluationReport(
            TrainedThrough: test.Where(e => e.Features.Kind == RiskExampleKind.Appointment).Select(e => e.Start).DefaultIfEmpty(test[0].Start).Min(),
            TrainingExamples: train.Length,
            TestExamples: test.Length,
            TestMissed: labels.Count(m => m),
            ModelAuc: Scoring.Auc(labels, predicted),
            BaselineAuc: Scoring.Auc(labels, baselinePredicted),
            BrierScore: Scoring.Brier(labels, predicted),
            BaselineBrierScore: Scoring.Brier(labels, baselinePredicted),
            Calibration: Scoring.Deciles(labels, predicted),
            Fairness: FairnessReport.Compute(test, predicted, threshold),
            Kinds: ByKind(train, trainPredicted, test, predicted, baselinePredicted, options.FlagShare));
        return new TrainedRiskModel(model, time.GetUtcNow(), options.Seed, features, report);
    }

    /// <summary>
    /// The time split, made for each kind on its own: the earlier <c>1 - testShare</c> of its examples by start train,
    /// the later ones test. Per kind because due exams come in large groups a few times a year while appointments
    /// spread over every day: one cut for both would leave one kind almost untrained or untested. Examples of a kind
    /// starting at the same instant stay on one side, so no test example predates a training one of its kind.
    /// </summary>
    private static (NoShowExample[] Train, NoShowExample[] Test) Split(IReadOnlyList<NoShowExample> examples, double testShare)
    {
        var train = new List<NoShowExample>();
        var test = new List<NoShowExample>();
        foreach (var kind in examples.GroupBy(e => e.Features.Kind).OrderBy(g => g.Key))
        {
            var ordered = kind.OrderBy(e => e.Start).ToArray();
            var at = (int)Math.Floor(ordered.Length * (1 - testShare));
            var cut = at;
            while (cut > 0 && cut < ordered.Length && ordered[cut].Start == ordered[cut - 1].Start)
            {
                cut++;
            }

            // A tie group reaching the end (the last look of due exams) tests whole rather than leaving no test set.
            if (cut == ordered.Length)
            {
                cut = Math.Min(at, ordered.Length - 1);
                while (cut > 0 && ordered[cut].Start == ordered[cut - 1].Start)
                {
                    cut--;
                }
            }

            train.AddRange(ordered[..cut]);
            test.AddRange(ordered[cut..]);
        }

        return ([.. train.OrderBy(e => e.Start)], [.. test.OrderBy(e => e.Start)]);
    }

    /// <summary>The test set's AUCs and fairness for each kind present (a kind without both outcomes gets an AUC of
    /// 0.5, that of no ranking). Each kind's flag threshold is set on its own training examples: the kinds' base rates
    /// differ so much that one threshold would flag one kind only.</summary>
    private static List<KindEvaluation> ByKind(NoShowExample[] train, double[] trainPredicted, NoShowExample[] test,
        double[] predicted, double[] baseline, double flagShare)
    {
        var kinds = new List<KindEvaluation>();
        foreach (var kind in Enum.GetValues<RiskExampleKind>())
        {
            var members = Enumerable.Range(0, test.Length).Where(i => test[i].Features.Kind == kind).ToArray();
            if (members.Length == 0)
            {
                continue;
            }

            var trained = Enumerable.Range(0, train.Length).Where(i => train[i].Features.Kind == kind).Select(i => trainPredicted[i]).ToArray();
            var threshold = Scoring.Quantile(trained, 1 - flagShare);
            var labels = members.Select(i => test[i].Missed).ToArray();
            var scores = members.Select(i => predicted[i]).ToArray();
            kinds.Add(new KindEvaluation(kind, test[members[0]].Start, members.Length, labels.Count(m => m),
                Scoring.Auc(labels, scores), Scoring.Auc(labels, [.. members.Select(i => baseline[i])]),
                FairnessReport.Compute([.. members.Select(i => test[i])], scores, threshold),
                Scoring.Brier(labels, scores), Scoring.Deciles(labels, scores)));
        }

        return kinds;
    }

    /// <summary>
    /// The baseline's test predictions, fitted for each kind on that kind's training examples (fitted on both, it
    /// would mostly learn the kinds' different base rates), or on all of them when a kind's training part lacks an outcome.
    /// </summary>
    private static double[] BaselinePerKind(MLContext ml, NoShowExample[] train, NoShowExample[] test)
    {
        var predicted = new double[test.Length];
        foreach (var kind in test.Select(e => e.Features.Kind).Distinct())
        {
            var ofKind = train.Where(e => e.Features.Kind == kind).ToArray();
            var fitOn = ofKind.Any(e => e.Missed) && ofKind.Any(e => !e.Missed) ? ofKind : train;
            var baseline = ml.Transforms.Concatenate("Features", [.. BaselineFeatures])
                .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    NumberOfThreads = 1,
                }))
                .Fit(ml.Data.LoadFromEnumerable(fitOn.Select(e => NoShowRow.From(e.Features, e.Missed))));
            var members = Enumerable.Range(0, test.Length).Where(i => test[i].Features.Kind == kind).ToArray();
            var scored = RiskModel.Probabilities(ml, baseline.Transform(
                ml.Data.LoadFromEnumerable(members.Select(i => NoShowRow.From(test[i].Features, test[i].Missed)))));
            for (var j = 0; j < members.Length; j++)
            {
                predicted[members[j]] = scored[j];
            }
        }

        return predicted;
    }

    private static void RequireBothOutcomes(NoShowExample[] part, string name)
    {
        if (!part.Any(e => e.Missed) || part.All(e => e.Missed))
        {
            throw new InvalidOperationException(
                $"The {name} appointments need both no-shows and kept appointments ({part.Length} examples, {part.Count(e => e.Missed)} missed): more history is needed.");
        }
    }
}

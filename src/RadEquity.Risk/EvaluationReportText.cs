using System.Globalization;
using System.Text;

namespace RadEquity.Risk;

/// <summary>The evaluation report as Markdown: what the CLI prints and what is stored beside the model.</summary>
public static class EvaluationReportText
{
    /// <summary>Renders <paramref name="card"/>.</summary>
    public static string Render(RiskModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var c = CultureInfo.InvariantCulture;
        var r = card.Report;
        var text = new StringBuilder();
        text.Append(c, $"# Risk model v{card.Version}\n\n");
        text.Append(c, $"Trained {card.TrainedAt:yyyy-MM-dd HH:mm} UTC, seed {card.Seed}. Features: {string.Join(", ", card.Features)}.\n\n");
        text.Append(Summary(r));
        text.Append("\n## Calibration (test set in ten bins by predicted risk)\n\n| bin | examples | predicted | observed |\n|---:|---:|---:|---:|\n");
        foreach (var b in r.Calibration)
        {
            text.Append(c, $"| {b.Bin} | {b.Examples} | {b.MeanPredicted:P1} | {b.ObservedRate:P1} |\n");
        }

        text.Append('\n').Append(Fairness(r.Fairness));
        foreach (var k in r.Kinds ?? [])
        {
            text.Append(c, $"\n### {KindName(k.Kind)}\n\n");
            if (k.BrierScore is { } brier)
            {
                text.Append(c, $"Brier score {brier:F4}.\n\n");
            }

            if (k.Calibration is { Count: > 0 } bins)
            {
                text.Append("Calibration (this kind's test examples in ten bins by predicted risk):\n\n| bin | examples | predicted | observed |\n|---:|---:|---:|---:|\n");
                foreach (var b in bins)
                {
                    text.Append(c, $"| {b.Bin} | {b.Examples} | {b.MeanPredicted:P1} | {b.ObservedRate:P1} |\n");
                }

                text.Append('\n');
            }

            if (k.Fairness is { } fairness)
            {
                text.Append(Fairness(fairness));
            }
        }

        return text.ToString();
    }

    /// <summary>The headline figures: both AUCs, Brier scores and the split.</summary>
    public static string Summary(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder(string.Create(c,
            $"""
             Trained on {report.TrainingExamples} examples before {report.TrainedThrough:yyyy-MM-dd}; tested on the {report.TestExamples} after ({report.TestMissed} missed).

             | | AUC | Brier score |
             |---|---:|---:|
             | model (gradient-boosted trees) | {report.ModelAuc:F3} | {report.BrierScore:F4} |
             | baseline (prior no-shows alone) | {report.BaselineAuc:F3} | {report.BaselineBrierScore:F4} |

             """));
        if (report.Kinds is { Count: > 0 } kinds)
        {
            text.Append("| kind | tested from | test examples | missed | model AUC | baseline AUC |\n|---|---|---:|---:|---:|---:|\n");
            foreach (var k in kinds)
            {
                text.Append(c, $"| {KindName(k.Kind)} | {k.TestFrom:yyyy-MM-dd} | {k.TestExamples} | {k.TestMissed} | {k.ModelAuc:F3} | {k.BaselineAuc:F3} |\n");
            }

            text.Append("\nThe overall AUC also ranks the kinds against each other (due exams are mostly not completed, appointments mostly kept); the per-kind AUCs are the ones to judge the model by.\n\n");
        }

        return text.ToString();
    }

    /// <summary>The fairness table: one row per group, suppressed groups without figures.</summary>
    public static string Fairness(FairnessReport fairness)
    {
        ArgumentNullException.ThrowIfNull(fairness);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"## Fairness (flagged: predicted risk ≥ {fairness.Threshold:P1}; groups under {fairness.MinimumGroupSize} suppressed)\n\n");
        text.Append("| stratifier | group | examples | missed | TPR | FPR | predicted | observed |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var g in fairness.Groups)
        {
            text.Append(g.IsSuppressed
                ? $"| {g.Stratifier} | {g.Category} | <{fairness.MinimumGroupSize} | suppressed | | | | |\n"
                : string.Create(c, $"| {g.Stratifier} | {g.Category} | {g.Examples} | {g.Missed} | {Rate(g.TruePositiveRate)} | {Rate(g.FalsePositiveRate)} | {Rate(g.MeanPredicted)} | {Rate(g.ObservedRate)} |\n"));
        }

        return text.ToString();
    }

    /// <summary>The kind in words.</summary>
    public static string KindName(RiskExampleKind kind) => kind == RiskExampleKind.DueExam
        ? "due exam not completed within the window"
        : "booked appointment missed";

    private static string Rate(double? value) => value is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "–";
}

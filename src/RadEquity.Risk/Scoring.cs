namespace RadEquity.Risk;

/// <summary>The evaluation figures, computed from labels and predicted probabilities only.</summary>
internal static class Scoring
{
    /// <summary>Area under the ROC curve: the probability that a random no-show is ranked above a random kept
    /// appointment, ties counting half (Mann-Whitney U / (n1 n0)). 0.5 when either class is empty.</summary>
    public static double Auc(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double rankSumPositive = 0;
        long positives = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var meanRank = ((i + 1) + (j + 1)) / 2.0;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]])
                {
                    rankSumPositive += meanRank;
                    positives++;
                }
            }

            i = j + 1;
        }

        var negatives = order.Length - positives;
        return positives == 0 || negatives == 0
            ? 0.5
            : (rankSumPositive - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    public static double Brier(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        double sum = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var d = scores[i] - (labels[i] ? 1 : 0);
            sum += d * d;
        }

        return labels.Count == 0 ? 0 : sum / labels.Count;
    }

    /// <summary>Ten bins of (nearly) equal size by predicted probability, lowest first.</summary>
    public static IReadOnlyList<CalibrationBin> Deciles(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var bins = new List<CalibrationBin>();
        for (var b = 0; b < 10; b++)
        {
            var from = order.Length * b / 10;
            var to = order.Length * (b + 1) / 10;
            if (to <= from)
            {
                continue;
            }

            var slice = order[from..to];
            bins.Add(new CalibrationBin(b + 1, slice.Length, slice.Average(i => scores[i]), slice.Count(i => labels[i]) / (double)slice.Length));
        }

        return bins;
    }

    /// <summary>The value at quantile <paramref name="q"/> (0-1) of <paramref name="values"/> (nearest rank).</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0)
        {
            return 1;
        }

        var sorted = values.Order().ToArray();
        var index = Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index];
    }
}

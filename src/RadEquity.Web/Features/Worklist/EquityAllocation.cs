using RadEquity.Engine.Statistics;

namespace RadEquity.Web.Features.Worklist;

/// <summary>
/// The equity option: outreach capacity shared between groups in proportion to each group's gap to the reference
/// rate, so the groups furthest behind are reached first and most, and no group is left out. A group is a measure and
/// a category of the chosen stratifier; its gap is the reference rate (the best rate of the measure's categories with
/// at least <see cref="MinimumEligible"/> eligible patients) minus its own rate, never below zero. See docs/worklist.md.
/// </summary>
internal static class EquityAllocation
{
    /// <summary>Categories smaller than this cannot be the reference (a rate of 3 of 3 is not a standard).</summary>
    public const long MinimumEligible = 30;

    /// <summary>Every group gets at least this weight, so groups at the reference still get a share.</summary>
    public const double FloorWeight = 0.01;

    /// <summary>Each category's gap to the reference rate of one measure, from its counts (eligible = denominator
    /// minus exclusions). The reference is the engine's best group (<see cref="Disparity.BestGroup"/>, so "best"
    /// means one thing in the project) among the categories fit to be a standard: at least
    /// <see cref="MinimumEligible"/> eligible and not Unknown; among all categories when none is fit. Every worklist
    /// measure is a completion rate, so a higher rate is better.</summary>
    public static IReadOnlyDictionary<string, double> GapsToReference(IEnumerable<(string Category, long Eligible, long Met)> counts)
    {
        var groups = counts.Where(c => c.Eligible > 0).Select(c => new GroupCounts(c.Category, new Proportion(c.Met, c.Eligible))).ToList();
        var fit = groups.Where(g => g.Counts.Denominator >= MinimumEligible && g.Name != "Unknown").ToList();
        var reference = Disparity.BestGroup(fit.Count > 0 ? fit : groups, RateDirection.HigherIsBetter)?.Counts.Rate ?? 0;
        return groups.ToDictionary(g => g.Name, g => Math.Max(0, reference - g.Counts.Rate), StringComparer.Ordinal);
    }

    /// <summary>
    /// <paramref name="ordered"/> (already in priority order) interleaved across groups by smooth weighted round robin:
    /// at each turn every group with items left earns its weight, the group with the most credit gives its next item
    /// and pays the total weight. Over any stretch, group g receives about weight(g) / total of the turns; ties go to
    /// the larger gap, then to the group's name, so the order is deterministic.
    /// </summary>
    public static IReadOnlyList<T> Interleave<T>(IReadOnlyList<T> ordered, Func<T, string> groupOf, Func<string, double> gapOf)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(groupOf);
        ArgumentNullException.ThrowIfNull(gapOf);
        var queues = new SortedDictionary<string, Queue<T>>(StringComparer.Ordinal);
        foreach (var item in ordered)
        {
            var group = groupOf(item);
            if (!queues.TryGetValue(group, out var queue))
            {
                queues[group] = queue = new Queue<T>();
            }

            queue.Enqueue(item);
        }

        var weights = queues.Keys.ToDictionary(g => g, g => Math.Max(0, gapOf(g)) + FloorWeight, StringComparer.Ordinal);
        var credit = queues.Keys.ToDictionary(g => g, _ => 0.0, StringComparer.Ordinal);
        var result = new List<T>(ordered.Count);
        while (result.Count < ordered.Count)
        {
            string? best = null;
            var total = 0.0;
            foreach (var (group, queue) in queues)
            {
                if (queue.Count == 0)
                {
                    continue;
                }

                credit[group] += weights[group];
                total += weights[group];
                if (best is null || credit[group] > credit[best] + 1e-12
                    || (Math.Abs(credit[group] - credit[best]) <= 1e-12 && weights[group] > weights[best]))
                {
                    best = group;
                }
            }

            result.Add(queues[best!].Dequeue());
            credit[best!] -= total;
        }

        return result;
    }
}

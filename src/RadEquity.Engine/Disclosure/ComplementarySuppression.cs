namespace RadEquity.Engine.Disclosure;

/// <summary>
/// Primary and complementary suppression over the entries of a release, whole cells at a time. Repeats until stable:
/// (1) no line may be open: in a line whose margin is published, the suppressed members must not be exactly one, and
/// their sum (which is derivable) must not be a small count; in a line whose margin is suppressed, margin and members
/// together must not be exactly one suppressed entry; an open line gets one more suppressed entry; (2) once no line
/// is open, an exact audit over all lines finds any suppressed entry still determined by the published values (e.g.
/// through a chain of rows and columns of a cross) and suppresses one more entry beside it.
/// </summary>
internal static class ComplementarySuppression
{
    public static bool[] Apply(IReadOnlyList<CellCounts> counts, IReadOnlyList<Line> lines)
    {
        var suppressed = counts.Select(SmallCellGate.IsSmallCell).ToArray();
        while (true)
        {
            var open = lines.Where(l => IsOpen(l, counts, suppressed)).ToList();
            IEnumerable<int> candidates;
            if (open.Count > 0)
            {
                candidates = open.SelectMany(Entries);
            }
            else if (ExposureAudit.FirstExposed(lines, suppressed) is var exposed && exposed >= 0)
            {
                candidates = lines.Where(l => Entries(l).Contains(exposed)).SelectMany(Entries);
            }
            else
            {
                return suppressed;
            }

            // Greedy: the entry that closes the most open lines (in a cross, the corner that completes a rectangle),
            // then a non-zero one (a zero cell hides little), then the smallest; the first listed on a tie.
            var cover = Pick(counts, suppressed, candidates, open) ?? Pick(counts, suppressed, Enumerable.Range(0, counts.Count), open);
            if (cover is not { } entry)
            {
                return suppressed;
            }

            suppressed[entry] = true;
        }
    }

    // A line is open when its suppressed entries could be recovered from it: exactly one of margin and members is
    // suppressed, or the margin is published and the suppressed members add up to a small count.
    private static bool IsOpen(Line line, IReadOnlyList<CellCounts> counts, bool[] suppressed)
    {
        var hidden = line.Members.Where(m => suppressed[m]).ToList();
        return suppressed[line.Margin]
            ? hidden.Count == 0
            : hidden.Count == 1 || (hidden.Count > 1 && SmallCellGate.IsSmallCell(hidden.Select(m => counts[m]).Aggregate(CellCounts.Add)));
    }

    private static IEnumerable<int> Entries(Line line) => line.Members.Append(line.Margin);

    private static int? Pick(IReadOnlyList<CellCounts> counts, bool[] suppressed, IEnumerable<int> candidates, List<Line> open) =>
        candidates
            .Where(e => !suppressed[e])
            .Distinct()
            .OrderByDescending(e => open.Count(l => Entries(l).Contains(e)))
            .ThenBy(e => counts[e].Denominator == 0)
            .ThenBy(e => counts[e].Denominator)
            .ThenBy(e => counts[e].Numerator)
            .ThenBy(e => counts[e].Exclusions)
            .Select(e => (int?)e)
            .FirstOrDefault();
}

using System.Globalization;
using System.Text.RegularExpressions;
using RadEquity.Engine.Statistics;

namespace RadEquity.Engine.Tests.Statistics;

/// <summary>
/// Reads shared/oracles/disparity-statistics.md (beside the repository, not checked in) and checks every value it
/// lists, each to half a unit of its last printed digit. Skips when the file is absent.
/// </summary>
[Trait("Category", "Conformance")]
public sealed partial class OracleConformanceTests
{
    private const string OracleName = "disparity-statistics.md";

    private static readonly Dictionary<string, Func<DisparitySummary, double>> Statistics = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rate difference (max - min)"] = s => s.RateRangeDifference,
        ["rate ratio (max / min)"] = s => s.RateRangeRatio,
        ["Index of Disparity, reference = mu"] = s => s.IndexOfDisparityFromMean,
        ["Index of Disparity, reference = best group"] = s => s.IndexOfDisparityFromReference,
        ["between-group variance"] = s => s.BetweenGroupVariance,
        ["Theil index"] = s => s.TheilIndex,
        ["mean log deviation"] = s => s.MeanLogDeviation,
        ["slope index of inequality"] = s => s.Ordered!.SlopeIndex,
        ["relative index of inequality"] = s => s.Ordered!.RelativeIndex,
        ["Kunst-Mackenbach index"] = s => s.Ordered!.KunstMackenbachIndex,
        ["relative concentration index"] = s => s.Ordered!.RelativeConcentrationIndex,
        ["absolute concentration index"] = s => s.Ordered!.AbsoluteConcentrationIndex,
        ["population attributable risk (ref = best)"] = s => s.PopulationAttributableRisk,
        ["population attributable fraction"] = s => s.PopulationAttributableFraction,
    };

    [SkippableFact]
    public void Oracle_EveryListedValue_MatchesImplementation()
    {
        var path = FindOracle();
        Skip.If(path is null, $"shared/oracles/{OracleName} not found beside the repository; the oracle is not checked in");
        var text = File.ReadAllText(path!);
        var tables = ParseTables(text);
        var checkedValues = 0;

        // Groups: | group | n | x | rate | share | ridit |
        var groupTable = tables.Single(t => t[0][0] == "group");
        var groups = groupTable.Skip(1).Select(row => new GroupCounts(row[0], new Proportion(Count(row[2]), Count(row[1])))).ToArray();
        var summary = Disparity.Summarize(groups, new DisparityOptions { IsOrdered = true })!;
        var total = groups.Sum(g => g.Counts.Denominator);
        foreach (var (row, index) in groupTable.Skip(1).Select((row, index) => (row, index)))
        {
            AssertPrinted(row[3], groups[index].Counts.Rate, $"rate of {row[0]}");
            AssertPrinted(row[4], (double)groups[index].Counts.Denominator / total, $"share of {row[0]}");
            AssertPrinted(row[5], summary.Ordered!.Ridits[index], $"ridit of {row[0]}");
            checkedValues += 3;
        }

        AssertPrinted(PopulationRate().Match(text).Groups[1].Value, summary.PopulationRate, "mu");
        AssertPrinted(ZValue().Match(text).Groups[1].Value, ConfidenceLevel.NinetyFive.Z, "z");
        checkedValues += 2;

        // Statistics: | statistic | definition | value |, values possibly with "(intercept b0)" or "%".
        foreach (var row in tables.Single(t => t[0][0] == "statistic").Skip(1))
        {
            Assert.True(Statistics.TryGetValue(row[0], out var read), $"The oracle lists '{row[0]}', which this test does not map");
            var numbers = Numbers(row[2]);
            AssertPrinted(numbers[0], read!(summary), row[0]);
            if (row[2].Contains("intercept", StringComparison.Ordinal))
            {
                AssertPrinted(numbers[1], summary.Ordered!.SlopeIntercept, "intercept");
            }

            checkedValues += numbers.Count;
        }

        // Intervals: | case "x / n" | Wilson "l - u" | Clopper-Pearson "l - u" |
        foreach (var row in tables.Single(t => t[0][0] == "case").Skip(1))
        {
            var counts = Numbers(row[0]);
            var proportion = new Proportion(Count(counts[0]), Count(counts[1]));
            AssertInterval(row[1], ConfidenceIntervals.Wilson(proportion, ConfidenceLevel.NinetyFive), $"Wilson {row[0]}");
            AssertInterval(row[2], ConfidenceIntervals.ClopperPearson(proportion, ConfidenceLevel.NinetyFive), $"Clopper-Pearson {row[0]}");
            checkedValues += 4;
        }

        // "Q4 (360/500) versus Q1 (220/400):" then the ratio and difference lines.
        var versus = Versus().Match(text);
        Assert.True(versus.Success, "The oracle's group comparison was not found");
        var group = new Proportion(Count(versus.Groups[2].Value), Count(versus.Groups[3].Value));
        var reference = new Proportion(Count(versus.Groups[4].Value), Count(versus.Groups[5].Value));
        var ratio = RateComparison.Ratio(group, reference, ConfidenceLevel.NinetyFive);
        var difference = RateComparison.Difference(group, reference, ConfidenceLevel.NinetyFive);
        var ratioLine = Numbers(ComparisonLine(text, "- rate ratio"));
        var differenceLine = Numbers(ComparisonLine(text, "- rate difference"));
        AssertPrinted(ratioLine[0], ratio.Value, "rate ratio");
        AssertPrinted(ratioLine[1], ratio.Interval.Lower, "Katz lower");
        AssertPrinted(ratioLine[2], ratio.Interval.Upper, "Katz upper");
        AssertPrinted(differenceLine[0], difference.Value, "rate difference");
        AssertPrinted(differenceLine[1], difference.Interval.Lower, "Newcombe lower");
        AssertPrinted(differenceLine[2], difference.Interval.Upper, "Newcombe upper");
        checkedValues += 6;

        Assert.True(checkedValues >= 40, $"Only {checkedValues} oracle values were checked");
    }

    private static string? FindOracle()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "oracles", OracleName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static List<List<string[]>> ParseTables(string text)
    {
        var tables = new List<List<string[]>>();
        List<string[]>? current = null;
        foreach (var line in text.Split('\n').Select(l => l.Trim()))
        {
            if (!line.StartsWith('|'))
            {
                current = null;
                continue;
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.All(c => c.Trim('-', ':').Length == 0))
            {
                continue;
            }

            if (current is null)
            {
                tables.Add(current = []);
            }

            current.Add(cells);
        }

        return tables;
    }

    private static string ComparisonLine(string text, string prefix) =>
        text.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(prefix, StringComparison.Ordinal));

    private static List<string> Numbers(string text) =>
        [.. Number().Matches(text).Select(m => m.Value)];

    private static long Count(string text) => long.Parse(text.Trim(), CultureInfo.InvariantCulture);

    private static void AssertInterval(string printed, Interval actual, string what)
    {
        var limits = Numbers(printed);
        AssertPrinted(limits[0], actual.Lower, what + " lower");
        AssertPrinted(limits[1], actual.Upper, what + " upper");
    }

    private static void AssertPrinted(string printed, double actual, string what)
    {
        var value = double.Parse(printed, CultureInfo.InvariantCulture);
        var dot = printed.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : printed.Length - dot - 1;
        var tolerance = (0.5 * Math.Pow(10, -decimals)) + 1e-12;
        Assert.True(Math.Abs(value - actual) <= tolerance, $"{what}: oracle {printed}, implementation {actual.ToString("R", CultureInfo.InvariantCulture)}");
    }

    [GeneratedRegex(@"-?\d+(?:\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"mu = sum\(p\*r\) = (\d+\.\d+)")]
    private static partial Regex PopulationRate();

    [GeneratedRegex(@"z = (\d+\.\d+) for 95%")]
    private static partial Regex ZValue();

    [GeneratedRegex(@"(\w+) \((\d+)/(\d+)\) versus \w+ \((\d+)/(\d+)\)")]
    private static partial Regex Versus();
}

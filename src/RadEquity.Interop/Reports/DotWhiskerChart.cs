using RadEquity.Engine.Reporting;
using RadEquity.Engine.Statistics;

namespace RadEquity.Interop.Reports;

/// <summary>
/// An inline SVG dot-and-whisker chart of one stratifier: one row per category with the rate as a mark and its
/// confidence interval as a horizontal whisker, a dashed vertical line at the reference group's rate, and an axis from
/// 0 to 100%. Marks differ in shape as well as colour (reference ◆, lower ▼, higher ▲, not different ○), so nothing
/// depends on colour. The height grows with the number of rows.
/// </summary>
internal static class DotWhiskerChart
{
    private const double RowHeight = 22;
    private const double Top = 30;
    private const double Bottom = 44;
    private const double PlotWidth = 380;
    private const double RightMargin = 16;
    private const double CharWidth = 6.4;
    private const double MinLabelWidth = 90;
    private const double MaxLabelWidth = 300;
    private const double MarkSize = 5;

    /// <summary>How a row's rate compares with the reference, read from the interval of the difference.</summary>
    public enum Comparison
    {
        Reference,
        Lower,
        Higher,
        NotDifferent,
        NoReference,
    }

    public static Comparison CompareOf(StratumRow row, string? reference)
    {
        if (reference is null)
        {
            return Comparison.NoReference;
        }

        if (string.Equals(row.Category, reference, StringComparison.Ordinal))
        {
            return Comparison.Reference;
        }

        return row.Difference is { Interval: { IsDefined: true } i } ? i.Upper < 0 ? Comparison.Lower
            : i.Lower > 0 ? Comparison.Higher
            : Comparison.NotDifferent
            : Comparison.NotDifferent;
    }

    /// <summary>Writes the chart of <paramref name="rows"/> (all with eligible patients) as an SVG element.</summary>
    public static void Write(TextWriter output, string id, string measureTitle, StratifierSection section, IReadOnlyList<StratumRow> rows,
        ConfidenceLevel level)
    {
        var longest = rows.Max(r => r.Category.Length);
        var labelWidth = Math.Clamp(longest * CharWidth + 12, MinLabelWidth, MaxLabelWidth);
        var maxChars = (int)((labelWidth - 12) / CharWidth);
        var plotLeft = labelWidth;
        var width = plotLeft + PlotWidth + RightMargin;
        var height = Top + rows.Count * RowHeight + Bottom;
        double X(double rate) => plotLeft + Math.Clamp(rate, 0, 1) * PlotWidth;

        output.Write($"<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {C(width)} {C(height)}\" " +
                     $"width=\"{C(width)}\" height=\"{C(height)}\" preserveAspectRatio=\"xMinYMin meet\" font-size=\"12\">\n");
        output.Write($"<title id=\"{id}-title\">{ReportText.Encode($"{measureTitle}: rate by {section.Name}")}</title>\n");
        output.Write($"<desc id=\"{id}-desc\">{ReportText.Encode(Description(section, rows, level))}</desc>\n");

        var plotBottom = Top + rows.Count * RowHeight;
        for (var tick = 0; tick <= 100; tick += 20)
        {
            var x = C(X(tick / 100.0));
            output.Write($"<line class=\"grid\" x1=\"{x}\" y1=\"{C(Top)}\" x2=\"{x}\" y2=\"{C(plotBottom)}\"/>" +
                         $"<line class=\"axis\" x1=\"{x}\" y1=\"{C(plotBottom)}\" x2=\"{x}\" y2=\"{C(plotBottom + 5)}\"/>" +
                         $"<text x=\"{x}\" y=\"{C(plotBottom + 18)}\" text-anchor=\"middle\">{ReportText.Number(tick, "0")}%</text>\n");
        }

        output.Write($"<line class=\"axis\" x1=\"{C(plotLeft)}\" y1=\"{C(plotBottom)}\" x2=\"{C(plotLeft + PlotWidth)}\" y2=\"{C(plotBottom)}\"/>\n");
        output.Write($"<text x=\"{C(plotLeft + PlotWidth / 2)}\" y=\"{C(plotBottom + 36)}\" text-anchor=\"middle\">" +
                     $"Rate, with {ReportText.Encode(level.ToString())} confidence interval</text>\n");

        if (section.Reference is { } reference && rows.FirstOrDefault(r => r.Category == reference) is { } referenceRow)
        {
            var x = C(X(referenceRow.Rate));
            var anchor = referenceRow.Rate > 0.6 ? "end" : "start";
            output.Write($"<line class=\"refline\" x1=\"{x}\" y1=\"{C(Top - 6)}\" x2=\"{x}\" y2=\"{C(plotBottom)}\"/>" +
                         $"<text x=\"{x}\" y=\"{C(Top - 10)}\" text-anchor=\"{anchor}\">" +
                         $"{ReportText.Encode($"Reference: {Truncate(reference, 40)} {ReportText.Percent(referenceRow.Rate)}")}</text>\n");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = Top + (i + 0.5) * RowHeight;
            var comparison = CompareOf(row, section.Reference);
            output.Write($"<g><title>{ReportText.Encode(RowText(row, comparison, level))}</title>");
            output.Write($"<text x=\"{C(plotLeft - 8)}\" y=\"{C(y + 4)}\" text-anchor=\"end\">{ReportText.Encode(Truncate(row.Category, maxChars))}</text>");
            if (row.Interval.IsDefined)
            {
                var (x1, x2) = (C(X(row.Interval.Lower)), C(X(row.Interval.Upper)));
                output.Write($"<line class=\"whisker\" x1=\"{x1}\" y1=\"{C(y)}\" x2=\"{x2}\" y2=\"{C(y)}\"/>" +
                             $"<line class=\"whisker\" x1=\"{x1}\" y1=\"{C(y - 4)}\" x2=\"{x1}\" y2=\"{C(y + 4)}\"/>" +
                             $"<line class=\"whisker\" x1=\"{x2}\" y1=\"{C(y - 4)}\" x2=\"{x2}\" y2=\"{C(y + 4)}\"/>");
            }

            output.Write(Mark(X(row.Rate), y, comparison, row.Category));
            output.Write("</g>\n");
        }

        output.Write("</svg>\n");
    }

    /// <summary>The legend of the marks, for the figure's caption.</summary>
    public static string Legend(ConfidenceLevel level) =>
        $"Each row is a group: the mark is its rate and the line its {level} confidence interval. The dashed line is the " +
        "reference group's rate. Marks: ◆ reference; ▼ lower than the reference; ▲ higher than the reference; ○ not " +
        "distinguishable from the reference (the interval of the difference includes zero); ● no reference group.";

    private static string Mark(double x, double y, Comparison comparison, string category)
    {
        var data = $"data-category=\"{ReportText.Encode(category)}\"";
        var s = MarkSize;
        return comparison switch
        {
            Comparison.Reference =>
                $"<path class=\"pt reference\" {data} d=\"M{C(x)} {C(y - s - 1)}L{C(x + s + 1)} {C(y)}L{C(x)} {C(y + s + 1)}L{C(x - s - 1)} {C(y)}Z\"/>",
            Comparison.Lower =>
                $"<path class=\"pt lower\" {data} d=\"M{C(x - s)} {C(y - s + 1)}L{C(x + s)} {C(y - s + 1)}L{C(x)} {C(y + s)}Z\"/>",
            Comparison.Higher =>
                $"<path class=\"pt higher\" {data} d=\"M{C(x - s)} {C(y + s - 1)}L{C(x + s)} {C(y + s - 1)}L{C(x)} {C(y - s)}Z\"/>",
            Comparison.NotDifferent =>
                $"<circle class=\"pt same\" {data} cx=\"{C(x)}\" cy=\"{C(y)}\" r=\"{C(s - 1)}\"/>",
            Comparison.NoReference =>
                $"<circle class=\"pt\" {data} cx=\"{C(x)}\" cy=\"{C(y)}\" r=\"{C(s - 1)}\"/>",
            _ => throw new ArgumentOutOfRangeException(nameof(comparison)),
        };
    }

    public static string ComparisonText(Comparison comparison) => comparison switch
    {
        Comparison.Reference => "reference",
        Comparison.Lower => "lower",
        Comparison.Higher => "higher",
        Comparison.NotDifferent => "not different",
        Comparison.NoReference => "no comparison",
        _ => throw new ArgumentOutOfRangeException(nameof(comparison)),
    };

    private static string RowText(StratumRow row, Comparison comparison, ConfidenceLevel level) =>
        $"{row.Category}: {ReportText.RateWithInterval(row.Rate, row.Interval, level)}, {ReportText.Count(row.Numerator)} of " +
        $"{ReportText.Count(row.Eligible)}; {ComparisonText(comparison)}";

    private static string Description(StratifierSection section, IReadOnlyList<StratumRow> rows, ConfidenceLevel level)
    {
        var lowest = rows.MinBy(r => r.Rate)!;
        var highest = rows.MaxBy(r => r.Rate)!;
        var reference = section.Reference is { } name && rows.FirstOrDefault(r => r.Category == name) is { } row
            ? $" The dashed vertical line marks the reference group, {name}, at {ReportText.Percent(row.Rate)}."
            : " There is no reference group (fewer than two groups with eligible patients).";
        var lower = rows.Count(r => CompareOf(r, section.Reference) == Comparison.Lower);
        return $"Dot-and-whisker chart with {ReportText.Count(rows.Count)} {(rows.Count == 1 ? "row" : "rows")}, one per {section.Name} group with eligible patients: " +
               $"a mark at the group's rate and a horizontal line for its {level} confidence interval, on an axis from 0 to 100%." +
               reference +
               $" Rates range from {ReportText.Percent(lowest.Rate)} ({lowest.Category}) to {ReportText.Percent(highest.Rate)} ({highest.Category});" +
               $" {ReportText.Count(lower)} {(lower == 1 ? "group is" : "groups are")} lower than the reference. The table next to the chart gives every figure.";
    }

    private static string Truncate(string text, int maxChars) =>
        text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, Math.Max(1, maxChars - 1)), "…");

    private static string C(double value) => ReportText.Coordinate(value);
}

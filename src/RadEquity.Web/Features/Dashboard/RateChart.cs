using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using RadEquity.Engine.Reporting;
using RadEquity.Engine.Statistics;
using RadEquity.Engine.Strata;

namespace RadEquity.Web.Features.Dashboard;

/// <summary>How a group compares with the reference; shown by shape and colour in charts and by words in tables.</summary>
internal enum Comparison
{
    Reference,
    Lower,
    Higher,
    NotDifferent,
    NotCompared,
}

/// <summary>Formatting shared by the dashboard's pages and exports (invariant culture: figures read the same everywhere).</summary>
internal static class Figures
{
    private static readonly HashSet<string> NotAGroup = new(StringComparer.Ordinal) { Stratifier.Unknown, "Declined" };

    public static bool IsNotAGroup(string category) =>
        NotAGroup.Contains(category) || category.Split(Stratifier.CrossSeparator).Any(NotAGroup.Contains);

    public static string Percent(double rate) =>
        double.IsNaN(rate) ? "n/a" : (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Points(double difference) =>
        double.IsNaN(difference) ? "n/a" : (difference * 100).ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture) + " pts";

    public static string Interval(Interval interval) =>
        interval.IsDefined ? $"{Percent(interval.Lower)}–{Percent(interval.Upper)}" : "n/a";

    public static string Number(double value, string format = "0.000") =>
        double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static Comparison CompareOf(StratumRow row, string? reference)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (reference is null || row.Eligible == 0 || IsNotAGroup(row.Category))
        {
            return Comparison.NotCompared;
        }

        if (string.Equals(row.Category, reference, StringComparison.Ordinal))
        {
            return Comparison.Reference;
        }

        return row.Difference is { Interval: { IsDefined: true } ci }
            ? ci.Upper < 0 ? Comparison.Lower : ci.Lower > 0 ? Comparison.Higher : Comparison.NotDifferent
            : Comparison.NotCompared;
    }

    public static string Words(Comparison comparison) => comparison switch
    {
        Comparison.Reference => "reference group",
        Comparison.Lower => "lower than the reference",
        Comparison.Higher => "higher than the reference",
        Comparison.NotDifferent => "no clear difference",
        Comparison.NotCompared => "not compared",
        _ => throw new ArgumentOutOfRangeException(nameof(comparison)),
    };
}

/// <summary>
/// A dot-and-whisker chart of rates with their intervals as inline SVG: <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c>
/// carry the text alternative, the table beside it carries the same figures. Colours are Okabe–Ito (safe for the
/// common colour-vision deficiencies) and each comparison also has its own marker shape, so colour is never the only cue.
/// </summary>
internal static class RateChart
{
    public const string ReferenceColour = "#0072B2";
    public const string LowerColour = "#D55E00";
    public const string HigherColour = "#009E73";
    public const string NeutralColour = "#444444";

    private const int LabelWidth = 230;
    private const int PlotWidth = 400;
    private const int RowHeight = 26;
    private const int Top = 8;
    private const int AxisHeight = 30;

    public static IHtmlContent Svg(string id, string title, IReadOnlyList<StratumRow> rows, string? reference, Func<string, bool> isSuppressed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(isSuppressed);
        var encode = HtmlEncoder.Default;
        var height = Top + rows.Count * RowHeight + AxisHeight;
        var width = LabelWidth + PlotWidth + 20;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg id=\"{id}\" class=\"rate-chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-labelledby=\"{id}-title {id}-desc\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{encode.Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{encode.Encode(Description(rows, reference, isSuppressed))}</desc>");
        for (var tick = 0; tick <= 100; tick += 25)
        {
            var x = X(tick / 100.0);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{x:0.#}\" y1=\"{Top}\" x2=\"{x:0.#}\" y2=\"{height - AxisHeight + 4}\" stroke=\"#c9d1d9\" />");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{x:0.#}\" y=\"{height - 10}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1f24\">{tick}%</text>");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = Top + i * RowHeight + RowHeight / 2.0;
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{LabelWidth - 8}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1f24\">{encode.Encode(Shorten(row.Category))}</text>");
            if (isSuppressed(row.Category))
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{LabelWidth + 4}\" y=\"{y + 4:0.#}\" font-size=\"12\" fill=\"#4a5560\">suppressed (small cell)</text>");
                continue;
            }

            if (row.Eligible == 0 || double.IsNaN(row.Rate))
            {
                continue;
            }

            var comparison = Figures.CompareOf(row, reference);
            var colour = ColourOf(comparison);
            if (row.Interval.IsDefined)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<line x1=\"{X(row.Interval.Lower):0.#}\" y1=\"{y:0.#}\" x2=\"{X(row.Interval.Upper):0.#}\" y2=\"{y:0.#}\" stroke=\"{colour}\" stroke-width=\"2\" />");
            }

            svg.Append(Marker(comparison, X(row.Rate), y, colour));
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    public static string ColourOf(Comparison comparison) => comparison switch
    {
        Comparison.Reference => ReferenceColour,
        Comparison.Lower => LowerColour,
        Comparison.Higher => HigherColour,
        Comparison.NotDifferent or Comparison.NotCompared => NeutralColour,
        _ => throw new ArgumentOutOfRangeException(nameof(comparison)),
    };

    private static string Description(IReadOnlyList<StratumRow> rows, string? reference, Func<string, bool> isSuppressed)
    {
        var shown = rows.Where(r => !isSuppressed(r.Category) && r.Eligible > 0 && !double.IsNaN(r.Rate)).ToList();
        var parts = shown.Select(r => $"{r.Category}: {Figures.Percent(r.Rate)} ({Figures.Interval(r.Interval)}), {Figures.Words(Figures.CompareOf(r, reference))}");
        var suppressed = rows.Count(r => isSuppressed(r.Category));
        var text = (reference is null ? "No reference group. " : $"Reference group: {reference}. ") + string.Join("; ", parts) + ".";
        return suppressed == 0 ? text : text + $" {suppressed} group(s) suppressed.";
    }

    private static string Marker(Comparison comparison, double x, double y, string colour) => comparison switch
    {
        Comparison.Reference => string.Create(CultureInfo.InvariantCulture,
            $"<rect x=\"{x - 5:0.#}\" y=\"{y - 5:0.#}\" width=\"10\" height=\"10\" fill=\"{colour}\" />"),
        Comparison.Lower => string.Create(CultureInfo.InvariantCulture,
            $"<polygon points=\"{x - 6:0.#},{y - 5:0.#} {x + 6:0.#},{y - 5:0.#} {x:0.#},{y + 6:0.#}\" fill=\"{colour}\" />"),
        Comparison.Higher => string.Create(CultureInfo.InvariantCulture,
            $"<polygon points=\"{x - 6:0.#},{y + 5:0.#} {x + 6:0.#},{y + 5:0.#} {x:0.#},{y - 6:0.#}\" fill=\"{colour}\" />"),
        _ => string.Create(CultureInfo.InvariantCulture,
            $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"5\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\" />"),
    };

    private static double X(double rate) => LabelWidth + Math.Clamp(rate, 0, 1) * PlotWidth;

    private static string Shorten(string category) => category.Length <= 34 ? category : category[..33] + "…";
}

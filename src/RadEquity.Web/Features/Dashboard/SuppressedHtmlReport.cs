using System.Globalization;
using System.Net;

namespace RadEquity.Web.Features.Dashboard;

/// <summary>
/// The HTML report for users without patient rights: self-contained (inline style and SVG), every figure from the
/// small-cell gate's output (<see cref="FigureBasis.Disclosed"/>), suppressed cells shown as such. The internal report
/// (<see cref="Interop.Reports.HtmlReport"/>) also prints counts the gate does not screen (initial population,
/// exclusions, open gaps, completeness counts), so it is never served to them.
/// </summary>
internal static class SuppressedHtmlReport
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;color:#1b1f24;max-width:72rem;margin:0 auto;padding:1.5rem;line-height:1.5}" +
        "table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #c9d1d9}" +
        "td.num{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;color:#4a5560}.notice{border-left:4px solid #0b5cad;background:#f3f5f7;padding:.5rem 1rem}";

    public static void Write(DashboardView view, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(output);
        var period = view.Run.Definition.Period;
        var periodText = string.Create(CultureInfo.InvariantCulture, $"{period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd}");
        output.Write($"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>Health-equity report (suppressed), {E(periodText)}</title>\n<style>{Style}</style>\n</head>\n<body>\n");
        output.Write($"<h1>Health-equity report</h1>\n<p>Measurement period {E(periodText)}, run {view.Run.Id.ToString(CultureInfo.InvariantCulture)}.</p>\n");
        output.Write("<p class=\"notice\" role=\"note\">Suppressed aggregates: any count from 1 to 10, and any figure from which one could be derived, is withheld and shown as “suppressed”.</p>\n");
        var completeness = view.Completeness;
        output.Write("<h2>Data completeness</h2>\n<table>\n<caption>Share of patients with the field unknown, per source</caption>\n<thead><tr><th scope=\"col\">Field</th>");
        foreach (var source in completeness.Sources)
        {
            output.Write($"<th scope=\"col\">{E(source)}</th>");
        }

        output.Write("</tr></thead>\n<tbody>\n");
        foreach (var field in CompletenessField.All)
        {
            output.Write($"<tr><th scope=\"row\">{E(field.Label)}</th>");
            foreach (var source in completeness.Sources)
            {
                output.Write($"<td class=\"num\">{E(completeness.Get(field.Id, source).Share is { } v ? Figures.Percent(v) : "suppressed")}</td>");
            }

            output.Write("</tr>\n");
        }

        output.Write("</tbody>\n</table>\n");
        foreach (var measure in view.Figures.Report.Measures)
        {
            var overall = view.Figures.IsOverallSuppressed(measure.MeasureId)
                ? "suppressed"
                : $"{Figures.Percent(measure.Overall.Rate)} (95% CI {Figures.Interval(measure.Overall.Interval)}) of {Figures.Count(measure.Overall.Eligible)} eligible";
            output.Write($"<section>\n<h2>{E(measure.Title)}</h2>\n<p>Overall: {E(overall)}.</p>\n");
            foreach (var stratifier in measure.Stratifiers)
            {
                bool IsSuppressed(string category) => view.Figures.IsSuppressed(measure.MeasureId, stratifier.StratifierId, category);
                var suppressed = view.Figures.Suppressed
                    .Where(k => k.MeasureId == measure.MeasureId && k.StratifierId == stratifier.StratifierId)
                    .Select(k => k.Category)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                var id = $"{measure.MeasureId}-{stratifier.StratifierId}";
                if (!stratifier.StratifierId.Contains("-x-", StringComparison.Ordinal))
                {
                    output.Write(RateChart.Svg(id, $"{measure.Title} by {stratifier.Name}", stratifier.Rows, stratifier.Reference, IsSuppressed).ToString());
                }

                output.Write($"<table>\n<caption>{E($"{measure.Title} by {stratifier.Name}; reference: {stratifier.Reference ?? "none"}")}</caption>\n");
                output.Write("<thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Eligible</th><th scope=\"col\">Met</th><th scope=\"col\">Rate</th><th scope=\"col\">95% CI</th><th scope=\"col\">Difference</th></tr></thead>\n<tbody>\n");
                foreach (var row in stratifier.Rows.Where(r => r.Eligible > 0))
                {
                    output.Write($"<tr><th scope=\"row\">{E(row.Category)}</th><td class=\"num\">{Figures.Count(row.Eligible)}</td><td class=\"num\">{Figures.Count(row.Numerator)}</td>" +
                                 $"<td class=\"num\">{E(Figures.Percent(row.Rate))}</td><td>{E(Figures.Interval(row.Interval))}</td>" +
                                 $"<td class=\"num\">{E(row.Difference is { } d ? Figures.Points(d.Value) : "—")}</td></tr>\n");
                }

                foreach (var category in suppressed)
                {
                    output.Write($"<tr><th scope=\"row\">{E(category)}</th><td colspan=\"5\">suppressed</td></tr>\n");
                }

                output.Write("</tbody>\n</table>\n");
                if (stratifier.Findings.Count > 0)
                {
                    output.Write("<ul>\n");
                    foreach (var finding in stratifier.Findings)
                    {
                        output.Write($"<li>{E(finding)}</li>\n");
                    }

                    output.Write("</ul>\n");
                }
            }

            output.Write("</section>\n");
        }

        output.Write("</body>\n</html>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

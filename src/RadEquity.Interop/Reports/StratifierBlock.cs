using RadEquity.Engine.Reporting;
using RadEquity.Engine.Strata;

namespace RadEquity.Interop.Reports;

/// <summary>
/// One stratifier of one measure: the chart and, beside it, the table with the same figures, then the disparity
/// summary and the findings.
/// </summary>
internal static class StratifierBlock
{
    private const string CrossInfix = "-x-";
    private static readonly HashSet<string> NotAGroup = new(StringComparer.Ordinal) { Stratifier.Unknown, "Declined" };

    public static void Write(TextWriter output, string id, MeasureSection measure, StratifierSection section, ReportOptions options)
    {
        var isCross = section.StratifierId.Contains(CrossInfix, StringComparison.Ordinal);
        var withEligible = section.Rows.Where(r => r.Eligible > 0).ToList();
        var shown = isCross ? withEligible : section.Rows;
        output.Write($"<section class=\"stratifier\" id=\"{id}\" aria-labelledby=\"{id}-heading\">\n");
        output.Write($"<h3 id=\"{id}-heading\">{ReportText.Encode($"{measure.Title} by {section.Name}")}</h3>\n");
        var notes = new List<string>();
        if (section.IsOrdered)
        {
            notes.Add("Groups are ordered from most to least disadvantaged.");
        }

        if (isCross && section.Rows.Count > withEligible.Count)
        {
            var hidden = section.Rows.Count - withEligible.Count;
            notes.Add($"{ReportText.Count(hidden)} {(hidden == 1 ? "combination" : "combinations")} without eligible patients not shown.");
        }

        notes.Add(section.Reference is { } reference
            ? $"Reference group: {reference}."
            : "No reference group: fewer than two groups have eligible patients.");
        output.Write($"<p class=\"note\">{ReportText.Encode(string.Join(" ", notes))}</p>\n");

        if (withEligible.Count == 0)
        {
            output.Write("<p>No patient is eligible for this measure, so there is nothing to compare.</p>\n</section>\n");
            return;
        }

        output.Write("<div class=\"pair\">\n<figure>\n");
        DotWhiskerChart.Write(output, id + "-chart", measure.Title, section, withEligible, options.Level);
        output.Write($"<figcaption>{ReportText.Encode(DotWhiskerChart.Legend(options.Level))}</figcaption>\n</figure>\n");
        WriteTable(output, id, measure, section, shown, options);
        output.Write("</div>\n");
        WriteSummary(output, measure, section);
        WriteFindings(output, section, options);
        output.Write("</section>\n");
    }

    private static void WriteTable(TextWriter output, string id, MeasureSection measure, StratifierSection section,
        IReadOnlyList<StratumRow> rows, ReportOptions options)
    {
        var level = ReportText.Encode(options.Level.ToString());
        output.Write($"<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"{id}-caption\" tabindex=\"0\">\n<table>\n");
        output.Write($"<caption id=\"{id}-caption\">{ReportText.Encode($"{measure.Title} by {section.Name}: rates with {options.Level} " +
                     $"confidence intervals ({ReportText.MethodName(options.Method)}), compared with " +
                     $"{section.Reference ?? "no reference group"}")}</caption>\n");
        output.Write("<thead>\n<tr><th scope=\"col\">Group</th><th scope=\"col\">Eligible</th><th scope=\"col\">Numerator</th>" +
                     $"<th scope=\"col\">Rate</th><th scope=\"col\">{level} CI</th>" +
                     $"<th scope=\"col\">Difference vs reference ({level} CI)</th><th scope=\"col\">Ratio vs reference ({level} CI)</th>" +
                     "<th scope=\"col\">Versus reference</th><th scope=\"col\">Open gaps</th>");
        if (measure.IsFollowUp)
        {
            output.Write("<th scope=\"col\">Median days to resolution</th><th scope=\"col\">90th percentile days</th>");
        }

        output.Write("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            var comparison = row.Eligible > 0 ? DotWhiskerChart.CompareOf(row, section.Reference) : DotWhiskerChart.Comparison.NoReference;
            var isReference = comparison == DotWhiskerChart.Comparison.Reference;
            var css = isReference ? " class=\"ref\"" : IsNotAGroup(row.Category) ? " class=\"notgroup\"" : "";
            var label = ReportText.Encode(row.Category) + (isReference ? " <span class=\"flag\">(reference)</span>"
                : IsNotAGroup(row.Category) ? " (not in the summary)" : "");
            output.Write($"<tr{css}><th scope=\"row\">{label}</th>" +
                         Cell(ReportText.Count(row.Eligible)) + Cell(ReportText.Count(row.Numerator)) + Cell(ReportText.Percent(row.Rate)) +
                         Cell(ReportText.PercentInterval(row.Interval)) +
                         Cell(isReference ? "reference" : ReportText.Difference(row.Difference)) +
                         Cell(isReference ? "reference" : ReportText.Ratio(row.Ratio)) +
                         $"<td>{ReportText.Encode(row.Eligible > 0 ? DotWhiskerChart.ComparisonText(comparison) : "no eligible patients")}</td>" +
                         Cell(ReportText.Count(row.OpenGaps)));
            if (measure.IsFollowUp)
            {
                output.Write(Cell(ReportText.Days(row.MedianDaysToResolution)) + Cell(ReportText.Days(row.P90DaysToResolution)));
            }

            output.Write("</tr>\n");
        }

        output.Write("</tbody>\n</table>\n</div>\n");
    }

    private static void WriteSummary(TextWriter output, MeasureSection measure, StratifierSection section)
    {
        output.Write("<div class=\"summary\">\n<h4>Disparity summary</h4>\n");
        if (section.Summary is not { } s)
        {
            output.Write("<p>Not computed: fewer than two known groups have eligible patients.</p>\n</div>\n");
            return;
        }

        var facts = new List<(string Term, string Value)>
        {
            ("Groups compared", $"{ReportText.Count(s.GroupCount)} (Unknown and Declined left out)"),
            ("Rate of the groups compared", ReportText.Percent(s.PopulationRate)),
            ("Index of disparity", $"{ReportText.Signed(s.IndexOfDisparityFromReference, "0.0")}% from the reference; " +
                                   $"{ReportText.Signed(s.IndexOfDisparityFromMean, "0.0")}% from the mean"),
            ("Rate range", $"{ReportText.Points(s.RateRangeDifference)} percentage points; ratio {ReportText.Signed(s.RateRangeRatio, "0.00")}"),
            ("Between-group variance", $"{ReportText.Signed(s.BetweenGroupVariance * 10_000, "0.00")} (percentage points squared)"),
            ("Theil index", $"{ReportText.Signed(s.TheilIndex * 1000, "0.00")} (×1,000)"),
            ("Mean log deviation", $"{ReportText.Signed(s.MeanLogDeviation * 1000, "0.00")} (×1,000)"),
        };
        if (s.Ordered is { } o)
        {
            facts.Add(("Slope index of inequality (SII)",
                $"{ReportText.Points(o.SlopeIndex)} percentage points from the most to the least disadvantaged end"));
            facts.Add(("Relative index of inequality (RII)", ReportText.Signed(o.RelativeIndex, "0.000")));
            facts.Add(("Concentration index", $"{ReportText.Signed(o.RelativeConcentrationIndex, "0.000")} relative; " +
                                              $"{ReportText.Signed(o.AbsoluteConcentrationIndex * 100, "0.00")} absolute (percentage points)"));
        }

        facts.Add(("Population attributable gap", s.PopulationAttributableGapPeople is { } people
            ? $"{ReportText.Count(people)} {(people == 1 ? "person" : "people")} more would have {Outcome(measure)} if every group " +
              $"below the reference reached its rate ({ReportText.Points(s.PopulationAttributableRisk)} percentage points, " +
              $"{ReportText.Signed(s.PopulationAttributableFraction, "0.0")}% of the rate)"
            : ReportText.NotAvailable));
        HtmlReport.WriteFacts(output, facts);
        output.Write("</div>\n");
    }

    private static void WriteFindings(TextWriter output, StratifierSection section, ReportOptions options)
    {
        output.Write("<h4>Findings</h4>\n");
        if (section.Findings.Count == 0)
        {
            output.Write(section.Reference is null
                ? "<p>No comparison: fewer than two groups have eligible patients.</p>\n"
                : $"<p>{ReportText.Encode($"No group's rate is lower than the reference's beyond chance at {options.Level} confidence.")}</p>\n");
            return;
        }

        output.Write("<ul class=\"findings\">\n");
        foreach (var finding in section.Findings)
        {
            output.Write($"<li>{ReportText.Encode(finding)}</li>\n");
        }

        output.Write("</ul>\n");
    }

    private static string Outcome(MeasureSection measure) => measure.IsFollowUp ? "completed follow-up on time" : "been screened";

    private static bool IsNotAGroup(string category) =>
        category.Split(Stratifier.CrossSeparator).Any(NotAGroup.Contains);

    private static string Cell(string text) => $"<td class=\"num\">{ReportText.Encode(text)}</td>";
}

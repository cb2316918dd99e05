using RadEquity.Engine.Reporting;

namespace RadEquity.Interop.Reports;

/// <summary>
/// Writes an <see cref="EquityReport"/> as one self-contained HTML5 page: inline CSS and SVG, no scripts, fonts,
/// images or links to anything outside the file, so that it works offline and prints well.
/// </summary>
/// <remarks>
/// <para>Order: the header (period, as-of date, patients, confidence level and interval method) with the notice that
/// small groups are shown; data completeness, before any disparity figure; then per measure its overall figures
/// and, per stratifier, a dot-and-whisker chart with a table of the same figures beside it, the disparity summary and
/// the findings. Cross stratifiers show only the combinations with eligible patients.</para>
/// <para>Accessibility (WCAG 2.1 AA): <c>lang</c>, a skip link, headings in order, tables with captions and scoped
/// headers, charts with <c>role="img"</c>, a title and a description, marks that differ in shape and not only in
/// colour. Every text from data is HTML-encoded; numbers use the invariant culture. The page is also well-formed XML
/// (void elements self-closed, numeric character references only).</para>
/// <para>The output depends on the report and the options only (no clock, no random ids), so the same report gives
/// the same bytes. The report shows small groups: it is for use inside the practice.</para>
/// </remarks>
public static class HtmlReport
{
    /// <summary>The notice at the top of every report.</summary>
    public const string InternalUseNotice = "For use inside the practice: small groups are shown. Anything shared outside the " +
                                            "practice must go through the de-identification gate.";

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="output">Where the page goes (write it as UTF-8).</param>
    /// <param name="options">Title, practice and the completeness threshold; defaults when null.</param>
    public static void Write(EquityReport report, TextWriter output, HtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new HtmlReportOptions();
        if (!(options.HighMissingShare is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.HighMissingShare,
                "HighMissingShare must be a share above 0 and at most 1.");
        }

        var title = ReportText.Encode(options.Title);
        output.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n" +
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n" +
                     $"<title>{title}</title>\n<style>\n{ReportStyles.Css}\n</style>\n</head>\n<body>\n" +
                     "<a class=\"skip\" href=\"#main\">Skip to main content</a>\n");
        WriteHeader(output, report, options);
        output.Write("<main id=\"main\" tabindex=\"-1\">\n");
        WriteContents(output, report);
        CompletenessSection.Write(output, report.Completeness, options);
        for (var i = 0; i < report.Measures.Count; i++)
        {
            WriteMeasure(output, ReportText.Id("measure-", i + 1, report.Measures[i].MeasureId), report.Measures[i], report.Options);
        }

        output.Write("</main>\n");
        WriteFooter(output, report);
        output.Write("</body>\n</html>\n");
    }

    private static void WriteHeader(TextWriter output, EquityReport report, HtmlReportOptions options)
    {
        output.Write($"<header>\n<h1>{ReportText.Encode(options.Title)}</h1>\n");
        if (options.Practice is { Length: > 0 } practice)
        {
            output.Write($"<p>{ReportText.Encode(practice)}</p>\n");
        }

        var references = report.Options.ReferenceGroups.Count == 0
            ? "the group with the highest rate, per stratifier"
            : string.Join("; ", report.Options.ReferenceGroups.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {r.Value}"))
              + "; otherwise the group with the highest rate";
        WriteFacts(output,
        [
            ("Measurement period", $"{ReportText.Date(report.Period.Start)} to {ReportText.Date(report.Period.End)}"),
            ("Care gaps as of", ReportText.Date(report.AsOf)),
            ("Patients evaluated", ReportText.Count(report.Patients)),
            ("Confidence level", report.Options.Level.ToString()),
            ("Interval method", $"{ReportText.MethodName(report.Options.Method)} for rates; Newcombe hybrid score interval for " +
                                "differences; Katz log interval for ratios"),
            ("Reference groups", references),
        ]);
        output.Write($"<p class=\"notice\" role=\"note\">{ReportText.Encode(InternalUseNotice)}</p>\n</header>\n");
    }

    private static void WriteContents(TextWriter output, EquityReport report)
    {
        output.Write("<nav class=\"contents\" aria-labelledby=\"contents-heading\">\n<h2 id=\"contents-heading\">Contents</h2>\n<ul>\n" +
                     "<li><a href=\"#completeness\">Data completeness</a></li>\n");
        for (var i = 0; i < report.Measures.Count; i++)
        {
            var measure = report.Measures[i];
            output.Write($"<li><a href=\"#{ReportText.Id("measure-", i + 1, measure.MeasureId)}\">" +
                         $"{ReportText.Encode(measure.Title)}</a> ({ReportText.Encode(measure.MeasureId)})</li>\n");
        }

        output.Write("</ul>\n</nav>\n");
    }

    private static void WriteMeasure(TextWriter output, string id, MeasureSection measure, ReportOptions options)
    {
        output.Write($"<section class=\"measure\" id=\"{id}\" aria-labelledby=\"{id}-heading\">\n");
        output.Write($"<h2 id=\"{id}-heading\">{ReportText.Encode(measure.Title)}</h2>\n");
        output.Write($"<p class=\"spec\">Specification: {ReportText.Encode(measure.Specification)}</p>\n");
        var overall = measure.Overall;
        var facts = new List<(string, string)>
        {
            ("Measure id", measure.MeasureId),
            ("Overall rate", ReportText.RateWithInterval(overall.Rate, overall.Interval, options.Level)),
            ("Numerator / eligible", $"{ReportText.Count(overall.Numerator)} of {ReportText.Count(overall.Eligible)} eligible"),
            ("Initial population", ReportText.Count(overall.InitialPopulation)),
            ("Exclusions", ReportText.Count(overall.Exclusions)),
            ("Open care gaps", ReportText.Count(overall.OpenGaps)),
        };
        if (measure.ReportedMethod is { } method)
        {
            var share = overall.Numerator == 0 ? ReportText.NotAvailable : ReportText.Percent((double)overall.ReportedMethod / overall.Numerator);
            facts.Add(($"{ReportText.ReportedMethodName(method)} share",
                $"{share} of the numerator ({ReportText.Count(overall.ReportedMethod)} of {ReportText.Count(overall.Numerator)})"));
        }

        if (measure.IsFollowUp)
        {
            facts.Add(("Median days to resolution", ReportText.Days(overall.MedianDaysToResolution)));
            facts.Add(("90th percentile days to resolution", ReportText.Days(overall.P90DaysToResolution)));
        }

        WriteFacts(output, facts);
        for (var i = 0; i < measure.Stratifiers.Count; i++)
        {
            StratifierBlock.Write(output, ReportText.Id(id + "-s", i + 1, measure.Stratifiers[i].StratifierId), measure,
                measure.Stratifiers[i], options);
        }

        output.Write("</section>\n");
    }

    private static void WriteFooter(TextWriter output, EquityReport report)
    {
        output.Write("<footer>\n<p>Methods: rates are numerator over eligible patients (denominator minus exclusions). " +
                     $"Intervals: {ReportText.Encode(ReportText.MethodName(report.Options.Method))} for rates, Newcombe hybrid score " +
                     "for differences, Katz log for ratios. Summary measures follow NCI HD*Calc (Harper and Lynch, 2005) over the " +
                     "known groups; Unknown and Declined are shown but not compared. Findings list the groups whose difference from " +
                     "the reference excludes zero.</p>\n");
        output.Write($"<p>{ReportText.Encode(InternalUseNotice)}</p>\n</footer>\n");
    }

    internal static void WriteFacts(TextWriter output, IEnumerable<(string Term, string Value)> facts)
    {
        output.Write("<dl class=\"facts\">\n");
        foreach (var (term, value) in facts)
        {
            output.Write($"<dt>{ReportText.Encode(term)}</dt><dd>{ReportText.Encode(value)}</dd>\n");
        }

        output.Write("</dl>\n");
    }
}

using RadEquity.Engine.Strata;

namespace RadEquity.Interop.Reports;

/// <summary>
/// The data-completeness section, written before any disparity figure: per field the share of patients whose data
/// does not say (overall, then per data source), and a warning for every field missing for many patients, because a
/// stratifier is only as good as the data that fills it.
/// </summary>
internal static class CompletenessSection
{
    private sealed record Field(string Label, Func<CompletenessCounts, long> Count);

    private sealed record Topic(string Subject, string Consequence, Func<CompletenessCounts, long> Count);

    private static readonly Field[] Fields =
    [
        new("Race unknown", c => c.RaceUnknown),
        new("Race declined", c => c.RaceDeclined),
        new("Ethnicity unknown", c => c.EthnicityUnknown),
        new("Ethnicity declined", c => c.EthnicityDeclined),
        new("Preferred language missing", c => c.LanguageMissing),
        new("No active coverage", c => c.PayerMissing),
        new("Coverage of no known payer category", c => c.PayerUnmapped),
        new("ZIP code missing or invalid", c => c.ZipMissing),
        new("ZIP code not in the rurality (RUCA) table", c => c.ZipWithoutRurality),
        new("ZIP code not in the deprivation (ADI) table", c => c.ZipWithoutDeprivation),
    ];

    // Unknown and declined both leave a patient without a usable group, so the warnings add them.
    private static readonly Topic[] Topics =
    [
        new("race is unknown or declined", "results by race and ethnicity", c => c.RaceUnknown + c.RaceDeclined),
        new("ethnicity is unknown or declined", "results by race and ethnicity", c => c.EthnicityUnknown + c.EthnicityDeclined),
        new("the preferred language is missing", "results by preferred language", c => c.LanguageMissing),
        new("the payer is missing or not of a known category", "results by payer", c => c.PayerMissing + c.PayerUnmapped),
        new("the ZIP code is missing or invalid", "results by rurality and area deprivation", c => c.ZipMissing),
        new("the ZIP code has no rurality (RUCA) code", "results by rurality", c => c.ZipWithoutRurality),
        new("the ZIP code has no deprivation (ADI) rank", "results by area deprivation", c => c.ZipWithoutDeprivation),
    ];

    public static void Write(TextWriter output, CompletenessReport completeness, HtmlReportOptions options)
    {
        var columns = new List<(string Name, CompletenessCounts Counts)> { ("All sources", completeness.Overall) };
        columns.AddRange(completeness.BySource.Select(s => (s.Key, s.Value)));
        if (completeness.BySource.Count == 1)
        {
            columns.RemoveAt(1); // one source: its column would repeat the overall one
        }

        var threshold = ReportText.Percent(options.HighMissingShare);
        output.Write("<section id=\"completeness\" aria-labelledby=\"completeness-heading\">\n");
        output.Write("<h2 id=\"completeness-heading\">Data completeness</h2>\n");
        output.Write("<p>Read this before any comparison below. Patients whose race, ethnicity, language, payer or ZIP code is " +
                     "not known are counted in an Unknown (or Declined) group of their own, which is shown but left out of the " +
                     "reference group and the summary measures. When many patients are unknown, the groups that are known may " +
                     "not represent everyone.</p>\n");
        WriteWarnings(output, columns, options.HighMissingShare, threshold);
        WriteTable(output, columns, options.HighMissingShare, threshold);
        output.Write("</section>\n");
    }

    private static void WriteWarnings(TextWriter output, List<(string Name, CompletenessCounts Counts)> columns, double high,
        string threshold)
    {
        if (columns[0].Counts.Patients == 0)
        {
            output.Write("<p class=\"warning\">No patients were counted, so completeness cannot be judged.</p>\n");
            return;
        }

        var warnings = new List<string>();
        foreach (var (name, counts) in columns)
        {
            foreach (var topic in Topics)
            {
                var missing = topic.Count(counts);
                if (counts.Share(missing) is { } share && share >= high)
                {
                    var where = columns.Count > 1 && name != columns[0].Name ? $"In source {name}" : "Overall";
                    warnings.Add($"{where}, {topic.Subject} for {ReportText.Percent(share)} of patients ({ReportText.Count(missing)} of " +
                                 $"{ReportText.Count(counts.Patients)}): interpret {topic.Consequence} with caution.");
                }
            }
        }

        if (warnings.Count == 0)
        {
            output.Write($"<p>No field is missing or unknown for {ReportText.Encode(threshold)} or more of patients.</p>\n");
            return;
        }

        output.Write($"<div class=\"warning\" role=\"note\" aria-labelledby=\"completeness-warning\">\n<p id=\"completeness-warning\">" +
                     $"<strong>Warning:</strong> some fields are missing or unknown for {ReportText.Encode(threshold)} or more of " +
                     "patients.</p>\n<ul>\n");
        foreach (var warning in warnings)
        {
            output.Write($"<li>{ReportText.Encode(warning)}</li>\n");
        }

        output.Write("</ul>\n</div>\n");
    }

    private static void WriteTable(TextWriter output, List<(string Name, CompletenessCounts Counts)> columns, double high,
        string threshold)
    {
        output.Write("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"completeness-caption\" tabindex=\"0\">\n<table>\n");
        output.Write($"<caption id=\"completeness-caption\">Share of patients with missing or unknown data, overall and per data source " +
                     $"(shares of {ReportText.Encode(threshold)} or more are marked “high”)</caption>\n<thead>\n<tr><th scope=\"col\">Field</th>");
        foreach (var (name, _) in columns)
        {
            output.Write($"<th scope=\"col\">{ReportText.Encode(name)}</th>");
        }

        output.Write("</tr>\n</thead>\n<tbody>\n<tr><th scope=\"row\">Patients</th>");
        foreach (var (_, counts) in columns)
        {
            output.Write($"<td class=\"num\">{ReportText.Count(counts.Patients)}</td>");
        }

        output.Write("</tr>\n");
        foreach (var field in Fields)
        {
            output.Write($"<tr><th scope=\"row\">{ReportText.Encode(field.Label)}</th>");
            foreach (var (_, counts) in columns)
            {
                var missing = field.Count(counts);
                var share = counts.Share(missing);
                var cell = share is { } s ? $"{ReportText.Percent(s)} ({ReportText.Count(missing)})" : ReportText.NotAvailable;
                output.Write(share >= high
                    ? $"<td class=\"num\"><strong>{ReportText.Encode(cell)}</strong> <span class=\"flag\">high</span></td>"
                    : $"<td class=\"num\">{ReportText.Encode(cell)}</td>");
            }

            output.Write("</tr>\n");
        }

        output.Write("</tbody>\n</table>\n</div>\n");
    }
}

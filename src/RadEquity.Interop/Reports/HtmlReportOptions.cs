namespace RadEquity.Interop.Reports;

/// <summary>How <see cref="HtmlReport"/> presents an equity report.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>The report's title (the page title and its only first-level heading).</summary>
    public string Title { get; init; } = "Health-equity report";

    /// <summary>The practice the report is about, shown under the title when given.</summary>
    public string? Practice { get; init; }

    /// <summary>
    /// The share of patients (0-1) from which a missing or unknown field is called out in the completeness section;
    /// 10% by default.
    /// </summary>
    public double HighMissingShare { get; init; } = 0.10;
}

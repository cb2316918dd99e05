using RadEquity.Engine.Measures;
using RadEquity.Engine.Statistics;
using RadEquity.Engine.Strata;

namespace RadEquity.Engine.Reporting;

/// <summary>How rates are compared in a report.</summary>
public sealed record ReportOptions
{
    /// <summary>Confidence level of every interval (90, 95, 99 or 99.8%).</summary>
    public ConfidenceLevel Level { get; init; } = ConfidenceLevel.NinetyFive;

    /// <summary>Interval method for rates (Wilson by default).</summary>
    public IntervalMethod Method { get; init; } = IntervalMethod.Wilson;

    /// <summary>The reference category per stratifier id; a stratifier not listed compares with its best group.</summary>
    public IReadOnlyDictionary<string, string> ReferenceGroups { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>
/// The equity report of one evaluation: completeness first, then per measure the overall rate and, per stratifier,
/// each group's rate against the reference with the disparity summary and plain-language findings. Built from
/// merged counts only (ARCHITECTURE idea 3); for use inside the practice (small cells are shown). Anything leaving
/// the practice goes through <see cref="Disclosure.SmallCellGate"/> instead.
/// </summary>
/// <param name="Period">The measurement period.</param>
/// <param name="AsOf">The as-of date of gaps.</param>
/// <param name="Patients">Patients evaluated.</param>
/// <param name="Completeness">Missing and unknown demographics per source.</param>
/// <param name="Options">Level, method and references used.</param>
/// <param name="Measures">One section per measure.</param>
public sealed record EquityReport(
    MeasurementPeriod Period,
    DateOnly AsOf,
    long Patients,
    CompletenessReport Completeness,
    ReportOptions Options,
    IReadOnlyList<MeasureSection> Measures);

/// <summary>One measure's results.</summary>
/// <param name="MeasureId">The measure id.</param>
/// <param name="Title">Its title.</param>
/// <param name="Specification">The specification it implements.</param>
/// <param name="IsFollowUp">A follow-up measure (days to resolution are reported).</param>
/// <param name="ReportedMethod">The method counted separately (CT colonography), when there is one.</param>
/// <param name="Overall">The whole population.</param>
/// <param name="Stratifiers">One section per stratifier.</param>
public sealed record MeasureSection(
    string MeasureId,
    string Title,
    string Specification,
    bool IsFollowUp,
    string? ReportedMethod,
    StratumRow Overall,
    IReadOnlyList<StratifierSection> Stratifiers);

/// <summary>One stratifier's rows, comparison and summary.</summary>
/// <param name="StratifierId">Stratifier id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="IsOrdered">Ordered categories (most to least disadvantaged).</param>
/// <param name="Rows">One row per category present, in the stratifier's order.</param>
/// <param name="Reference">The reference category, when at least two categories have eligible patients.</param>
/// <param name="Summary">HD*Calc summary measures over the known categories (Unknown and Declined left out).</param>
/// <param name="Findings">Plain-language findings: groups whose difference from the reference excludes zero.</param>
public sealed record StratifierSection(
    string StratifierId,
    string Name,
    bool IsOrdered,
    IReadOnlyList<StratumRow> Rows,
    string? Reference,
    DisparitySummary? Summary,
    IReadOnlyList<string> Findings);

/// <summary>One category's counts and statistics.</summary>
/// <param name="Category">The category.</param>
/// <param name="InitialPopulation">Initial population.</param>
/// <param name="Eligible">Denominator minus exclusions.</param>
/// <param name="Exclusions">Denominator exclusions.</param>
/// <param name="Numerator">Numerator.</param>
/// <param name="Rate">Numerator / eligible (NaN when none).</param>
/// <param name="Interval">The rate's interval.</param>
/// <param name="Difference">Rate minus the reference rate, with Newcombe's interval (null for the reference itself).</param>
/// <param name="Ratio">Rate over the reference rate, with Katz's interval (null for the reference itself).</param>
/// <param name="ReportedMethod">Numerator patients met by the measure's reported method.</param>
/// <param name="OpenGaps">Open care gaps.</param>
/// <param name="MedianDaysToResolution">Follow-up measures: median days to resolution.</param>
/// <param name="P90DaysToResolution">Follow-up measures: 90th percentile of days to resolution.</param>
public sealed record StratumRow(
    string Category,
    long InitialPopulation,
    long Eligible,
    long Exclusions,
    long Numerator,
    double Rate,
    Interval Interval,
    Estimate? Difference,
    Estimate? Ratio,
    long ReportedMethod,
    long OpenGaps,
    int? MedianDaysToResolution,
    int? P90DaysToResolution);

using System.Globalization;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Statistics;
using RadEquity.Engine.Strata;

namespace RadEquity.Engine.Reporting;

/// <summary>Builds an <see cref="EquityReport"/> from merged counts.</summary>
public static class EquityReportBuilder
{
    /// <summary>Categories that say nothing about a group and stay out of references and summary measures.</summary>
    private static readonly HashSet<string> NotAGroup = new(StringComparer.Ordinal) { Stratifier.Unknown, "Declined" };

    /// <summary>Builds the report.</summary>
    public static EquityReport Build(EvaluationCounts counts, IReadOnlyList<Measure> measures, IReadOnlyList<Stratifier> stratifiers,
        MeasurementPeriod period, DateOnly asOf, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(stratifiers);
        options ??= new ReportOptions();
        var sections = measures
            .Select(m => Section(counts, m, stratifiers, options))
            .ToList();
        return new EquityReport(period, asOf, counts.Patients, counts.Completeness, options, sections);
    }

    private static MeasureSection Section(EvaluationCounts counts, Measure measure, IReadOnlyList<Stratifier> stratifiers, ReportOptions options)
    {
        var overall = Row(StratumKey.Overall, counts.Overall(measure.Id), null, options);
        var sections = new List<StratifierSection>(stratifiers.Count);
        foreach (var stratifier in stratifiers)
        {
            var cells = counts.Strata(measure.Id, stratifier);
            var groups = cells
                .Where(c => !NotAGroup.Contains(c.Category) && !IsUnknownCross(c.Category) && c.Counts.Eligible > 0)
                .Select(c => new GroupCounts(c.Category, new Proportion(c.Counts.Numerator, c.Counts.Eligible)))
                .ToList();
            var disparity = new DisparityOptions
            {
                IsOrdered = stratifier.IsOrdered,
                ReferenceGroup = options.ReferenceGroups.TryGetValue(stratifier.Id, out var chosen) && groups.Any(g => g.Name == chosen)
                    ? chosen
                    : null,
            };
            var reference = groups.Count >= 2 ? Disparity.SelectReference(groups, disparity) : null;
            var rows = cells.Select(c => Row(c.Category, c.Counts, reference, options)).ToList();
            var summary = groups.Count >= 2 ? Disparity.Summarize(groups, disparity) : null;
            sections.Add(new StratifierSection(stratifier.Id, stratifier.Name, stratifier.IsOrdered, rows, reference?.Name, summary,
                Findings(measure, stratifier, rows, reference, options)));
        }

        return new MeasureSection(measure.Id, measure.Title, measure.Specification, measure.IsFollowUp, measure.ReportedMethod,
            overall, sections);
    }

    private static bool IsUnknownCross(string category) =>
        category.Split(Stratifier.CrossSeparator).Any(NotAGroup.Contains);

    private static StratumRow Row(string category, StratumCounts c, GroupCounts? reference, ReportOptions options)
    {
        var proportion = new Proportion(c.Numerator, c.Eligible);
        var interval = c.Eligible == 0 ? Interval.Undefined : ConfidenceIntervals.Of(proportion, options.Level, options.Method);
        Estimate? difference = null, ratio = null;
        if (reference is not null && reference.Name != category && c.Eligible > 0)
        {
            difference = RateComparison.Difference(proportion, reference.Counts, options.Level);
            ratio = RateComparison.Ratio(proportion, reference.Counts, options.Level);
        }

        return new StratumRow(category, c.InitialPopulation, c.Eligible, c.Exclusions, c.Numerator, proportion.Rate, interval,
            difference, ratio, c.ReportedMethod, c.OpenGaps, c.ResolutionQuantile(0.5), c.ResolutionQuantile(0.9));
    }

    /// <summary>
    /// A sentence per group whose difference from the reference excludes zero, worst first, e.g. "Uninsured/self-pay
    /// (Payer): women were screened at 41% (95% CI 38–44%) against 76% for Private; 240 more would have been screened
    /// at parity."
    /// </summary>
    private static List<string> Findings(Measure measure, Stratifier stratifier, List<StratumRow> rows, GroupCounts? reference,
        ReportOptions options)
    {
        var findings = new List<string>();
        if (reference is null)
        {
            return findings;
        }

        var (done, hadDone) = measure.IsFollowUp
            ? ("completed follow-up on time", "completed follow-up on time")
            : ("were screened", "been screened");
        foreach (var row in rows
                     .Where(r => r.Difference is { } d && d.Interval.IsDefined && d.Interval.Upper < 0 && !NotAGroup.Contains(r.Category))
                     .OrderBy(r => r.Difference!.Value.Value))
        {
            var atParity = (long)Math.Round((reference.Counts.Rate - row.Rate) * row.Eligible, MidpointRounding.AwayFromZero);
            findings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{row.Category} ({stratifier.Name}): {measure.PopulationNoun} {done} at {Percent(row.Rate)} ({options.Level} CI {Percent(row.Interval.Lower).TrimEnd('%')}–{Percent(row.Interval.Upper)}) against {Percent(reference.Counts.Rate)} for {reference.Name}; {atParity:N0} more would have {hadDone} at parity."));
        }

        return findings;
    }

    private static string Percent(double rate) =>
        double.IsNaN(rate) ? "n/a" : (rate * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}

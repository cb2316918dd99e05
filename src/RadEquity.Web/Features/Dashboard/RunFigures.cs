using RadEquity.Engine.Disclosure;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Reporting;
using RadEquity.Engine.Strata;
using RadEquity.Interop.Fhir;

namespace RadEquity.Web.Features.Dashboard;

/// <summary>Where the figures a user sees come from.</summary>
internal enum FigureBasis
{
    /// <summary>The stored counts as they are (small cells shown): users with patient-data rights, inside the practice.</summary>
    Internal,

    /// <summary>Only what passed <see cref="SmallCellGate"/>: everyone else.</summary>
    Disclosed,
}

/// <summary>
/// The equity report of one stored run as one user may see it. For <see cref="FigureBasis.Disclosed"/>, the report is
/// built from the gate's output alone: each measure's one-way tables and crosses go through
/// <see cref="SmallCellGate.Disclose"/> together, and only the published cells (denominator and numerator) become counts
/// for <see cref="EquityReportBuilder"/>; suppressed cells are listed in <see cref="Suppressed"/> instead. Rates,
/// comparisons, indices and findings are therefore computed from published figures only.
/// </summary>
internal sealed class RunFigures
{
    private readonly HashSet<StratumKey> _suppressed;

    private RunFigures(EquityReport report, FigureBasis basis, HashSet<StratumKey> suppressed)
    {
        Report = report;
        Basis = basis;
        _suppressed = suppressed;
    }

    public EquityReport Report { get; }

    public FigureBasis Basis { get; }

    /// <summary>Cells withheld by the gate (empty for <see cref="FigureBasis.Internal"/>).</summary>
    public IReadOnlySet<StratumKey> Suppressed => _suppressed;

    public bool IsSuppressed(string measureId, string stratifierId, string category) =>
        _suppressed.Contains(new StratumKey(measureId, stratifierId, category));

    public bool IsOverallSuppressed(string measureId) => IsSuppressed(measureId, StratumKey.Overall, StratumKey.Overall);

    public MeasureSection? Section(string measureId) =>
        Report.Measures.FirstOrDefault(m => string.Equals(m.MeasureId, measureId, StringComparison.Ordinal));

    /// <summary>The figures of <paramref name="measures"/> in <paramref name="counts"/>, on <paramref name="basis"/>.</summary>
    public static RunFigures Of(EvaluationCounts counts, IReadOnlyList<Measure> measures, MeasurementPeriod period, DateOnly asOf,
        ReportOptions options, FigureBasis basis)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(options);
        if (basis == FigureBasis.Internal)
        {
            return new RunFigures(EquityReportBuilder.Build(counts, measures, Stratifiers.Standard, period, asOf, options), basis, []);
        }

        var suppressed = new HashSet<StratumKey>();
        var published = new List<KeyValuePair<StratumKey, StratumCounts>>();
        foreach (var measure in measures)
        {
            var release = SmallCellGate.Disclose(MeasureReportWriter.ToRelease(measure, counts, Stratifiers.Standard), options.Level, options.Method);
            Collect(measure.Id, StratumKey.Overall, StratumKey.Overall, release.Total, published, suppressed);
            foreach (var table in release.Tables)
            {
                var stratifierId = string.Join(CrossInfix, table.Stratifiers);
                foreach (var cell in table.Cells)
                {
                    Collect(measure.Id, stratifierId, CategoryOf(cell.Categories), cell, published, suppressed);
                }
            }
        }

        // Neither the patient count nor completeness is part of a release; the report carries neither.
        var disclosed = EvaluationCounts.FromCells(published, 0);
        return new RunFigures(EquityReportBuilder.Build(disclosed, measures, Stratifiers.Standard, period, asOf, options), basis, suppressed);
    }

    private const string CrossInfix = "-x-";

    private static void Collect(string measureId, string stratifierId, string category, DisclosedCell cell,
        List<KeyValuePair<StratumKey, StratumCounts>> published, HashSet<StratumKey> suppressed)
    {
        var key = new StratumKey(measureId, stratifierId, category);
        if (cell.Counts is not { } counts)
        {
            suppressed.Add(key);
            return;
        }

        // A combination nobody falls into is not a row of the report, as with the stored counts.
        if (counts.Denominator == 0 && stratifierId.Contains(CrossInfix, StringComparison.Ordinal))
        {
            return;
        }

        published.Add(KeyValuePair.Create(key, StratumCounts.FromValues(
            counts.Denominator, counts.Denominator, 0, counts.Numerator, 0, 0, 0, null)));
    }

    /// <summary>The report's category of a release cell: the category, or a cross's <c>"A × B"</c> (<c>Unknown</c> when both
    /// parts are, as <see cref="Stratifier.Cross"/> names it).</summary>
    private static string CategoryOf(IReadOnlyList<string> categories) => categories.Count switch
    {
        1 => categories[0],
        2 when categories[0] == Stratifier.Unknown && categories[1] == Stratifier.Unknown => Stratifier.Unknown,
        2 => categories[0] + Stratifier.CrossSeparator + categories[1],
        _ => throw new ArgumentException("A release cell has one or two categories.", nameof(categories)),
    };
}

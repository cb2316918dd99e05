using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Engine.Reporting;
using RadEquity.Engine.Statistics;
using RadEquity.Engine.Strata;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Dashboard;

/// <summary>One disparity index with what it means in a line.</summary>
internal sealed record DisparityIndex(string Name, string Value, string Explanation);

/// <summary>One stratifier of the measure page, with what its partials need.</summary>
internal sealed record StratifierView(MeasureModel Page, StratifierSection Section)
{
    public bool IsCross => Section.StratifierId.Contains("-x-", StringComparison.Ordinal);

    public bool IsSuppressed(string category) => Page.View!.Figures.IsSuppressed(Page.MeasureId, Section.StratifierId, category);

    /// <summary>The report's rows and, for suppressed cells (absent from a report built on published counts), a row with no
    /// figures, in the stratifier's order.</summary>
    public IReadOnlyList<StratumRow> Rows
    {
        get
        {
            var stratifier = Stratifiers.Find(Section.StratifierId);
            var withheld = Page.View!.Figures.Suppressed
                .Where(k => k.MeasureId == Page.MeasureId && k.StratifierId == Section.StratifierId)
                .Where(k => Section.Rows.All(r => r.Category != k.Category))
                .Select(k => new StratumRow(k.Category, 0, 0, 0, 0, double.NaN, Interval.Undefined, null, null, 0, 0, null, null));
            return Section.Rows.Concat(withheld)
                .OrderBy(r => stratifier?.IndexOf(r.Category) is { } i && i >= 0 ? i : int.MaxValue)
                .ThenBy(r => r.Category, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>Groups that can be the reference: known, with eligible patients, published.</summary>
    public IEnumerable<string> ReferenceChoices =>
        Section.Rows.Where(r => r.Eligible > 0 && !Figures.IsNotAGroup(r.Category) && !IsSuppressed(r.Category)).Select(r => r.Category);

    /// <summary>The group's rate in each period of the trend; null when the group is absent or suppressed then.</summary>
    public IEnumerable<(PeriodFigures Period, StratumRow? Row)> TrendOf(string category) =>
        Page.View!.Trend.Select(p => (p, p.Figures.IsSuppressed(Page.MeasureId, Section.StratifierId, category)
            ? null
            : p.Figures.Section(Page.MeasureId)?.Stratifiers
                .FirstOrDefault(s => s.StratifierId == Section.StratifierId)?.Rows
                .FirstOrDefault(r => r.Category == category && r.Eligible > 0)));

    public IReadOnlyList<DisparityIndex> Indices => Section.Summary is { } s ? IndicesOf(s) : [];

    public string PatientsLink(string category) =>
        $"/dashboard/measures/{Uri.EscapeDataString(Page.MeasureId)}/patients?stratifier={Uri.EscapeDataString(Section.StratifierId)}&category={Uri.EscapeDataString(category)}";

    private static List<DisparityIndex> IndicesOf(DisparitySummary s)
    {
        var indices = new List<DisparityIndex>
        {
            new("Population attributable gap", s.PopulationAttributableGapPeople is { } people ? $"{Figures.Count(people)} people" : "n/a",
                "How many more people would have met the measure if every group below the reference had reached the reference rate."),
            new("Population attributable risk", Figures.Points(s.PopulationAttributableRisk),
                "The reference rate minus the population rate: how far the whole population falls short of the reference."),
            new("Rate range difference", Figures.Points(s.RateRangeDifference), "The highest group rate minus the lowest."),
            new("Rate range ratio", Figures.Number(s.RateRangeRatio, "0.00"), "The highest group rate divided by the lowest (1 = no difference)."),
            new("Index of disparity (from the mean)", Figures.Number(s.IndexOfDisparityFromMean, "0.0") + "%",
                "The average distance of group rates from the population rate, as a percentage of it."),
            new("Index of disparity (from the reference)", Figures.Number(s.IndexOfDisparityFromReference, "0.0") + "%",
                "The average distance of the other groups' rates from the reference rate, as a percentage of it."),
            new("Between-group variance", Figures.Number(s.BetweenGroupVariance, "0.0000"),
                "The population-weighted spread of group rates around the population rate (0 = all equal)."),
            new("Theil index", Figures.Number(s.TheilIndex, "0.0000"),
                "How unevenly the measure is met across groups relative to their size (0 = evenly)."),
            new("Mean log deviation", Figures.Number(s.MeanLogDeviation, "0.0000"),
                "Like the Theil index, but more sensitive to groups far below the population rate."),
        };
        if (s.Ordered is { } o)
        {
            indices.Add(new("Slope index of inequality", Figures.Points(o.SlopeIndex),
                "The rate difference between the most and least disadvantaged ends of the ordered groups, from a weighted line."));
            indices.Add(new("Relative index of inequality", Figures.Number(o.RelativeIndex, "0.00"),
                "The slope index divided by the population rate."));
        }

        return indices;
    }
}

/// <summary>
/// <c>/dashboard/measures/{measureId}</c>: rates by each stratifier (charts with intervals and the table beside),
/// a reference-group selector, heat maps of the two crosses, disparity indices, trend per group, findings, the
/// population attributable gap and data completeness. Policy <see cref="Policies.Aggregates"/>; users without patient
/// rights see the small-cell gate's output only.
/// </summary>
[Authorize(Policy = Policies.Aggregates)]
internal sealed class MeasureModel(DashboardFigures dashboard) : PageModel
{
    [FromRoute]
    public string MeasureId { get; set; } = "";

    public DashboardView? View { get; private set; }

    public MeasureSection? Section { get; private set; }

    public ReportOptions Options { get; private set; } = new();

    /// <summary>The export links' query string: the same reference choices as the page.</summary>
    public string Query => ReferenceSelection.ToQuery(Options);

    public bool LinksToPatients => View?.Basis == FigureBasis.Internal;

    public IEnumerable<StratifierView> OneWay => Section!.Stratifiers.Select(s => new StratifierView(this, s)).Where(s => !s.IsCross);

    public IEnumerable<StratifierView> Crosses => Section!.Stratifiers.Select(s => new StratifierView(this, s)).Where(s => s.IsCross);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Options = ReferenceSelection.FromQuery(Request.Query);
        var basis = await dashboard.BasisOfAsync(User).ConfigureAwait(false);
        View = await dashboard.ReadAsync(basis, MeasureId, Options, withTrend: true, cancellationToken).ConfigureAwait(false);
        if (View?.Figures.Section(MeasureId) is not { } section)
        {
            View = null;
            return await dashboard.HasCompletedRunAsync(cancellationToken).ConfigureAwait(false) ? NotFound() : Page();
        }

        Section = section;
        return Page();
    }
}

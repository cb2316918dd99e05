using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Engine.Reporting;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Dashboard;

/// <summary>A group well below its reference, for the overview's plain-language flags.</summary>
internal sealed record GapFlag(string Stratifier, string Category, double Rate, string Reference, double ReferenceRate, double Difference)
{
    public string Sentence =>
        $"{Category} ({Stratifier}): {Figures.Percent(Rate)} against {Figures.Percent(ReferenceRate)} for {Reference}, " +
        $"{Figures.Points(Difference).TrimStart('−')} lower; the interval of the difference excludes zero.";
}

/// <summary>One measure on the overview: its current rate, its rate per period, and its largest gaps.</summary>
internal sealed record MeasureOverview(MeasureSection Section, bool IsSuppressed, IReadOnlyList<(PeriodFigures Period, StratumRow? Overall)> Trend,
    IReadOnlyList<GapFlag> LargestGaps);

/// <summary>
/// <c>/dashboard</c>: every measure of the latest completed run with its current rate, its trend over periods and its
/// largest gaps in words. Policy <see cref="Policies.Aggregates"/>; figures as <see cref="DashboardFigures"/> allows.
/// </summary>
[Authorize(Policy = Policies.Aggregates)]
internal sealed class IndexModel(DashboardFigures dashboard) : PageModel
{
    public const int GapsShown = 2;

    public DashboardView? View { get; private set; }

    public IReadOnlyList<MeasureOverview> Measures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var basis = await dashboard.BasisOfAsync(User).ConfigureAwait(false);
        View = await dashboard.ReadAsync(basis, null, new ReportOptions(), withTrend: true, cancellationToken).ConfigureAwait(false);
        if (View is null)
        {
            return;
        }

        Measures = View.Figures.Report.Measures.Select(m => new MeasureOverview(
            m,
            View.Figures.IsOverallSuppressed(m.MeasureId),
            View.Trend.Select(p => (p, p.Figures.IsOverallSuppressed(m.MeasureId) ? null : p.Figures.Section(m.MeasureId)?.Overall)).ToList(),
            LargestGaps(m))).ToList();
    }

    /// <summary>One-way stratifiers only (a cross repeats its parts' gaps); the widest significant shortfalls first.</summary>
    internal static IReadOnlyList<GapFlag> LargestGaps(MeasureSection measure) =>
        measure.Stratifiers
            .Where(s => !s.StratifierId.Contains("-x-", StringComparison.Ordinal) && s.Reference is not null)
            .SelectMany(s => s.Rows
                .Where(r => Figures.CompareOf(r, s.Reference) == Comparison.Lower)
                .Select(r => new GapFlag(s.Name, r.Category, r.Rate, s.Reference!,
                    s.Rows.First(x => x.Category == s.Reference).Rate, r.Difference!.Value.Value)))
            .OrderBy(g => g.Difference)
            .Take(GapsShown)
            .ToList();
}

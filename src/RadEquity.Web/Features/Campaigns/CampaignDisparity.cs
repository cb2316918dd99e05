using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Engine.Reporting;
using RadEquity.Engine.Statistics;
using RadEquity.Web.Features.Dashboard;
using RadEquity.Web.Features.Dashboard.Patients;

namespace RadEquity.Web.Features.Campaigns;

/// <summary>One stratum's rate and gap to the reference in one run; null where the run has no such group or the gate withheld it.</summary>
internal sealed record StratumRate(double Rate, Estimate? Difference, bool IsReference);

/// <summary>One stratum before (baseline run) and after (latest completed run); suppressed per side.</summary>
internal sealed record StratumChange(string Category, StratumRate? Before, bool BeforeSuppressed, StratumRate? After, bool AfterSuppressed);

/// <summary>The measure's disparity by one stratifier before and after a campaign.</summary>
internal sealed record DisparityChange(long? BeforeRunId, long? AfterRunId, string? BeforeReference, string? AfterReference,
    IReadOnlyList<StratumChange> Strata, DisparitySummary? BeforeSummary, DisparitySummary? AfterSummary);

/// <summary>
/// The campaign's measure before and after, per stratum of one stratifier: the rates, intervals, reference groups and
/// disparity summaries are the dashboard's own (<see cref="CompletedRunCache.FiguresAsync"/> on the gate's output,
/// <see cref="FigureBasis.Disclosed"/>), so cells under 11 stay suppressed and nothing is computed here.
/// </summary>
internal sealed class CampaignDisparity(StoreTarget store, TimeProvider time, CompletedRunCache cache)
{
    public async Task<DisparityChange> CompareAsync(string measureId, long? baselineRunId, string stratifierId, CancellationToken cancellationToken)
    {
        var runs = new MeasureRunStore(store, time);
        var before = baselineRunId is { } id ? await SectionAsync(runs, await runs.ReadRunAsync(id, cancellationToken).ConfigureAwait(false),
            measureId, stratifierId, cancellationToken).ConfigureAwait(false) : null;
        var latest = await runs.LatestCompletedRunAsync(cancellationToken).ConfigureAwait(false);
        var after = latest is not null && latest.Id != baselineRunId
            ? await SectionAsync(runs, latest, measureId, stratifierId, cancellationToken).ConfigureAwait(false)
            : null;
        var categories = new List<string>();
        foreach (var side in new[] { before, after })
        {
            if (side is not null)
            {
                categories.AddRange(side.Value.Section?.Rows.Select(r => r.Category) ?? []);
                categories.AddRange(side.Value.Figures.Suppressed.Where(k => k.MeasureId == measureId && k.StratifierId == stratifierId).Select(k => k.Category));
            }
        }

        var order = Engine.Strata.Stratifiers.Find(stratifierId);
        var strata = categories.Distinct(StringComparer.Ordinal)
            .OrderBy(c => order?.IndexOf(c) is { } i && i >= 0 ? i : int.MaxValue).ThenBy(c => c, StringComparer.Ordinal)
            .Select(c => new StratumChange(c, RateOf(before, c), before?.Figures.IsSuppressed(measureId, stratifierId, c) == true,
                RateOf(after, c), after?.Figures.IsSuppressed(measureId, stratifierId, c) == true))
            .ToList();
        return new DisparityChange(before?.RunId, after?.RunId, before?.Section?.Reference, after?.Section?.Reference, strata,
            before?.Section?.Summary, after?.Section?.Summary);
    }

    private static StratumRate? RateOf((long RunId, RunFigures Figures, StratifierSection? Section)? side, string category)
    {
        var row = side?.Section?.Rows.FirstOrDefault(r => r.Category == category && r.Eligible > 0);
        return row is null ? null : new StratumRate(row.Rate, row.Difference, row.Category == side!.Value.Section!.Reference);
    }

    private async Task<(long RunId, RunFigures Figures, StratifierSection? Section)?> SectionAsync(MeasureRunStore runs, MeasureRun? run,
        string measureId, string stratifierId, CancellationToken cancellationToken)
    {
        if (run is null || await cache.CountsAsync(run.Id, cancellationToken).ConfigureAwait(false) is not { } counts)
        {
            return null;
        }

        var measures = PatientEvidence.MeasuresOf(run).Where(m => m.Id == measureId).ToList();
        if (measures.Count == 0)
        {
            return null;
        }

        var figures = await cache.FiguresAsync(run, counts, measures, new ReportOptions(), FigureBasis.Disclosed, cancellationToken).ConfigureAwait(false);
        return (run.Id, figures, figures.Section(measureId)?.Stratifiers.FirstOrDefault(s => s.StratifierId == stratifierId));
    }
}

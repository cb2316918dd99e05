using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Reporting;
using RadEquity.Engine.Strata;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Dashboard.Patients;

namespace RadEquity.Web.Features.Dashboard;

/// <summary>One period of a trend: the latest completed run of that period, as the user may see it.</summary>
internal sealed record PeriodFigures(MeasurementPeriod Period, long RunId, RunFigures Figures);

/// <summary>A completed run, its counts (shared: read only) and its measures in report order.</summary>
internal sealed record DashboardRun(MeasureRun Run, EvaluationCounts Counts, IReadOnlyList<Measure> Measures);

/// <summary>What a dashboard page shows: the latest completed run, its completeness, and the trend over periods.</summary>
internal sealed record DashboardView(
    MeasureRun Run, IReadOnlyList<Measure> Measures, RunFigures Figures, CompletenessFigures Completeness, IReadOnlyList<PeriodFigures> Trend)
{
    public FigureBasis Basis => Figures.Basis;
}

/// <summary>
/// Reads the dashboard's figures from stored runs only (counts per stratum and completeness per source, a few hundred
/// rows per run): never a patient row, so pages cost the same for 1,000 or 1,000,000 patients.
/// </summary>
internal sealed class DashboardFigures(StoreTarget store, TimeProvider time, IAuthorizationService authorization, CompletedRunCache cache)
{
    /// <summary>Periods shown in a trend, the most recent ones.</summary>
    public const int TrendPeriods = 5;

    /// <summary>Internal figures only for users with patient-data rights (the <see cref="Policies.PatientData"/> policy).</summary>
    public async Task<FigureBasis> BasisOfAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, Policies.PatientData).ConfigureAwait(false)).Succeeded
            ? FigureBasis.Internal
            : FigureBasis.Disclosed;

    /// <summary>Whether any measure run has completed (pages say so instead of answering 404 before the first run).</summary>
    public async Task<bool> HasCompletedRunAsync(CancellationToken cancellationToken) =>
        await new MeasureRunStore(store, time).LatestCompletedRunAsync(cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The view of the latest completed run (all measures, or only <paramref name="measureId"/>); null when there is
    /// no completed run or the run has no such measure.</summary>
    public async Task<DashboardView?> ReadAsync(FigureBasis basis, string? measureId, ReportOptions options, bool withTrend,
        CancellationToken cancellationToken)
    {
        var runs = new MeasureRunStore(store, time);
        var current = await ReadCompletedAsync(cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }

        var measures = measureId is null
            ? current.Measures
            : current.Measures.Where(m => string.Equals(m.Id, measureId, StringComparison.Ordinal)).ToList();
        if (measures.Count == 0)
        {
            return null;
        }

        var definition = current.Run.Definition;
        var figures = await cache.FiguresAsync(current.Run, current.Counts, measures, options, basis, cancellationToken).ConfigureAwait(false);
        var trend = new List<PeriodFigures>();
        if (withTrend)
        {
            foreach (var run in (await runs.LatestCompletedRunPerPeriodAsync(cancellationToken).ConfigureAwait(false)).TakeLast(TrendPeriods))
            {
                if (run.Id == current.Run.Id)
                {
                    trend.Add(new PeriodFigures(definition.Period, run.Id, figures));
                    continue;
                }

                var inRun = measures.Where(m => run.Definition.MeasureIds.Contains(m.Id)).ToList();
                if (inRun.Count == 0 || await cache.CountsAsync(run.Id, cancellationToken).ConfigureAwait(false) is not { } counts)
                {
                    continue;
                }

                trend.Add(new PeriodFigures(run.Definition.Period, run.Id,
                    await cache.FiguresAsync(run, counts, inRun, options, basis, cancellationToken).ConfigureAwait(false)));
            }
        }

        return new DashboardView(current.Run, measures, figures, CompletenessFigures.Of(current.Counts.Completeness, basis), trend);
    }

    /// <summary>The latest completed run with its counts and measures (as <see cref="MeasureRunStore.ReadCompletedAsync"/>, with
    /// the counts read once per run and the measures compiled once); null when no run has completed.</summary>
    public async Task<DashboardRun?> ReadCompletedAsync(CancellationToken cancellationToken)
    {
        var run = await new MeasureRunStore(store, time).LatestCompletedRunAsync(cancellationToken).ConfigureAwait(false);
        return run is not null && await cache.CountsAsync(run.Id, cancellationToken).ConfigureAwait(false) is { } counts
            ? new DashboardRun(run, counts, PatientEvidence.MeasuresOf(run))
            : null;
    }
}

/// <summary>The reference group chosen per stratifier, from the query string (<c>ref-payer=Private</c>), so that every view
/// and its exports can be linked.</summary>
internal static class ReferenceSelection
{
    public const string Prefix = "ref-";

    public static ReportOptions FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stratifier in Stratifiers.Standard)
        {
            if (query.TryGetValue(Prefix + stratifier.Id, out var value) && !string.IsNullOrWhiteSpace(value.ToString()))
            {
                references[stratifier.Id] = value.ToString();
            }
        }

        return new ReportOptions { ReferenceGroups = references };
    }

    /// <summary>The query string (with <c>?</c>, or empty) that reproduces <paramref name="options"/>' choices.</summary>
    public static string ToQuery(ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.ReferenceGroups.Count == 0
            ? ""
            : "?" + string.Join("&", options.ReferenceGroups.Select(r => Uri.EscapeDataString(Prefix + r.Key) + "=" + Uri.EscapeDataString(r.Value)));
    }
}

internal static class DashboardServices
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) =>
        services.AddScoped<DashboardFigures>().AddSingleton<CompletedRunCache>();
}

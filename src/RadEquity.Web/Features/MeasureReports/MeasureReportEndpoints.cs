using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Engine.Disclosure;
using RadEquity.Engine.Strata;
using RadEquity.Interop.Fhir;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.MeasureReports;

/// <summary>
/// <c>GET /api/measure-reports/{measureId}</c>: the FHIR MeasureReport (summary) of the latest completed measure run
/// (or <c>?run=ID</c>), as <c>application/fhir+json</c>. Policy <see cref="Policies.Aggregates"/> (every role): the API
/// serves only the de-identified report, every count through the small-cell gate (ARCHITECTURE idea 5).
/// </summary>
internal static class MeasureReportEndpoints
{
    public const string FhirJson = "application/fhir+json";

    public static IEndpointRouteBuilder MapMeasureReports(this IEndpointRouteBuilder endpoints)
    {
        var reports = endpoints.MapGroup("/api/measure-reports").RequireAuthorization(Policies.Aggregates);
        reports.MapGet("", ListAsync);
        reports.MapGet("/{measureId}", GetAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(StoreTarget store, TimeProvider time, CancellationToken cancellationToken)
    {
        var run = await new MeasureRunStore(store, time).LatestCompletedRunAsync(cancellationToken).ConfigureAwait(false);
        return run is null
            ? Results.NotFound(new { error = "No completed measure run yet." })
            : Results.Ok(new
            {
                run = run.Id,
                period = new { start = run.Definition.Period.Start, end = run.Definition.Period.End },
                asOf = run.Definition.AsOf,
                measures = run.Definition.MeasureIds.Select(id => new { id, href = "/api/measure-reports/" + id }),
            });
    }

    private static async Task<IResult> GetAsync(string measureId, long? run, StoreTarget store, TimeProvider time, CancellationToken cancellationToken)
    {
        var completed = await new MeasureRunStore(store, time).ReadCompletedAsync(run, cancellationToken).ConfigureAwait(false);
        if (completed is null)
        {
            return Results.NotFound(new { error = "No completed measure run." });
        }

        if (completed.Measures.FirstOrDefault(m => m.Id == measureId) is not { } measure)
        {
            return Results.NotFound(new { error = $"Measure '{measureId}' is not in run {completed.Run.Id}." });
        }

        var release = SmallCellGate.Disclose(MeasureReportWriter.ToRelease(measure, completed.Counts, Stratifiers.Standard));
        var report = MeasureReportWriter.CreateDeidentified(measure, release, completed.Run.Definition.Period, time.GetUtcNow());
        return Results.Text(MeasureReportWriter.ToJson(report), FhirJson);
    }
}

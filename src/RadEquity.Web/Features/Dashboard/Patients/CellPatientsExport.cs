using System.Globalization;
using System.Text;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Data.Model;
using RadEquity.Engine.Strata;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;

namespace RadEquity.Web.Features.Dashboard.Patients;

/// <summary>
/// <c>GET /dashboard/measures/{measureId}/patients/export.csv</c>: the whole list behind a stratum (not one page) as CSV,
/// for a navigator's own tools. Patient data: same roles as the list page, and the export is audited before it is sent.
/// </summary>
internal static class CellPatientsExport
{
    private const int Chunk = 5000;

    public static IEndpointRouteBuilder MapCellPatientsExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dashboard/measures/{measureId}/patients/export.csv", ExportAsync).RequireAuthorization(Policies.PatientData);
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(string measureId, string? stratifier, string? category, long? run, HttpContext http,
        StoreTarget store, TimeProvider time, AuditTrail audit, CompletedRunCache cache, CancellationToken cancellationToken)
    {
        var (shown, problem) = await PatientEvidence.ReadRunAsync(store, time, run, cancellationToken);
        if (shown is null)
        {
            return Results.NotFound(problem);
        }

        var measure = PatientEvidence.Find(measureId);
        if (measure is null || stratifier is null || category is null || Stratifiers.Find(stratifier) is null
            || !shown.Definition.MeasureIds.Contains(measureId) || RunStrata.Contains(stratifier, category) is not { } inStratum)
        {
            return Results.NotFound();
        }

        await audit.RecordAsync(http, AuditAction.Export, "patient-list", $"run {shown.Id} {measureId} {stratifier}={category}", cancellationToken);
        var runs = new MeasureRunStore(store, time);
        var c = CultureInfo.InvariantCulture;
        var csv = new StringBuilder("source,patient_id,measure,run,gap_status,due_date,overdue\n");
        // The same list, in the same order, as the page shows (CompletedRunCache), read in chunks.
        var patients = (await cache.GapPatientsAsync(shown.Id, measureId, cancellationToken)).Where(inStratum).ToList();
        foreach (var chunk in patients.Chunk(Chunk))
        {
            foreach (var o in await runs.ReadGapOutcomesAsync(shown.Id, measureId, chunk, cancellationToken))
            {
                var overdue = o.Result.DueDate is { } due && due < shown.Definition.AsOf;
                csv.Append(c, $"{Quote(o.Source)},{Quote(o.PatientId)},{measureId},{shown.Id},{o.Result.Gap.ToString().ToLowerInvariant()},")
                    .Append(c, $"{o.Result.DueDate?.ToString("yyyy-MM-dd", c)},{(overdue ? "yes" : "no")}\n");
            }
        }

        var name = $"{measureId}-{Safe(stratifier)}-{Safe(category)}-patients.csv";
        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", name);
    }

    // Quotes fields that could break the row, and neutralises spreadsheet formulas (CSV injection).
    private static string Quote(string field)
    {
        var text = field.Length > 0 && "=+-@".Contains(field[0], StringComparison.Ordinal) ? "'" + field : field;
        return text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string Safe(string text) => new(text.Select(ch => char.IsAsciiLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '-').ToArray());
}

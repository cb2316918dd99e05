using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Audit;

/// <summary>
/// The audit slice: <see cref="AuditTrail"/> for the pages that show patient data, the administrators' page
/// (<c>/admin/audit</c>) and its CSV export (<c>/admin/audit/export.csv</c>), which is itself audited.
/// </summary>
internal static class AuditLog
{
    public const string ExportPath = "/admin/audit/export.csv";

    /// <summary>What an export of the audit log is recorded as.</summary>
    public const string AuditLogExportWhat = "audit-log:csv";

    /// <summary>What reading the audit log page is recorded as.</summary>
    public const string AuditLogViewWhat = "audit-log";

    private static readonly string[] CsvColumns =
        ["id", "occurred_at", "user_id", "user_name", "roles", "action", "what", "subject", "client_address", "user_agent"];

    public static IServiceCollection AddAuditLog(this IServiceCollection services) =>
        services.AddScoped<AuditTrail>().AddSingleton<AuditWriteGate>();

    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, ExportAsync).RequireAuthorization(Policies.Administration);
        return endpoints;
    }

    private static async Task ExportAsync(
        HttpContext context, [AsParameters] AuditFilter filter, RadEquityDbContext db, AuditTrail trail, TimeProvider time, CancellationToken cancellationToken)
    {
        // Recorded first, so the export is in the log (and in the file) even if the download is cut short.
        await trail.RecordAsync(context, AuditAction.Export, AuditLogExportWhat, filter.ToQuery(), cancellationToken).ConfigureAwait(false);

        var day = time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"radequity-audit-{day}.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteAsync(string.Join(',', CsvColumns) + "\r\n").ConfigureAwait(false);
        var rows = filter.Apply(db.AuditEvents).OrderBy(e => e.Id).AsAsyncEnumerable();
        await foreach (var e in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteAsync(CsvLine(e)).ConfigureAwait(false);
        }
    }

    internal static string CsvLine(AuditEventRow e) => string.Join(',',
        e.Id.ToString(CultureInfo.InvariantCulture),
        e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        CsvField(e.UserId), CsvField(e.UserName), CsvField(e.Roles), CsvField(e.Action), CsvField(e.What),
        CsvField(e.Subject), CsvField(e.ClientAddress), CsvField(e.UserAgent)) + "\r\n";

    // RFC 4180 quoting; a leading = + - @ (or tab, CR) is prefixed with ' so a spreadsheet shows the user agent or
    // subject a caller sent as text instead of running it as a formula.
    internal static string CsvField(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

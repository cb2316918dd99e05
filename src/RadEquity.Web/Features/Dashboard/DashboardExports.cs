using System.Globalization;
using System.Text;
using RadEquity.Engine.Disclosure;
using RadEquity.Engine.Reporting;
using RadEquity.Engine.Strata;
using RadEquity.Interop.Fhir;
using RadEquity.Interop.Reports;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.MeasureReports;

namespace RadEquity.Web.Features.Dashboard;

/// <summary>
/// The dashboard's exports, policy <see cref="Policies.Aggregates"/>: a measure view as CSV and as a FHIR MeasureReport,
/// and the HTML report. Users without patient rights get the small-cell gate's output only (the de-identified
/// MeasureReport, the suppressed CSV and HTML); users with them get the internal figures, marked as such.
/// </summary>
internal static class DashboardExports
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints)
    {
        var dashboard = endpoints.MapGroup("/dashboard").RequireAuthorization(Policies.Aggregates);
        dashboard.MapGet("/measures/{measureId}/export.csv", CsvAsync);
        dashboard.MapGet("/measures/{measureId}/measure-report.json", MeasureReportAsync);
        dashboard.MapGet("/report.html", HtmlAsync);
        return endpoints;
    }

    private static async Task<IResult> CsvAsync(string measureId, HttpContext http, DashboardFigures dashboard, CancellationToken cancellationToken)
    {
        var basis = await dashboard.BasisOfAsync(http.User).ConfigureAwait(false);
        var view = await dashboard.ReadAsync(basis, measureId, ReferenceSelection.FromQuery(http.Request.Query), withTrend: false, cancellationToken)
            .ConfigureAwait(false);
        if (view?.Figures.Section(measureId) is not { } section)
        {
            return Results.NotFound();
        }

        return Results.File(Encoding.UTF8.GetBytes(MeasureCsv.Write(view, section)), "text/csv; charset=utf-8",
            $"radequity-{measureId}-run{view.Run.Id}.csv");
    }

    private static async Task<IResult> MeasureReportAsync(string measureId, bool? deidentified, HttpContext http, DashboardFigures dashboard,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var completed = await dashboard.ReadCompletedAsync(cancellationToken).ConfigureAwait(false);
        if (completed?.Measures.FirstOrDefault(m => m.Id == measureId) is not { } measure)
        {
            return Results.NotFound();
        }

        var basis = await dashboard.BasisOfAsync(http.User).ConfigureAwait(false);
        var period = completed.Run.Definition.Period;
        var report = basis == FigureBasis.Internal && deidentified != true
            ? MeasureReportWriter.Create(measure, completed.Counts, Stratifiers.Standard, period, time.GetUtcNow())
            : MeasureReportWriter.CreateDeidentified(measure,
                SmallCellGate.Disclose(MeasureReportWriter.ToRelease(measure, completed.Counts, Stratifiers.Standard)), period, time.GetUtcNow());
        return Results.Text(MeasureReportWriter.ToJson(report), MeasureReportEndpoints.FhirJson);
    }

    private static async Task<IResult> HtmlAsync(HttpContext http, DashboardFigures dashboard, CompletedRunCache cache, CancellationToken cancellationToken)
    {
        var basis = await dashboard.BasisOfAsync(http.User).ConfigureAwait(false);
        var options = ReferenceSelection.FromQuery(http.Request.Query);
        var view = await dashboard.ReadAsync(basis, null, options, withTrend: false, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            return Results.NotFound();
        }

        // A megabyte at 1,000,000 patients, the same for every request on the same run, basis and references.
        return Results.Content(await cache.ReportHtmlAsync(view, options, WriteHtml, cancellationToken).ConfigureAwait(false), "text/html; charset=utf-8");
    }

    private static string WriteHtml(DashboardView view)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        if (view.Basis == FigureBasis.Internal)
        {
            HtmlReport.Write(view.Figures.Report, writer);
        }
        else
        {
            SuppressedHtmlReport.Write(view, writer);
        }

        return writer.ToString();
    }
}

/// <summary>One measure view as CSV: the overall row, then every stratum of every stratifier (crosses included).</summary>
internal static class MeasureCsv
{
    private static readonly string[] Header =
    [
        "figures", "run", "period_start", "period_end", "measure", "stratifier", "category", "suppressed", "eligible", "numerator", "rate",
        "ci_lower", "ci_upper", "reference", "difference", "difference_lower", "difference_upper", "ratio",
    ];

    public static string Write(DashboardView view, MeasureSection section)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(section);
        var csv = new StringBuilder();
        csv.Append(string.Join(",", Header)).Append("\r\n");
        var basis = view.Basis == FigureBasis.Internal ? "internal (for use inside the practice)" : "suppressed";
        var period = view.Run.Definition.Period;
        void Row(string stratifier, string category, string? reference, StratumRow? row, bool suppressed)
        {
            string F(double value) => double.IsNaN(value) ? "" : value.ToString("0.######", CultureInfo.InvariantCulture);
            string[] fields = suppressed || row is null
                ? [basis, Id(view.Run.Id), Date(period.Start), Date(period.End), section.MeasureId, stratifier, category, "true", "", "", "", "", "",
                    reference ?? "", "", "", "", ""]
                : [basis, Id(view.Run.Id), Date(period.Start), Date(period.End), section.MeasureId, stratifier, category, "false",
                    Id(row.Eligible), Id(row.Numerator), F(row.Rate), F(row.Interval.Lower), F(row.Interval.Upper), reference ?? "",
                    row.Difference is { } d ? F(d.Value) : "", row.Difference is { } dl ? F(dl.Interval.Lower) : "",
                    row.Difference is { } du ? F(du.Interval.Upper) : "", row.Ratio is { } r ? F(r.Value) : ""];
            csv.Append(string.Join(",", fields.Select(Quote))).Append("\r\n");
        }

        Row("overall", "overall", null, section.Overall, view.Figures.IsOverallSuppressed(section.MeasureId));
        foreach (var stratifier in section.Stratifiers)
        {
            foreach (var row in stratifier.Rows)
            {
                Row(stratifier.StratifierId, row.Category, stratifier.Reference, row, false);
            }

            foreach (var key in view.Figures.Suppressed.Where(k => k.MeasureId == section.MeasureId && k.StratifierId == stratifier.StratifierId)
                         .OrderBy(k => k.Category, StringComparer.Ordinal))
            {
                Row(stratifier.StratifierId, key.Category, stratifier.Reference, null, true);
            }
        }

        return csv.ToString();
    }

    private static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 || field.StartsWith('=') || field.StartsWith('+') || field.StartsWith('-') || field.StartsWith('@')
            ? "\"" + (field.StartsWith('=') || field.StartsWith('+') || field.StartsWith('@') ? "'" : "") + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
}

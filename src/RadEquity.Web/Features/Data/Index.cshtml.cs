using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data;
using RadEquity.Data.Ingest;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Jobs;

namespace RadEquity.Web.Features.Data;

/// <summary>
/// The Data page: what is loaded, every ingest run, the quarantine with its reasons, upload of FHIR and CSV files
/// (ingested in the background, with progress), and the ZIP tables that rurality and deprivation use. It shows counts
/// and locations of problems only (file, line, field, reason), never a record's content.
/// </summary>
[Authorize(Policy = Policies.DataManagement)]
[RequestSizeLimit(Uploads.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = Uploads.MaxBytes)]
internal sealed class IndexModel(StoreOverview overview, IngestHistory history, JobQueue jobs, Uploads uploads, AreaTables areas)
    : PageModel
{
    internal const int PageSize = 20;

    public StoreSnapshot Snapshot { get; private set; } = null!;

    public Paged<IngestRunEntry> Runs { get; private set; } = null!;

    public Paged<QuarantineEntry> Quarantine { get; private set; } = null!;

    public IReadOnlyList<JobSnapshot> Jobs { get; private set; } = [];

    public int RucaZips { get; private set; }

    public int DeprivationZips { get; private set; }

    /// <summary>Only this ingest run's quarantine, when given.</summary>
    [BindProperty(SupportsGet = true, Name = "run")]
    public long? RunFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "runs-page")]
    public int RunsPage { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "quarantine-page")]
    public int QuarantinePage { get; set; } = 1;

    /// <summary>The job just started, to announce.</summary>
    [BindProperty(SupportsGet = true, Name = "job")]
    public Guid? StartedJob { get; set; }

    [BindProperty]
    public string? Source { get; set; } = "upload";

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    [BindProperty]
    public AreaTable Table { get; set; }

    [BindProperty]
    public IFormFile? TableFile { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        foreach (var problem in Uploads.Check(Source, Files))
        {
            ModelState.AddModelError(nameof(Files), problem);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var job = await uploads.StageAsync(Source!, Files, User.Identity?.Name ?? "unknown", cancellationToken);
        return RedirectToPage(new { job = job.Id });
    }

    public async Task<IActionResult> OnPostAreaTableAsync(CancellationToken cancellationToken)
    {
        if (TableFile is null || TableFile.Length == 0)
        {
            ModelState.AddModelError(nameof(TableFile), "ZIP table: choose a CSV file.");
        }
        else
        {
            try
            {
                await using var content = TableFile.OpenReadStream();
                var zips = await areas.ReplaceAsync(Table, content, Path.GetFileName(TableFile.FileName), cancellationToken);
                Notice = $"The {(Table == AreaTable.Ruca ? "RUCA" : "deprivation")} table now maps {zips:N0} ZIP codes; the next measure run uses it.";
                return RedirectToPage(null, null, null, "zip-tables");
            }
            catch (InvalidDataException e)
            {
                ModelState.AddModelError(nameof(TableFile), e.Message + " The table in use is unchanged.");
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        RunsPage = Math.Max(1, RunsPage);
        QuarantinePage = Math.Max(1, QuarantinePage);
        Snapshot = await overview.ReadAsync(0, cancellationToken);
        Runs = await history.ReadRunsAsync((RunsPage - 1) * PageSize, PageSize, cancellationToken);
        Quarantine = await history.ReadQuarantineAsync(RunFilter, (QuarantinePage - 1) * PageSize, PageSize, cancellationToken);
        Jobs = jobs.Recent(Uploads.JobKind);
        try
        {
            var lookup = areas.Load();
            (RucaZips, DeprivationZips) = (lookup.RucaZipCount, lookup.DeprivationZipCount);
        }
        catch (InvalidDataException e)
        {
            ModelState.AddModelError(nameof(TableFile), e.Message);
        }
    }

    /// <summary>This page's URL with one query value changed (the others kept).</summary>
    public string With(string name, object? value)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["run"] = RunFilter?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["runs-page"] = RunsPage > 1 ? RunsPage.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ["quarantine-page"] = QuarantinePage > 1 ? QuarantinePage.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        query[name] = value is null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        var parts = query.Where(p => p.Value is not null).Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!));
        return "/data" + (parts.Any() ? "?" + string.Join("&", parts) : "");
    }
}

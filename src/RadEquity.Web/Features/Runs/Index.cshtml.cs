using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Ingest;
using RadEquity.Data.Measures;
using RadEquity.Engine.Measures;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Data;
using RadEquity.Web.Features.Jobs;

namespace RadEquity.Web.Features.Runs;

/// <summary>The Runs page: run the measures for a period in the background, with progress, and every run so far.</summary>
[Authorize(Policy = Policies.DataManagement)]
internal sealed class IndexModel(MeasureRunHistory history, MeasureRunJobs runs, JobQueue jobs, AreaTables areas, TimeProvider time) : PageModel
{
    internal const int PageSize = 20;

    public Paged<MeasureRun> History { get; private set; } = null!;

    public IReadOnlyList<JobSnapshot> Jobs { get; private set; } = [];

    public bool HasAreaTables { get; private set; }

    [BindProperty(SupportsGet = true, Name = "history-page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "job")]
    public Guid? StartedJob { get; set; }

    /// <summary>The calendar year measured.</summary>
    [BindProperty]
    [Range(2000, 2100, ErrorMessage = "Measurement year: a year from 2000 to 2100.")]
    public int Year { get; set; }

    /// <summary>The date care gaps are computed as of (default: today).</summary>
    [BindProperty]
    [DataType(DataType.Date)]
    public DateOnly? AsOf { get; set; }

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Year = Today.Year - 1;
        AsOf = Today;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var asOf = AsOf ?? Today;
        if (ModelState.IsValid && asOf < new DateOnly(Year, 1, 1))
        {
            ModelState.AddModelError(nameof(AsOf), "Gaps as of: a date on or after the start of the measurement year.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var period = new MeasurementPeriod(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31));
        var job = runs.Start(period, asOf, User.Identity?.Name ?? "unknown");
        return RedirectToPage(new { job = job.Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        History = await history.ReadAsync((PageNumber - 1) * PageSize, PageSize, cancellationToken);
        Jobs = jobs.Recent(MeasureRunJobs.JobKind);
        try
        {
            var lookup = areas.Load();
            HasAreaTables = lookup.RucaZipCount > 0 && lookup.DeprivationZipCount > 0;
        }
        catch (InvalidDataException)
        {
            HasAreaTables = false;
        }
    }
}

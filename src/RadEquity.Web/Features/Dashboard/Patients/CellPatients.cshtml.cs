using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Data.Model;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;

namespace RadEquity.Web.Features.Dashboard.Patients;

/// <summary>
/// The patients behind one stratum of a measure: those in the denominator who are not screened or not followed up,
/// with the gap and its due date, earliest due first. Patient data: Analysts and Navigators (and Admins); every view
/// is audited before anything is shown.
/// </summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class CellPatientsModel(StoreTarget store, TimeProvider time, AuditTrail audit) : PageModel
{
    /// <summary>Patients per page.</summary>
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string MeasureId { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Stratifier { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Category { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public long? Run { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Measure? Measure { get; private set; }

    public Stratifier? StratifierShown { get; private set; }

    public MeasureRun? RunShown { get; private set; }

    public CellPatients? Patients { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var runs = new MeasureRunStore(store, time);
        var run = Run is { } id ? await runs.ReadRunAsync(id, cancellationToken) : await runs.LatestCompletedRunAsync(cancellationToken);
        if (run is null || run.Status != MeasureRunStatus.Completed)
        {
            // Not an error on a new install: the page says so (Runs measures the store).
            Problem = Run is null ? "No measure run has completed yet." : "That measure run did not complete.";
            return Page();
        }

        RunShown = run;
        Measure = MeasureSet.Standard(PatientEvidence.Codes, new MeasureOptions()).FirstOrDefault(m => m.Id == MeasureId);
        StratifierShown = Stratifiers.Find(Stratifier);
        if (Measure is null || StratifierShown is null || !run.Definition.MeasureIds.Contains(MeasureId))
        {
            return NotFound();
        }

        await audit.RecordAsync(HttpContext, AuditAction.View, "patient-list",
            $"run {run.Id} {MeasureId} {Stratifier}={Category} page {PageNumber}", cancellationToken);
        Patients = await runs.ReadCellPatientsAsync(run.Id, MeasureId, Stratifier, Category, (PageNumber - 1) * PageSize, PageSize,
            cancellationToken);
        return Patients is null ? NotFound() : Page();
    }
}

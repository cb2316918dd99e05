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
internal sealed class CellPatientsModel(StoreTarget store, TimeProvider time, AuditTrail audit, CompletedRunCache runs) : PageModel
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

    // "p", not "page": Razor Pages' own route value "page" (the page's name) is bound first and would hide the query's.
    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Measure? Measure { get; private set; }

    public Stratifier? StratifierShown { get; private set; }

    public MeasureRun? RunShown { get; private set; }

    public CellPatients? Patients { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var (run, problem) = await PatientEvidence.ReadRunAsync(store, time, Run, cancellationToken);
        if (run is null)
        {
            Problem = problem;
            return Page();
        }

        RunShown = run;
        Measure = PatientEvidence.Find(MeasureId);
        StratifierShown = Stratifiers.Find(Stratifier);
        if (Measure is null || StratifierShown is null || !run.Definition.MeasureIds.Contains(MeasureId))
        {
            return NotFound();
        }

        await audit.RecordAsync(HttpContext, AuditAction.View, "patient-list",
            $"run {run.Id} {MeasureId} {Stratifier}={Category} page {PageNumber}", cancellationToken);
        // The measure's open gaps in list order are read once per run (CompletedRunCache); the store pages a stratum of them.
        Patients = await new MeasureRunStore(store, time).ReadCellPatientsAsync(run.Id, MeasureId,
            await runs.GapPatientsAsync(run.Id, MeasureId, cancellationToken), Stratifier, Category, (PageNumber - 1L) * PageSize, PageSize,
            cancellationToken);
        return Patients is null ? NotFound() : Page();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Data.Model;
using RadEquity.Engine.Measures;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;

namespace RadEquity.Web.Features.Dashboard.Patients;

/// <summary>
/// One patient's outcome on one measure for a run's period and as-of date, with the evidence behind it: which
/// resources satisfied or failed which criterion. Computed from the stored facts by the same code that counted the
/// run. Patient data; every view is audited.
/// </summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class PatientOutcomeModel(StoreTarget store, TimeProvider time, AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Source { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string PatientId { get; set; } = "";

    [BindProperty(Name = "measure", SupportsGet = true)]
    public string MeasureId { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public long? Run { get; set; }

    public MeasureRun? RunShown { get; private set; }

    public Measure? Measure { get; private set; }

    public MeasureOutcome? Outcome { get; private set; }

    /// <summary>Why there is nothing to show (no completed run), or null.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (run, problem) = await PatientEvidence.ReadRunAsync(store, time, Run, cancellationToken);
        if (run is null)
        {
            Problem = problem;
            return Page();
        }

        Measure = PatientEvidence.Find(MeasureId);
        if (Measure is null)
        {
            return NotFound();
        }

        // Audited before the facts are read: a failed audit write shows nothing.
        await audit.RecordAsync(HttpContext, AuditAction.View, "patient", $"{Source}/Patient/{PatientId} {MeasureId} run {run.Id}", cancellationToken);
        var load = await PatientRecordReader.ReadAsync(store, PatientEvidence.Codes, PatientSelection.ForPatient(PatientId, Source), cancellationToken);
        var record = load.Patients.FirstOrDefault(p => p.PatientId == PatientId && p.Source == Source);
        if (record is null)
        {
            return NotFound();
        }

        RunShown = run;
        Outcome = Measure.Explain(record, new MeasureContext(run.Definition.Period, PatientEvidence.Codes, run.Definition.AsOf, PatientEvidence.Options));
        return Page();
    }
}

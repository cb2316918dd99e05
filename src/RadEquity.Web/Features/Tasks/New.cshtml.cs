using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;
using RadEquity.Web.Features.Coalition;

namespace RadEquity.Web.Features.Tasks;

/// <summary><c>/tasks/new</c>: hand a patient's care gap to a colleague, or tell the referring clinician.</summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class NewModel(RadEquityDbContext db, UserManager<RadEquityUser> users, HubMail mail, AuditTrail audit, TimeProvider time,
    IConfiguration configuration) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [Required(ErrorMessage = "Source: required.")]
    public string Source { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "patient")]
    [Required(ErrorMessage = "Patient: required.")]
    public string PatientId { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "measure")]
    public string? MeasureId { get; set; }

    [BindProperty]
    public string Kind { get; set; } = CareTaskKind.NavigatorHandOff;

    [BindProperty]
    public string? AssignedTo { get; set; }

    [BindProperty]
    [StringLength(CareTaskRow.NameLength, ErrorMessage = "Clinician's name: at most 200 characters.")]
    public string? ClinicianName { get; set; }

    [BindProperty]
    [EmailAddress(ErrorMessage = "Clinician's e-mail address: not an e-mail address.")]
    [StringLength(CareTaskRow.EmailLength)]
    public string? ClinicianEmail { get; set; }

    [BindProperty]
    [DataType(DataType.Date)]
    public DateOnly? DueDate { get; set; }

    [BindProperty]
    [StringLength(CareTaskRow.NoteLength, ErrorMessage = "Note: at most 2,000 characters.")]
    public string? Note { get; set; }

    public IReadOnlyList<RadEquityUser> Assignees { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await PatientExistsAsync(cancellationToken))
        {
            return NotFound();
        }

        Assignees = await CareTasks.AssigneesAsync(users);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Assignees = await CareTasks.AssigneesAsync(users);
        if (!CareTaskKind.All.Contains(Kind))
        {
            ModelState.AddModelError(nameof(Kind), "Kind: choose one of the listed tasks.");
        }
        else if (Kind == CareTaskKind.ClinicianNotice)
        {
            if (string.IsNullOrWhiteSpace(ClinicianName) || string.IsNullOrWhiteSpace(ClinicianEmail))
            {
                ModelState.AddModelError(nameof(ClinicianEmail), "A notice needs the clinician's name and e-mail address.");
            }
        }
        else if (AssignedTo is null || Assignees.All(u => u.Id != AssignedTo))
        {
            ModelState.AddModelError(nameof(AssignedTo), "Assign to: choose a colleague from the list.");
        }

        if (!ModelState.IsValid || !await PatientExistsAsync(cancellationToken))
        {
            return ModelState.IsValid ? NotFound() : Page();
        }

        var task = new CareTaskRow
        {
            Source = Source,
            PatientId = PatientId,
            MeasureId = string.IsNullOrWhiteSpace(MeasureId) ? null : MeasureId,
            Kind = Kind,
            AssignedTo = Kind == CareTaskKind.ClinicianNotice ? null : AssignedTo,
            ClinicianName = Kind == CareTaskKind.ClinicianNotice ? ClinicianName!.Trim() : null,
            ClinicianEmail = Kind == CareTaskKind.ClinicianNotice ? ClinicianEmail!.Trim() : null,
            DueDate = DueDate,
            Note = Note?.Trim() ?? "",
            CreatedBy = users.GetUserId(User)!,
            CreatedAt = time.GetUtcNow(),
        };
        db.CareTasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(HttpContext, AuditAction.View, "care-task", $"{Source}/Patient/{PatientId} {CareTasks.Reference(task)}", cancellationToken);
        if (Kind == CareTaskKind.ClinicianNotice)
        {
            // Sent after the task is stored, so the reference in the mail exists; a failed send leaves the task open to
            // retry by phone and says so on the list.
            var outcome = await mail.SendAsync(CareTasks.ClinicianNotice(task, configuration["RadEquity:Practice:Name"] ?? "the imaging practice"),
                "clinician notice " + CareTasks.Reference(task), cancellationToken);
            if (outcome == MailOutcome.Sent)
            {
                task.Status = CareTaskStatus.Done;
                task.ClosedAt = time.GetUtcNow();
                task.ClosedBy = task.CreatedBy;
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return Redirect("/tasks?view=created");
    }

    private Task<bool> PatientExistsAsync(CancellationToken cancellationToken) =>
        db.Patients.AnyAsync(p => p.Source == Source && p.PatientId == PatientId, cancellationToken);
}

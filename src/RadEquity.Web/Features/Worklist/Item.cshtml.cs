using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;

namespace RadEquity.Web.Features.Worklist;

/// <summary>
/// One work item: its score in parts, barriers and channels, its status and notes (which survive re-syncs), and the
/// log of contact attempts. Patient data: every view is audited before anything is shown.
/// </summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class ItemModel(RadEquityDbContext db, TimeProvider time, AuditTrail audit, IMissRiskScorer risk,
    UserManager<RadEquityUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public WorkItemRow? Item { get; private set; }

    public PriorityScore? Score { get; private set; }

    public IReadOnlyList<string> ItemBarriers { get; private set; } = [];

    public IReadOnlyList<ContactAttemptRow> Attempts { get; private set; } = [];

    public string? ActiveModel { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var item = await db.WorkItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == Id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        await audit.RecordAsync(HttpContext, AuditAction.View, "work-item", $"{item.Source}/Patient/{item.PatientId} {item.MeasureId} item {item.Id}",
            cancellationToken);
        Item = item;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var risks = await risk.ScoreAsync([item], today, cancellationToken);
        ActiveModel = risks.Model;
        Score = PriorityScore.Of(item, today, risks.Of(item.Id));
        ItemBarriers = Barriers.Of(item);
        Attempts = await db.ContactAttempts.AsNoTracking().Where(a => a.WorkItemId == Id)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>Sets the status and notes a navigator keeps for the item.</summary>
    public async Task<IActionResult> OnPostStatusAsync(string status, string? notes, CancellationToken cancellationToken)
    {
        if (!WorkItemStatus.All.Contains(status) || (notes?.Length ?? 0) > WorkItemRow.NotesLength)
        {
            return BadRequest();
        }

        var item = await db.WorkItems.SingleOrDefaultAsync(i => i.Id == Id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        item.Status = status;
        item.Notes = notes?.Trim() ?? "";
        item.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { Id });
    }

    /// <summary>Logs a contact attempt; its outcome moves a new item to contacted, and to scheduled or declined when it says so.</summary>
    public async Task<IActionResult> OnPostAttemptAsync(string channel, string outcome, string? note, CancellationToken cancellationToken)
    {
        if (!ContactChannel.All.Contains(channel) || !ContactOutcome.All.Contains(outcome) || (note?.Length ?? 0) > ContactAttemptRow.NoteLength)
        {
            return BadRequest();
        }

        var item = await db.WorkItems.SingleOrDefaultAsync(i => i.Id == Id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow();
        db.ContactAttempts.Add(new ContactAttemptRow
        {
            WorkItemId = item.Id,
            At = now,
            By = users.GetUserName(User) ?? "",
            Channel = channel,
            Outcome = outcome,
            Note = note?.Trim() ?? "",
        });
        item.Status = (outcome, item.Status) switch
        {
            (_, WorkItemStatus.Completed) => WorkItemStatus.Completed,
            ("scheduled", _) => WorkItemStatus.Scheduled,
            ("declined", _) => WorkItemStatus.Declined,
            (_, WorkItemStatus.New) => WorkItemStatus.Contacted,
            _ => item.Status,
        };
        item.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { Id });
    }
}

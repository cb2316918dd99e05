using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Data.Outreach;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;
using RadEquity.Web.Features.Outreach;

namespace RadEquity.Web.Features.Worklist;

/// <summary>
/// One work item: its score in parts, barriers and channels, its status and notes (which survive re-syncs), the phone
/// script with the rules that stand against a call now, and the patient's whole contact history. Patient data: every
/// view is audited before anything is shown.
/// </summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class ItemModel(RadEquityDbContext db, TimeProvider time, AuditTrail audit, IMissRiskScorer risk,
    UserManager<RadEquityUser> users, PatientContacts contacts, MessageTemplates templates, ContactRules rules,
    IOptions<OutreachOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public WorkItemRow? Item { get; private set; }

    public PriorityScore? Score { get; private set; }

    public IReadOnlyList<string> ItemBarriers { get; private set; } = [];

    /// <summary>The patient's contacts on every channel, newest first (a page of them).</summary>
    public IReadOnlyList<ContactHistoryEntry> History { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public bool HasOlder { get; private set; }

    /// <summary>The number to call; null when none is on record.</summary>
    public string? Phone { get; private set; }

    /// <summary>The phone script for the item's gap in the patient's language; null for a measure outreach has no words for.</summary>
    public Message? Script { get; private set; }

    /// <summary>The rules that would stop a call now (<see cref="SkipReason"/> values); a navigator may still log an inbound call.</summary>
    public IReadOnlyList<string> CallWarnings { get; private set; } = [];

    public string? ActiveModel { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "p")] int? p, CancellationToken cancellationToken)
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
        PageNumber = Math.Max(1, p ?? 1);
        (History, HasOlder) = await ContactHistory.PageAsync(db, item.Source, item.PatientId, PageNumber, cancellationToken);
        var contact = await contacts.ReadAsync(item.Source, item.PatientId, cancellationToken);
        Phone = contact?.Phone;
        CallWarnings = await rules.BlockingAsync(item.Source, item.PatientId, Channel.Phone, contact, time.GetUtcNow(), cancellationToken);
        if (GapKinds.ForMeasure(item.MeasureId) is { } gap)
        {
            var language = await LanguageAsync(item, cancellationToken);
            var subject = new MessageSubject(contact?.FirstName ?? "", item.DueDate, ScriptBarriers(ItemBarriers),
                OutreachFeature.BaseUrl(Request, options.Value));
            Script = await templates.RenderAsync(gap, Channel.Phone, language, subject, cancellationToken);
        }

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
        var problem = !ContactChannel.All.Contains(channel) ? "channel must be one of " + string.Join(", ", ContactChannel.All)
            : !ContactOutcome.All.Contains(outcome) ? "outcome must be one of " + string.Join(", ", ContactOutcome.All)
            : (note?.Length ?? 0) > ContactAttemptRow.NoteLength ? $"note is longer than {ContactAttemptRow.NoteLength} characters"
            : null;
        if (problem is not null)
        {
            return BadRequest(problem);
        }

        var item = await db.WorkItems.SingleOrDefaultAsync(i => i.Id == Id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow();
        var language = await LanguageAsync(item, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var own = new ContactAttemptRow
        {
            WorkItemId = item.Id,
            At = now,
            By = users.GetUserName(User) ?? "",
            Channel = channel,
            Outcome = outcome,
            Note = note?.Trim() ?? "",
        };
        db.ContactAttempts.Add(own);
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
        // The same contact in the patient's one log, where the contact cap counts it; the reason points back at the
        // item's row, which keeps who made it and the note.
        var gap = GapKinds.ForMeasure(item.MeasureId);
        db.OutreachAttempts.Add(new OutreachAttemptRow
        {
            Source = item.Source,
            PatientId = item.PatientId,
            Channel = channel,
            Template = channel == "phone" && gap is { } kind ? MessageTemplates.Key(kind, Channel.Phone) : ContactHistory.Manual,
            Language = language,
            AttemptedAt = now,
            Outcome = outcome,
            Reason = ContactHistory.ItemAttemptReason(own.Id),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RedirectToPage(new { Id });
    }

    /// <summary>The message language for the patient's preferred language (from the patient's record).</summary>
    private async Task<string> LanguageAsync(WorkItemRow item, CancellationToken cancellationToken) =>
        MessageTemplates.LanguageFor(await db.Patients.AsNoTracking()
            .Where(p => p.Source == item.Source && p.PatientId == item.PatientId)
            .Select(p => p.LanguageCode).FirstOrDefaultAsync(cancellationToken));

    /// <summary>The script's blocks for the item's barriers: uninsured → cost, rural → distance, prior no-shows → time
    /// (evening and weekend hours), needs an interpreter → language.</summary>
    private static HashSet<PatientBarrier> ScriptBarriers(IReadOnlyList<string> barriers) =>
    [
        .. barriers.Select(b => b switch
        {
            Barriers.Uninsured => PatientBarrier.Cost,
            Barriers.Rural => PatientBarrier.Distance,
            Barriers.PriorNoShows => PatientBarrier.Time,
            Barriers.Interpreter => (PatientBarrier?)PatientBarrier.Language,
            _ => null,
        }).OfType<PatientBarrier>(),
    ];
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Data.Outreach;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;

namespace RadEquity.Web.Features.Outreach;

/// <summary>
/// <c>/outreach/outbox</c>: the texts the development SMS provider kept, newest first (numbers and text: audited), and a
/// form that simulates a patient's reply through the same handling as the inbound-SMS webhook.
/// </summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class OutboxModel(RadEquityDbContext db, AuditTrail audit, SmsReplies replies, IOptions<OutreachOptions> options) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<SmsOutboxRow> Messages { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; } = 1;

    /// <summary>What came of a simulated reply.</summary>
    public SmsReplyResult? Reply { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Simulates a text from <paramref name="from"/>; only with the development provider (a real one has real replies).</summary>
    public async Task<IActionResult> OnPostReplyAsync(string? from, string? body, CancellationToken cancellationToken)
    {
        if (options.Value.SmsProvider != "Outbox")
        {
            return NotFound();
        }

        if (PatientContacts.NormalisePhone(from) is null || string.IsNullOrWhiteSpace(body))
        {
            Problem = "From needs a phone number (e.g. +15550100007) and Body a text.";
        }
        else
        {
            Reply = await replies.HandleAsync(from, body, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(HttpContext, AuditAction.View, "sms-reply-simulated",
                $"{SmsKeywords.Name(Reply.Keyword)} matched {Reply.Patients.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                cancellationToken).ConfigureAwait(false);
        }

        await OnGetAsync(1, cancellationToken).ConfigureAwait(false);
        return Page();
    }

    public async Task OnGetAsync([FromQuery(Name = "p")] int? p, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, p ?? 1);
        Total = await db.SmsOutbox.CountAsync(cancellationToken).ConfigureAwait(false);
        Messages = await db.SmsOutbox.AsNoTracking().OrderByDescending(m => m.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(HttpContext, AuditAction.View, "sms-outbox", "page " + PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken).ConfigureAwait(false);
    }
}

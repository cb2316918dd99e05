using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;

namespace RadEquity.Web.Features.Outreach;

/// <summary><c>/outreach/outbox</c>: the texts the development SMS provider kept, newest first (numbers and text: audited).</summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class OutboxModel(RadEquityDbContext db, AuditTrail audit) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<SmsOutboxRow> Messages { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; } = 1;

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

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;

namespace RadEquity.Web.Features.Outreach;

/// <summary><c>/outreach/requests</c>: patients' call-back requests and preferred times from their personal pages, oldest open first (audited).</summary>
[Authorize(Policy = Policies.PatientData)]
internal sealed class RequestsModel(RadEquityDbContext db, AuditTrail audit, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<OutreachRequestRow> Requests { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public async Task OnGetAsync([FromQuery(Name = "p")] int? p, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, p ?? 1);
        var open = db.OutreachRequests.AsNoTracking().Where(r => r.HandledAt == null);
        Total = await open.CountAsync(cancellationToken).ConfigureAwait(false);
        Requests = await open.OrderBy(r => r.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(HttpContext, AuditAction.View, "outreach-requests",
            "page " + PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostHandledAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.OutreachRequests.Where(r => r.Id == id && r.HandledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HandledAt, now), cancellationToken).ConfigureAwait(false);
        return RedirectToPage();
    }
}

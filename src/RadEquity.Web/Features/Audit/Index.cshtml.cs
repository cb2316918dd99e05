using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Audit;

/// <summary>
/// <c>/admin/audit</c>: the audit log, newest first, filtered and paged; administrators only. Reading it is recorded
/// too: its subjects name patients.
/// </summary>
[Authorize(Policy = Policies.Administration)]
internal sealed class IndexModel(RadEquityDbContext db, AuditTrail trail) : PageModel
{
    public const int PageSize = 50;

    public AuditFilter Filter { get; private set; } = new();

    public IReadOnlyList<AuditEventRow> Events { get; private set; } = [];

    public int Total { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync([FromQuery] AuditFilter filter, [FromQuery(Name = "pageNumber")] int? pageNumber, CancellationToken cancellationToken)
    {
        Filter = filter;
        await trail.RecordAsync(HttpContext, AuditAction.View, AuditLog.AuditLogViewWhat, filter.ToQuery(), cancellationToken).ConfigureAwait(false);
        var selected = filter.Apply(db.AuditEvents);
        Total = await selected.CountAsync(cancellationToken).ConfigureAwait(false);
        PageNumber = Math.Clamp(pageNumber ?? 1, 1, Pages);
        Events = await selected.OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public string PageLink(int number)
    {
        var query = Filter.ToQuery();
        return "/admin/audit?" + (query.Length == 0 ? "" : query + "&") + "pageNumber=" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

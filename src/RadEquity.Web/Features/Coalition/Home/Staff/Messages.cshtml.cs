using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Home.Staff;

/// <summary>
/// <c>/coalition/staff/messages</c>: contact messages and organisations' join requests, those not handled first, the
/// newest first; staff mark them handled.
/// </summary>
[Authorize(Policy = Policies.CoalitionStaff)]
internal sealed class MessagesModel(RadEquityDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "rp")]
    public int RequestPageNumber { get; set; } = 1;

    public IReadOnlyList<ContactMessageRow> Messages { get; private set; } = [];

    public int MessageCount { get; private set; }

    public IReadOnlyList<OrganisationJoinRequestRow> Requests { get; private set; } = [];

    public int RequestCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        MessageCount = await db.ContactMessages.CountAsync(cancellationToken).ConfigureAwait(false);
        PageNumber = Math.Clamp(PageNumber, 1, Pages(MessageCount));
        Messages = await db.ContactMessages.AsNoTracking()
            .OrderBy(m => m.HandledAt != null).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        RequestCount = await db.OrganisationJoinRequests.CountAsync(cancellationToken).ConfigureAwait(false);
        RequestPageNumber = Math.Clamp(RequestPageNumber, 1, Pages(RequestCount));
        Requests = await db.OrganisationJoinRequests.AsNoTracking()
            .OrderBy(r => r.HandledAt != null).ThenByDescending(r => r.Id)
            .Skip((RequestPageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostHandleMessageAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = await db.ContactMessages.Where(m => m.Id == id && m.HandledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.HandledAt, now), cancellationToken).ConfigureAwait(false);
        return changed == 0 && !await db.ContactMessages.AnyAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false)
            ? NotFound() : RedirectToPage();
    }

    public async Task<IActionResult> OnPostHandleRequestAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = await db.OrganisationJoinRequests.Where(r => r.Id == id && r.HandledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HandledAt, now), cancellationToken).ConfigureAwait(false);
        return changed == 0 && !await db.OrganisationJoinRequests.AnyAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false)
            ? NotFound() : RedirectToPage();
    }

    public static int Pages(int count) => Math.Max(1, (count + PageSize - 1) / PageSize);
}

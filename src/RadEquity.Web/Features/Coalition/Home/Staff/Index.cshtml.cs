using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Home.Staff;

/// <summary><c>/coalition/staff</c>: where coalition staff start; links to every staff page of the hub.</summary>
[Authorize(Policy = Policies.CoalitionStaff)]
internal sealed class IndexModel(RadEquityDbContext db) : PageModel
{
    /// <summary>Contact messages and join requests not yet handled.</summary>
    public int Unhandled { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Unhandled = await db.ContactMessages.CountAsync(m => m.HandledAt == null, cancellationToken).ConfigureAwait(false)
            + await db.OrganisationJoinRequests.CountAsync(r => r.HandledAt == null, cancellationToken).ConfigureAwait(false);
}

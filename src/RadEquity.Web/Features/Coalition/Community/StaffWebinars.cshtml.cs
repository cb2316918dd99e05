using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary><c>/coalition/staff/webinars</c>: the webinars, for staff to add or edit one.</summary>
[Authorize(Policy = Policies.CoalitionStaff)]
internal sealed class StaffWebinarsModel(Webinars webinars) : PageModel
{
    public WebinarPage Webinars { get; private set; } = new([], 1, 1);

    public async Task OnGetAsync(int? p, CancellationToken cancellationToken) =>
        Webinars = await webinars.ListAsync(p ?? 1, cancellationToken).ConfigureAwait(false);
}

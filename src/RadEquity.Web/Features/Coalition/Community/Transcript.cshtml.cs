using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary><c>/coalition/transcript</c>: the member's certificates with their credit hours, and the total.</summary>
[Authorize(Policy = Policies.CoalitionMember)]
internal sealed class TranscriptModel(Webinars webinars) : PageModel
{
    public Transcript Transcript { get; private set; } = new([], 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Transcript = await webinars.TranscriptAsync(Community.UserId(User), cancellationToken).ConfigureAwait(false);
}

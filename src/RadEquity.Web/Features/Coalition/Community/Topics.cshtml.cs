using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary><c>/coalition/discussion</c>: the topics, pinned first, then by latest activity; paged.</summary>
[Authorize(Policy = Policies.CoalitionMember)]
internal sealed class TopicsModel(Discussion discussion) : PageModel
{
    public TopicPage Topics { get; private set; } = new([], 1, 1);

    public async Task OnGetAsync(int? p, CancellationToken cancellationToken) =>
        Topics = await discussion.TopicsAsync(new Reader(Community.UserId(User), User.IsInRole(Roles.CoalitionStaff)), p ?? 1, cancellationToken)
            .ConfigureAwait(false);
}

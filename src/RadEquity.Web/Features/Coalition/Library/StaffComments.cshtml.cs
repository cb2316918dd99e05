using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Library;

/// <summary>
/// <c>/coalition/staff/comments</c>: the moderation queue. Pending comments first, each shown as it would be published
/// (rendered Markdown), with approve and reject.
/// </summary>
[Authorize(Policy = Policies.CoalitionStaff)]
internal sealed class StaffCommentsModel(LibraryComments comments, UserManager<RadEquityUser> users) : PageModel
{
    /// <summary>
    /// <c>?p=</c>, not <c>?page=</c>: Razor Pages' own route value <c>page</c> (the page's name) is bound before the query
    /// string, so a list page number under that name is never read.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<QueuedComment> Queue { get; private set; } = new([], 0, 1);

    public int Pending { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Queue = await comments.QueueAsync(PageNumber, cancellationToken).ConfigureAwait(false);
        Pending = await comments.PendingCountAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IActionResult> OnPostApproveAsync(long id, CancellationToken cancellationToken) => ModerateAsync(id, approve: true, cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(long id, CancellationToken cancellationToken) => ModerateAsync(id, approve: false, cancellationToken);

    private async Task<IActionResult> ModerateAsync(long id, bool approve, CancellationToken cancellationToken)
    {
        var moderator = users.GetUserId(User) ?? throw new InvalidOperationException("A staff page without a user id.");
        return await comments.ModerateAsync(id, approve, moderator, cancellationToken).ConfigureAwait(false)
            ? BackToList()
            : NotFound();
    }

    // Back to the same page of the list (a redirect, so reloading does not post again). Not RedirectToPage: its "page"
    // route value is the page's name, not this list's page number.
    private LocalRedirectResult BackToList() =>
        LocalRedirect("/coalition/staff/comments?p=" + PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

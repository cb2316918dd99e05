using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Library;

/// <summary><c>/coalition/staff/resources</c>: staff review submitted resources: publish, or reject with a reason.</summary>
[Authorize(Policy = Policies.CoalitionStaff)]
internal sealed class StaffResourcesModel(LibraryResources resources, UserManager<RadEquityUser> users, IStringLocalizer<LibraryText> text) : PageModel
{
    /// <summary>
    /// <c>?p=</c>, not <c>?page=</c>: Razor Pages' own route value <c>page</c> (the page's name) is bound before the query
    /// string, so a list page number under that name is never read.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<LibraryResourceRow> Queue { get; private set; } = new([], 0, 1);

    public IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];

    /// <summary>The resource whose rejection lacked a reason (its field is marked).</summary>
    public long? ReasonMissingFor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Queue = await resources.ReviewQueueAsync(PageNumber, cancellationToken).ConfigureAwait(false);

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken) =>
        await resources.PublishAsync(id, ReviewerId, cancellationToken).ConfigureAwait(false)
            ? BackToList()
            : NotFound();

    public async Task<IActionResult> OnPostRejectAsync(long id, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > LibraryResourceRow.ReasonLength)
        {
            ReasonMissingFor = id;
            Problems = [("Reason_" + id.ToString(System.Globalization.CultureInfo.InvariantCulture), text["Error_Reason"])];
            Queue = await resources.ReviewQueueAsync(PageNumber, cancellationToken).ConfigureAwait(false);
            return Page();
        }

        return await resources.RejectAsync(id, reason, ReviewerId, cancellationToken).ConfigureAwait(false)
            ? BackToList()
            : NotFound();
    }

    private string ReviewerId => users.GetUserId(User) ?? throw new InvalidOperationException("A staff page without a user id.");

    // Back to the same page of the list (a redirect, so reloading does not post again). Not RedirectToPage: its "page"
    // route value is the page's name, not this list's page number.
    private LocalRedirectResult BackToList() =>
        LocalRedirect("/coalition/staff/resources?p=" + PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

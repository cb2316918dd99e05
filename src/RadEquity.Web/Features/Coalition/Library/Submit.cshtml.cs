using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Library;

/// <summary>
/// <c>/coalition/resources/submit</c>: a member proposes a resource (held for staff review) and sees what became of
/// their earlier submissions, with the reason when one was rejected.
/// </summary>
[Authorize(Policy = Policies.CoalitionMember)]
[EnableRateLimiting(Coalition.PostLimit)]
internal sealed class SubmitModel(LibraryResources resources, UserManager<RadEquityUser> users, IStringLocalizer<LibraryText> text) : PageModel
{
    [BindProperty]
    public ResourceInput Input { get; set; } = new();

    public IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];

    public IReadOnlyList<LibraryResourceRow> Mine { get; private set; } = [];

    /// <summary>Set after a submission was saved.</summary>
    public bool Submitted { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Mine = await resources.SubmittedByAsync(UserId, cancellationToken).ConfigureAwait(false);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Problems = [.. Input.Problems(text)];
        if (Problems.Count == 0)
        {
            await resources.SubmitAsync(Input, UserId, cancellationToken).ConfigureAwait(false);
            Submitted = true;
            Input = new();
        }

        Mine = await resources.SubmittedByAsync(UserId, cancellationToken).ConfigureAwait(false);
        return Page();
    }

    private string UserId => users.GetUserId(User) ?? throw new InvalidOperationException("A member page without a user id.");
}

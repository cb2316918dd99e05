using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Library;

/// <summary>
/// <c>/coalition/resources/{id}</c>: a published resource, its approved comments (safe Markdown) and the comment form.
/// A comment is held for moderation; a signed-in person's address comes from the account, the public give theirs.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Coalition.PostLimit)]
internal sealed class ResourceModel(
    LibraryResources resources, LibraryComments comments, UserManager<RadEquityUser> users, IStringLocalizer<LibraryText> text) : PageModel
{
    [BindProperty]
    public CommentInput Input { get; set; } = new();

    /// <summary>The honeypot field (see the page).</summary>
    [BindProperty]
    public string? Homepage { get; set; }

    public LibraryResourceRow Resource { get; private set; } = new();

    public IReadOnlyList<LibraryCommentRow> Comments { get; private set; } = [];

    public IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];

    /// <summary>Set once a comment was accepted (held for approval).</summary>
    public bool Held { get; private set; }

    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken).ConfigureAwait(false) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (!string.IsNullOrEmpty(Homepage))
        {
            // A bot: it sees what a person sees, and nothing is stored.
            Held = true;
            return Page();
        }

        var user = SignedIn ? await users.GetUserAsync(User).ConfigureAwait(false) : null;
        Problems = [.. Input.Problems(text, emailAsked: user is null)];
        if (Problems.Count > 0)
        {
            return Page();
        }

        await comments.AddAsync(id, Input, user?.Email ?? Input.Email, user?.Id, cancellationToken).ConfigureAwait(false);
        Held = true;
        Input = new();
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await resources.PublishedAsync(id, cancellationToken).ConfigureAwait(false) is not { } resource)
        {
            return false;
        }

        Resource = resource;
        Comments = await comments.ApprovedAsync(id, cancellationToken).ConfigureAwait(false);
        return true;
    }
}

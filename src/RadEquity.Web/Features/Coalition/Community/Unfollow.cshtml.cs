using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// <c>/coalition/discussion/unfollow?token=</c>: the link in reply e-mails. No sign-in: the signed token names the
/// follow. Asks first (GET shows a button, POST unfollows), so a mail scanner opening links unfollows no one.
/// </summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Coalition.PostLimit)]
internal sealed class UnfollowModel(UnfollowTokens tokens, RadEquityDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool IsValid { get; private set; }

    public bool IsDone { get; private set; }

    public void OnGet()
    {
        IsValid = tokens.Read(Token) is not null;
        if (!IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (tokens.Read(Token) is not { } follow)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Already gone (unfollowed on the thread) is the same outcome for the person.
        await db.DiscussionFollows.Where(f => f.Id == follow.FollowId && f.UserId == follow.UserId)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        IsValid = true;
        IsDone = true;
        return Page();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RadEquity.Web.Features.Coalition.Home;

/// <summary>
/// <c>/coalition/join/confirm?user=&amp;token=</c>: the link in the join e-mail. Opening it shows a button (mail scanners
/// open links); pressing it confirms the address and makes the account a member. Pressing again is harmless; an
/// altered or expired link is refused (400).
/// </summary>
[AllowAnonymous]
internal sealed class JoinConfirmModel(MemberJoining joining) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public LinkOutcome Outcome { get; private set; }

    public async Task OnGetAsync()
    {
        Outcome = await joining.CheckAsync(UserId, Token).ConfigureAwait(false);
        Refuse();
    }

    public async Task OnPostAsync()
    {
        Outcome = await joining.ConfirmAsync(UserId, Token).ConfigureAwait(false);
        Refuse();
    }

    private void Refuse()
    {
        Response.Headers.CacheControl = "no-store";
        if (Outcome == LinkOutcome.Invalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}

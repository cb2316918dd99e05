using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RadEquity.Web.Features.Coalition.Home;

/// <summary>
/// <c>/coalition/join/confirm?user=&amp;token=</c>: the link in the join e-mail. Confirms the address and makes the
/// account a member; following it again is harmless; an altered or expired link is refused (400).
/// </summary>
[AllowAnonymous]
internal sealed class JoinConfirmModel(MemberJoining joining) : PageModel
{
    public LinkOutcome Outcome { get; private set; }

    public async Task OnGetAsync(string? user, string? token)
    {
        Outcome = await joining.ConfirmAsync(user, token).ConfigureAwait(false);
        if (Outcome == LinkOutcome.Invalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}

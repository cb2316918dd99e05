using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// <c>/coalition/confirm?token=</c>: the link in the confirmation e-mail. Following it again is harmless; an expired or
/// altered link is refused (400) with a message.
/// </summary>
[AllowAnonymous]
internal sealed class ConfirmModel(Pledges pledges) : PageModel
{
    public LinkOutcome Outcome { get; private set; }

    public async Task OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        Outcome = await pledges.ConfirmAsync(token, cancellationToken).ConfigureAwait(false);
        if (Outcome == LinkOutcome.Invalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}

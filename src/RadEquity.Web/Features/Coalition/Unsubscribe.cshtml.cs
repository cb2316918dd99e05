using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// <c>/coalition/unsubscribe?token=</c>: the link in every e-mail. No sign-in; the pledge stays (and keeps counting),
/// only the e-mail stops.
/// </summary>
[AllowAnonymous]
internal sealed class UnsubscribeModel(Pledges pledges) : PageModel
{
    public LinkOutcome Outcome { get; private set; }

    public async Task OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        Outcome = await pledges.UnsubscribeAsync(token, cancellationToken).ConfigureAwait(false);
        if (Outcome == LinkOutcome.Invalid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}

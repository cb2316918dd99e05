using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// <c>/coalition/unsubscribe?token=</c>: the link in every e-mail. No sign-in; opening it shows a button, pressing it
/// (POST) unsubscribes, so a mail scanner cannot. The pledge stays (and keeps counting), only the e-mail stops.
/// Mail programs' one-click unsubscribe (RFC 8058) posts to <c>/coalition/unsubscribe/one-click</c> instead.
/// </summary>
[AllowAnonymous]
internal sealed class UnsubscribeModel(Pledges pledges) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public LinkOutcome Outcome { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Outcome = await pledges.CheckUnsubscribeAsync(Token, cancellationToken).ConfigureAwait(false);
        Refuse();
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        Outcome = await pledges.UnsubscribeAsync(Token, cancellationToken).ConfigureAwait(false);
        Refuse();
    }

    private void Refuse()
    {
        Response.Headers.CacheControl = "no-store";
        if (Outcome is LinkOutcome.Invalid or LinkOutcome.Expired)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// <c>/coalition/confirm?token=</c>: the link in the confirmation e-mail. Opening it only shows a button; pressing it
/// (POST) confirms, so a mail scanner that opens links confirms nothing. Pressing again is harmless; an expired link says
/// so and a broken one is refused (400).
/// </summary>
[AllowAnonymous]
internal sealed class ConfirmModel(Pledges pledges) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public LinkOutcome Outcome { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Outcome = await pledges.CheckConfirmAsync(Token, cancellationToken).ConfigureAwait(false);
        Refuse();
    }

    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        Outcome = await pledges.ConfirmAsync(Token, cancellationToken).ConfigureAwait(false);
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

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// <c>/coalition/my-pledge</c>: enter an address, receive a signed link to see, export or delete that pledge. The
/// page answers the same whether or not the address has a pledge.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Coalition.PostLimit)]
internal sealed class MyPledgeModel(Pledges pledges, IStringLocalizer<CoalitionText> text, IOptions<CoalitionOptions> options) : PageModel
{
    [BindProperty]
    public string Email { get; set; } = "";

    public IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];

    public MailOutcome? Outcome { get; private set; }

    public int DataLinkHours => (int)options.Value.DataLinkLifetime.TotalHours;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!PledgeInput.IsEmailAddress(Email))
        {
            Problems = [("Email", text["Error_Email"])];
            return Page();
        }

        Outcome = await pledges.SendMyDataLinkAsync(Email, Coalition.BaseUrl(Request, options.Value), cancellationToken).ConfigureAwait(false);
        return Page();
    }
}

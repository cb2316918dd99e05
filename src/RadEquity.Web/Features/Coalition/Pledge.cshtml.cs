using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace RadEquity.Web.Features.Coalition;

/// <summary><c>/coalition/pledge</c>: "Commit to act". Saving sends the confirmation e-mail; only confirmed pledges count.</summary>
[AllowAnonymous]
[EnableRateLimiting(Coalition.PostLimit)]
internal sealed class PledgeModel(Pledges pledges, PledgeMail mail, IStringLocalizer<CoalitionText> text, IOptions<CoalitionOptions> options) : PageModel
{
    [BindProperty]
    public PledgeInput Input { get; set; } = new();

    /// <summary>The honeypot field (see the page).</summary>
    [BindProperty]
    public string? Homepage { get; set; }

    public IReadOnlyList<(string Field, string Message)> Problems { get; private set; } = [];

    /// <summary>Set once the form was accepted.</summary>
    public SubmitOutcome? Outcome { get; private set; }

    public bool MailConfigured => mail.IsConfigured;

    public int ConfirmationDays => (int)options.Value.ConfirmationLifetime.TotalDays;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Homepage))
        {
            // A bot: it sees what a person sees after a pledge, and nothing is stored or sent.
            Outcome = SubmitOutcome.ConfirmationSent;
            return Page();
        }

        Problems = [.. Input.Problems(text)];
        if (Problems.Count > 0)
        {
            return Page();
        }

        Outcome = await pledges.SubmitAsync(Input, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
            Coalition.BaseUrl(Request, options.Value), cancellationToken).ConfigureAwait(false);
        return Page();
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// <c>/coalition/certificates/verify</c>: anyone checks a certificate code (form or <c>?code=</c>, any case, dashes or
/// not). Rate limited per address, GET included, because every look-up is a guess at a code.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(VerifyLimit)]
internal sealed class VerifyModel(Webinars webinars) : PageModel
{
    /// <summary>The look-up limit, per client address.</summary>
    public const string VerifyLimit = "community-verify";

    public string? Code { get; private set; }

    public bool Checked { get; private set; }

    public WebinarCertificateRow? Certificate { get; private set; }

    public async Task OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        Code = code;
        if (string.IsNullOrWhiteSpace(code))
        {
            return;
        }

        Checked = true;
        Certificate = await webinars.VerifyAsync(code, cancellationToken).ConfigureAwait(false);
        if (Certificate is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}

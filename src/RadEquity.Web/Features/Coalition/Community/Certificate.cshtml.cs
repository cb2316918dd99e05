using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// <c>/coalition/certificates/{code}</c>: the printable certificate, for the member who earned it and for staff. Anyone
/// else checks a code at <c>/coalition/certificates/verify</c>, which shows less.
/// </summary>
[Authorize(Policy = Policies.CoalitionMember)]
internal sealed class CertificateModel(Webinars webinars, Microsoft.Extensions.Options.IOptions<CoalitionOptions> coalition) : PageModel
{
    public WebinarCertificateRow Certificate { get; private set; } = null!;

    public Uri VerifyUrl { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await webinars.VerifyAsync(code, cancellationToken).ConfigureAwait(false) is not { } certificate)
        {
            return NotFound();
        }

        if (certificate.UserId != Community.UserId(User) && !User.IsInRole(Roles.CoalitionStaff))
        {
            return Forbid();
        }

        Certificate = certificate;
        VerifyUrl = new Uri(Coalition.BaseUrl(Request, coalition.Value), "coalition/certificates/verify?code=" + CertificateCodes.Display(certificate.Code));
        return Page();
    }
}

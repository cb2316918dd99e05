using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary><c>/coalition/webinars/{id}</c>: one webinar: description, presenters, credit hours, video and slides; public.</summary>
[AllowAnonymous]
internal sealed class WebinarModel(Webinars webinars) : PageModel
{
    public WebinarWithTest Test { get; private set; } = null!;

    public Uri? Embed { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await webinars.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } test)
        {
            return NotFound();
        }

        Test = test;
        Embed = VideoEmbed.For(test.Webinar.VideoUrl);
        return Page();
    }
}

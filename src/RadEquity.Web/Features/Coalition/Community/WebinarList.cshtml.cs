using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary><c>/coalition/webinars</c>: webinars on demand, newest first; public.</summary>
[AllowAnonymous]
internal sealed class WebinarListModel(Webinars webinars) : PageModel
{
    public WebinarPage Webinars { get; private set; } = new([], 1, 1);

    public async Task OnGetAsync(int? p, CancellationToken cancellationToken) =>
        Webinars = await webinars.ListAsync(p ?? 1, cancellationToken).ConfigureAwait(false);
}

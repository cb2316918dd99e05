using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// <c>/coalition/pledges</c>: the public wall. Confirmed pledges only; a name only with its owner's consent; the
/// commitment as text (Razor encodes it); counts by action, role and state.
/// </summary>
[AllowAnonymous]
internal sealed class WallModel(Pledges pledges) : PageModel
{
    /// <summary>The newest pledges shown; the counts cover all of them.</summary>
    public const int Entries = 200;

    public PledgeWall Wall { get; private set; } = new(0, [], [], [], []);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Wall = await pledges.WallAsync(Entries, cancellationToken).ConfigureAwait(false);
}

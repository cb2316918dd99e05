using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Home;

/// <summary>
/// The home page: what is loaded. Shows counts and data-quality problems only (file, line, field, reason),
/// never a record's content, so it holds no PHI.
/// </summary>
[Authorize(Policy = Policies.Aggregates)]
internal sealed class IndexModel(StoreOverview overview, StoreTarget store) : PageModel
{
    internal const int RecentQuarantineShown = 20;

    public StoreSnapshot Snapshot { get; private set; } = null!;

    public string StoreDescription => store.Provider == StoreProvider.Sqlite ? "SQLite" : "PostgreSQL";

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Snapshot = await overview.ReadAsync(RecentQuarantineShown, cancellationToken).ConfigureAwait(false);
}

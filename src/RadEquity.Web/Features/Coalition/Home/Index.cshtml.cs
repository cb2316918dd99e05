using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Home;

/// <summary><c>/coalition</c>: the hub's purpose, its member organisations by kind, and what a visitor can do.</summary>
[AllowAnonymous]
internal sealed class IndexModel(RadEquityDbContext db) : PageModel
{
    /// <summary>The organisations grouped in <see cref="OrganisationKind.All"/>'s order, each group by name.</summary>
    public IReadOnlyList<IGrouping<string, MemberOrganisationRow>> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await db.MemberOrganisations.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        Organisations = [.. rows.OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase)
            .GroupBy(o => o.Kind, StringComparer.Ordinal)
            .OrderBy(g => IndexOfKind(g.Key))];
    }

    private static int IndexOfKind(string kind) => OrganisationKind.All.Contains(kind) ? OrganisationKind.All.ToList().IndexOf(kind) : int.MaxValue;
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Home;

/// <summary><c>/coalition/disparities</c>: the published figures staff keep, each with its source.</summary>
[AllowAnonymous]
internal sealed class DisparitiesModel(RadEquityDbContext db) : PageModel
{
    public IReadOnlyList<DisparityFactRow> Facts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Facts = await db.DisparityFacts.AsNoTracking().OrderBy(f => f.Position).ThenBy(f => f.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The statement in the page's language; English where no translation was written.</summary>
    public static string Statement(DisparityFactRow fact) =>
        MemberJoining.Culture() == "es" && !string.IsNullOrWhiteSpace(fact.StatementEs) ? fact.StatementEs : fact.StatementEn;

    /// <summary>Whether <see cref="Statement"/> fell back to English on a Spanish page (marked with <c>lang="en"</c>).</summary>
    public static bool IsFallback(DisparityFactRow fact) => MemberJoining.Culture() != "en" && Statement(fact) == fact.StatementEn;
}

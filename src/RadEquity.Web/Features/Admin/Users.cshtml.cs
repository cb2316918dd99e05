using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Admin;

/// <summary><c>/admin/users</c>: every account with its roles and state.</summary>
[Authorize(Policy = Policies.Administration)]
internal sealed class UsersModel(RadEquityDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name ?? "");
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        Users = [.. users
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .Select(u => new UserSummary(
                u.Id, u.Email ?? u.UserName ?? "", [.. byUser[u.Id].Order(StringComparer.Ordinal)],
                Administrators.IsLocked(u, now), u.TwoFactorEnabled, u.AccessFailedCount))];
    }
}

internal sealed record UserSummary(string Id, string Email, IReadOnlyList<string> Roles, bool IsLocked, bool TwoFactorEnabled, int FailedAttempts);

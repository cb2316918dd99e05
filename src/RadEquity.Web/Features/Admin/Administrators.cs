using Microsoft.AspNetCore.Identity;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Admin;

/// <summary>The rule that keeps the installation manageable: at least one administrator who is not locked out.</summary>
internal static class Administrators
{
    /// <summary>Whether <paramref name="user"/> is the only administrator able to sign in.</summary>
    public static async Task<bool> IsLastActiveAsync(UserManager<RadEquityUser> users, RadEquityUser user, DateTimeOffset now)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin).ConfigureAwait(false);
        return admins.Any(a => a.Id == user.Id)
            && !admins.Any(a => a.Id != user.Id && !IsLocked(a, now));
    }

    public static bool IsLocked(RadEquityUser user, DateTimeOffset now) => user.LockoutEnd is { } end && end > now;
}

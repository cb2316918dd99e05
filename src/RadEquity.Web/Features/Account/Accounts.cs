using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Account;

/// <summary>
/// Sign-in with ASP.NET Core Identity, stored in the RadEquity database: password policy, lockout, optional TOTP
/// two-factor, and cookies that are HttpOnly, sent only over HTTPS, same-site and expire after idle time.
/// </summary>
internal static class Accounts
{
    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";
    public const string AccessDeniedPath = "/account/access-denied";

    /// <summary>Idle time after which a session ends (sliding: every request renews it).</summary>
    public static readonly TimeSpan SessionIdleTimeout = TimeSpan.FromMinutes(30);

    public const int MaxFailedAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<RadEquityUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireDigit = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 5;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<RadEquityDbContext>()
            .AddDefaultTokenProviders();

        // Every cookie Identity issues (session, two-factor step, remember-me) is HttpOnly, HTTPS-only and same-site.
        services.PostConfigureAll<CookieAuthenticationOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.ConfigureApplicationCookie(options =>
        {
            // "__Host-": the browser keeps it only if Secure, for this host, with path "/".
            options.Cookie.Name = "__Host-RadEquity";
            options.LoginPath = SignInPath;
            options.LogoutPath = SignOutPath;
            options.AccessDeniedPath = AccessDeniedPath;
            options.ExpireTimeSpan = SessionIdleTimeout;
            options.SlidingExpiration = true;
            // An API caller gets a status code, not a sign-in page.
            options.Events.OnRedirectToLogin = context => RespondOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RespondOrRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
            options.Cookie.Name = "__Host-RadEquity.TwoFactor");
        // A role change, a lock or a password reset by an administrator ends the user's sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "__Host-RadEquity.Antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }

    /// <summary>Creates the roles that do not exist yet; the host calls it once on start.</summary>
    public static async Task PrepareRolesAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role).ConfigureAwait(false))
            {
                var result = await roles.CreateAsync(new IdentityRole(role)).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {Describe(result)}");
                }
            }
        }
    }

    /// <summary>
    /// Where a sign-in without a return address lands: the practice's home for anyone with a practice role, else the
    /// coalition hub (a member or coalition staff has nothing on the practice's side).
    /// </summary>
    public static async Task<string> LandingAsync(UserManager<RadEquityUser> users, RadEquityUser user)
    {
        var roles = await users.GetRolesAsync(user).ConfigureAwait(false);
        return roles.Any(Roles.Practice.Contains) ? "/" : Coalition.Coalition.PathPrefix;
    }

    /// <summary>Identity's error descriptions, one sentence after the other.</summary>
    public static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));

    private static Task RespondOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}

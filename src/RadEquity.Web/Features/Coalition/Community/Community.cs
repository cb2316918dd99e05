using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// The hub's community: the members' discussion (topics, threaded replies, moderation, reply e-mails) and webinars on
/// demand (post-tests, certificates anyone can verify, the member's transcript).
/// </summary>
internal static class Community
{
    /// <summary>The rate-limiting policy on members' posts (topics, replies, post-tests), per signed-in user.</summary>
    public const string MemberPostLimit = "community-member-posts";

    public static IServiceCollection AddCommunity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CommunityOptions>().Bind(configuration.GetSection(CommunityOptions.Section)).ValidateOnStart()
            .Validate(o => o.PostsPerWindow > 0 && o.VerificationsPerMinute > 0 && o.PostWindow > TimeSpan.Zero && o.UnfollowLinkLifetime > TimeSpan.Zero,
                "RadEquity:Community needs a positive PostsPerWindow, VerificationsPerMinute, PostWindow and UnfollowLinkLifetime.");
        services.AddScoped<Discussion>();
        services.AddScoped<Webinars>();
        services.AddSingleton<UnfollowTokens>();
        services.AddSingleton<ReplyNotifications>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplyNotifications>());
        services.AddHostedService<DemoWebinars>();
        services.AddRateLimiter(options => options.AddPolicy(MemberPostLimit, context =>
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("read");
            }

            var limits = context.RequestServices.GetRequiredService<IOptions<CommunityOptions>>().Value;
            // Per member rather than per address: members behind one hospital proxy do not share a budget.
            var who = context.User.FindFirstValue(ClaimTypes.NameIdentifier)
                ?? "address " + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return RateLimitPartition.GetFixedWindowLimiter(who, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PostsPerWindow,
                Window = limits.PostWindow,
                QueueLimit = 0,
            });
        }));
        services.AddRateLimiter(options => options.AddPolicy(VerifyModel.VerifyLimit, context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<CommunityOptions>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.VerificationsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }));
        return services;
    }

    /// <summary>The name shown for a member's posts: the part of their sign-in address before the <c>@</c>.</summary>
    public static string DisplayName(ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? "";
        var at = name.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? name[..at] : name;
    }

    public static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");
}

/// <summary><c>RadEquity:Community</c>: the members' post limit, link lifetimes and the demo webinars.</summary>
internal sealed class CommunityOptions
{
    public const string Section = "RadEquity:Community";

    public int PostsPerWindow { get; set; } = 30;
    public TimeSpan PostWindow { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Certificate look-ups per client address and minute: enough for people, too few to guess codes.</summary>
    public int VerificationsPerMinute { get; set; } = 30;
    public TimeSpan UnfollowLinkLifetime { get; set; } = TimeSpan.FromDays(365);
    /// <summary>Adds the demo webinars (marked as such) when the store has none, so the pages are not empty.</summary>
    public bool DemoWebinars { get; set; } = true;
}

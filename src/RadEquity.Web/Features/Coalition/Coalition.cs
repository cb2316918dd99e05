using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// The coalition hub's public pages (<c>/coalition/...</c>, anonymous): the pledge form, the double opt-in link, the
/// public wall, unsubscribe and the data-rights links. English and Spanish, chosen by <c>?culture=</c> and a cookie.
/// </summary>
internal static class Coalition
{
    public const string PathPrefix = "/coalition";

    /// <summary>The rate-limiting policy on the hub's form posts, per client address.</summary>
    public const string PostLimit = "coalition-posts";

    public static readonly IReadOnlyList<CultureInfo> Cultures = [new("en"), new("es")];

    public static IServiceCollection AddCoalition(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateOnStart()
            .Validate(o => o.Host is null || (o.Port is > 0 and < 65536 && !string.IsNullOrWhiteSpace(o.Sender)),
                "RadEquity:Smtp needs Port (1-65535) and Sender when Host is set.")
            .Validate(o => Enum.TryParse<MailKit.Security.SecureSocketOptions>(o.Security, ignoreCase: true, out _),
                "RadEquity:Smtp:Security is one of Auto, None, StartTls, StartTlsWhenAvailable, SslOnConnect.");
        services.AddOptions<CoalitionOptions>().Bind(configuration.GetSection(CoalitionOptions.Section)).ValidateOnStart()
            .Validate(o => o.PostsPerWindow > 0 && o.PostWindow > TimeSpan.Zero && o.ConfirmationLifetime > TimeSpan.Zero
                && o.FollowUpInterval > TimeSpan.Zero,
                "RadEquity:Coalition needs a positive PostsPerWindow, PostWindow, ConfirmationLifetime and FollowUpInterval.");
        services.AddLocalization();
        services.AddDataProtection();
        services.AddSingleton<PledgeTokens>();
        services.AddSingleton<HubMail>();
        services.AddSingleton<PledgeMail>();
        services.AddSingleton<HubMarkdown>();
        services.AddScoped<Pledges>();
        services.AddSingleton<PledgeFollowUps>();
        services.AddHostedService(sp => sp.GetRequiredService<PledgeFollowUps>());
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PostLimit, context =>
            {
                // Only form posts are limited; reading the pages and following links is not.
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var limits = context.RequestServices.GetRequiredService<IOptions<CoalitionOptions>>().Value;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client + " " + context.Request.Path, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PostsPerWindow,
                    Window = limits.PostWindow,
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>
    /// Language for the hub's pages only (the rest of the app stays English): <c>?culture=es</c> switches and is
    /// remembered in a cookie.
    /// </summary>
    public static IApplicationBuilder UseCoalitionLanguages(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase), hub =>
        {
            hub.UseRequestLocalization(Hosting.PageLanguages.Configure);
            hub.Use((context, next) =>
            {
                if (context.Request.Query.ContainsKey("culture"))
                {
                    var culture = CultureInfo.CurrentUICulture.Name;
                    context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                        new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
                }

                return next(context);
            });
        });

    /// <summary>
    /// The hub's one endpoint outside Razor Pages: one-click unsubscribe (RFC 8058), which mail programs POST to the
    /// address in <c>List-Unsubscribe</c> without a page or an antiforgery token; the signed token in the address is the
    /// proof, as it is for the link in the body.
    /// </summary>
    public static IEndpointRouteBuilder MapCoalition(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(OneClickUnsubscribePath, async (string? token, Pledges pledges, CancellationToken cancellationToken) =>
                await pledges.UnsubscribeAsync(token, cancellationToken).ConfigureAwait(false) is LinkOutcome.Done or LinkOutcome.AlreadyDone
                    ? Results.Ok()
                    : Results.BadRequest())
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(PostLimit);
        return endpoints;
    }

    public const string OneClickUnsubscribePath = PathPrefix + "/unsubscribe/one-click";

    /// <summary>The base of the links in e-mail: <see cref="CoalitionOptions.PublicUrl"/>, else this request's.</summary>
    public static Uri BaseUrl(HttpRequest request, CoalitionOptions options)
    {
        var configured = options.PublicUrl?.AbsoluteUri;
        var url = configured ?? request.Scheme + "://" + request.Host + request.PathBase;
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }

    /// <summary>Says at start whether the hub can send e-mail, so an unconfigured server is noticed before anyone pledges.</summary>
    public static void ReportMailSetup(this IServiceProvider services)
    {
        var mail = services.GetRequiredService<PledgeMail>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Coalition).FullName!);
        if (mail.IsConfigured)
        {
            log.LogInformation("Coalition e-mail goes through SMTP {Host}:{Port}.", mail.Host, mail.Port);
        }
        else
        {
            log.LogWarning("Coalition e-mail is not configured (RadEquity:Smtp:Host, Port, Sender): pledges are saved but no confirmation "
                + "e-mail can be sent, so none can be confirmed. The pledge page says so.");
        }
    }
}

/// <summary><c>RadEquity:Smtp</c>: the server the hub's e-mail goes through. No host: e-mail is off.</summary>
internal sealed class SmtpOptions
{
    public const string Section = "RadEquity:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>The From address, e.g. <c>RadEquity coalition &lt;coalition@example.org&gt;</c>.</summary>
    public string? Sender { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary><c>Auto</c> (TLS on 465, STARTTLS when offered), <c>StartTls</c>, <c>SslOnConnect</c> or <c>None</c>.</summary>
    public string Security { get; set; } = "Auto";
}

/// <summary><c>RadEquity:Coalition</c>: link lifetimes, the post rate limit and the address used in e-mailed links.</summary>
internal sealed class CoalitionOptions
{
    public const string Section = "RadEquity:Coalition";

    /// <summary>
    /// The app's public address for links in e-mail (<c>https://radequity.example.org</c>). Without it, the address of
    /// the request that caused the e-mail; set it on a server, so a forged Host header cannot steer the links.
    /// </summary>
    public Uri? PublicUrl { get; set; }
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromDays(7);
    public TimeSpan DataLinkLifetime { get; set; } = TimeSpan.FromDays(1);
    public TimeSpan UnsubscribeLifetime { get; set; } = TimeSpan.FromDays(730);
    /// <summary>How often the follow-up e-mails (3 and 12 months after confirmation) are looked for.</summary>
    public TimeSpan FollowUpInterval { get; set; } = TimeSpan.FromHours(1);
    public int PostsPerWindow { get; set; } = 10;
    public TimeSpan PostWindow { get; set; } = TimeSpan.FromMinutes(10);
}

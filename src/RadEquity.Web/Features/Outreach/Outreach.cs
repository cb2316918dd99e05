using System.Security;
using Microsoft.Extensions.Options;
using RadEquity.Data.Outreach;

namespace RadEquity.Web.Features.Outreach;

/// <summary>
/// Personalised messages and their delivery: templates per gap × channel × language with barrier blocks, the rules
/// before every send, the SMS providers, letter batches, and the patient's personal page (<c>/outreach/link</c>).
/// </summary>
internal static class OutreachFeature
{
    public static IServiceCollection AddOutreach(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OutreachOptions>().Bind(configuration.GetSection(OutreachOptions.Section)).ValidateOnStart()
            .Validate(o => o.CapMessages > 0 && o.CapWindow > TimeSpan.Zero && o.LinkLifetime > TimeSpan.Zero && o.ReplyWindow > TimeSpan.Zero,
                "RadEquity:Outreach needs a positive CapMessages, CapWindow, LinkLifetime and ReplyWindow.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "RadEquity:Outreach:TimeZone is not a known time zone.")
            .Validate(o => o.SmsProvider is "Outbox" or "Twilio", "RadEquity:Outreach:SmsProvider is Outbox or Twilio.");
        services.AddDataProtection();
        services.AddSingleton<OutreachTokens>();
        services.AddSingleton<PatientContacts>();
        services.AddScoped<MessageTemplates>();
        services.AddScoped<ContactRules>();
        services.AddScoped<Delivery>();
        services.AddScoped<SmsReplies>();
        services.AddSingleton<OutboxSms>();
        services.AddHttpClient<TwilioSms>();
        services.AddScoped<ISmsProvider>(sp => sp.GetRequiredService<IOptions<OutreachOptions>>().Value.SmsProvider == "Twilio"
            ? sp.GetRequiredService<TwilioSms>()
            : sp.GetRequiredService<OutboxSms>());
        return services;
    }

    /// <summary>The base of personal links: <see cref="OutreachOptions.PublicUrl"/>, else this request's address.</summary>
    public static Uri BaseUrl(HttpRequest request, OutreachOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var url = options.PublicUrl?.AbsoluteUri ?? request.Scheme + "://" + request.Host + request.PathBase;
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }

    public const string InboundSmsPath = "/outreach/sms/inbound";

    /// <summary>
    /// The inbound-SMS webhook Twilio calls with each text sent back (a form POST of From, To, Body, ...). It is outside
    /// Razor Pages and exempt from antiforgery only because Twilio's signature authenticates it: a missing or wrong
    /// signature gets 403; with the development provider (<c>Outbox</c>) it answers 404, never unsigned. Answers TwiML.
    /// </summary>
    public static IEndpointRouteBuilder MapOutreach(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(InboundSmsPath, async (HttpContext context, SmsReplies replies, IOptions<OutreachOptions> options,
                CancellationToken cancellationToken) =>
            {
                if (!context.Request.HasFormContentType)
                {
                    return Results.BadRequest();
                }

                if (options.Value.SmsProvider == "Outbox")
                {
                    // No text left the practice, so there is nothing to answer; replies are simulated on the staff-only outbox page.
                    return Results.NotFound();
                }

                var form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
                var parameters = form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value.ToString()));
                var url = SignedUrl(context.Request, options.Value);
                if (string.IsNullOrEmpty(options.Value.Twilio.AuthToken)
                    || !TwilioSignature.IsValid(url, parameters, context.Request.Headers["X-Twilio-Signature"], options.Value.Twilio.AuthToken))
                {
                    return Results.StatusCode(StatusCodes.Status403Forbidden);
                }

                var result = await replies.HandleAsync(form["From"], form["Body"], cancellationToken).ConfigureAwait(false);
                return Results.Text(TwiML(result.Answer), "application/xml");
            })
            .AllowAnonymous()
            .DisableAntiforgery();
        return endpoints;
    }

    /// <summary>An empty TwiML response, or one that texts <paramref name="answer"/> back.</summary>
    public static string TwiML(string? answer) => answer is null
        ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"
        : "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + SecurityElement.Escape(answer) + "</Message></Response>";

    /// <summary>The URL Twilio signed: the webhook's address under <see cref="OutreachOptions.PublicUrl"/> when set (behind a
    /// proxy the request's own address differs from the one configured at Twilio), else the request's, with its query.</summary>
    private static string SignedUrl(HttpRequest request, OutreachOptions options) =>
        options.PublicUrl is { } publicUrl
            ? new Uri(BaseUrl(request, options), InboundSmsPath.TrimStart('/')).AbsoluteUri + request.QueryString
            : request.Scheme + "://" + request.Host + request.PathBase + request.Path + request.QueryString;
}

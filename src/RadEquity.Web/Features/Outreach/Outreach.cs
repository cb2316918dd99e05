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
            .Validate(o => o.CapMessages > 0 && o.CapWindow > TimeSpan.Zero && o.LinkLifetime > TimeSpan.Zero,
                "RadEquity:Outreach needs a positive CapMessages, CapWindow and LinkLifetime.")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "RadEquity:Outreach:TimeZone is not a known time zone.")
            .Validate(o => o.SmsProvider is "Outbox" or "Twilio", "RadEquity:Outreach:SmsProvider is Outbox or Twilio.");
        services.AddDataProtection();
        services.AddSingleton<OutreachTokens>();
        services.AddSingleton<PatientContacts>();
        services.AddScoped<MessageTemplates>();
        services.AddScoped<Delivery>();
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
}

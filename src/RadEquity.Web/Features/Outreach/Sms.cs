using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Outreach;

/// <summary>Whether a text message left, and if not, why (a short reason without personal data).</summary>
internal sealed record SmsResult(bool IsSent, string? Reason)
{
    public static readonly SmsResult Sent = new(true, null);
}

/// <summary>Sends one text message. <c>RadEquity:Outreach:SmsProvider</c> chooses the implementation.</summary>
internal interface ISmsProvider
{
    Task<SmsResult> SendAsync(string to, string body, CancellationToken cancellationToken);
}

/// <summary>The development provider: keeps each message in <c>sms_outbox</c> (shown on /outreach/outbox) instead of sending it.</summary>
internal sealed class OutboxSms(StoreTarget store, TimeProvider time) : ISmsProvider
{
    public async Task<SmsResult> SendAsync(string to, string body, CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        db.SmsOutbox.Add(new SmsOutboxRow { To = to, Body = body, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return SmsResult.Sent;
    }
}

/// <summary>
/// Twilio's REST Messages endpoint: a form POST of To, From and Body to
/// <c>2010-04-01/Accounts/{sid}/Messages.json</c> with HTTP basic authentication (account SID and auth token).
/// </summary>
internal sealed class TwilioSms(HttpClient http, IOptions<OutreachOptions> options, ILogger<TwilioSms> log) : ISmsProvider
{
    public async Task<SmsResult> SendAsync(string to, string body, CancellationToken cancellationToken)
    {
        var twilio = options.Value.Twilio;
        if (string.IsNullOrEmpty(twilio.AccountSid) || string.IsNullOrEmpty(twilio.AuthToken) || string.IsNullOrEmpty(twilio.From))
        {
            return new SmsResult(false, "sms-not-configured");
        }

        var url = new Uri(twilio.BaseUrl, "2010-04-01/Accounts/" + Uri.EscapeDataString(twilio.AccountSid) + "/Messages.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent([new("To", to), new("From", twilio.From), new("Body", body)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(twilio.AccountSid + ":" + twilio.AuthToken)));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return SmsResult.Sent;
            }

            // The status only: the response body can echo the number and the text.
            log.LogWarning("The SMS provider answered {Status}.", (int)response.StatusCode);
            return new SmsResult(false, "provider-status-" + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (HttpRequestException e)
        {
            log.LogWarning("The SMS provider could not be reached: {Error}.", e.HttpRequestError);
            return new SmsResult(false, "provider-unreachable");
        }
    }
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Outreach;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Outreach;

/// <summary>Texts patients send back, through the inbound-SMS webhook as Twilio calls it (signed), on both stores.</summary>
public abstract class SmsReplyTests(TestStore store) : StoreAppTests(store)
{
    private const string AuthToken = "test-auth-token";
    private const string Webhook = "https://localhost/outreach/sms/inbound";

    // Noon in Chicago: outside quiet hours.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero));

    [SkippableFact]
    public async Task Inbound_SignedStopFromATextedNumber_OptsOutOfSmsAndTheNextTextIsSkipped()
    {
        SkipUnlessAvailable();
        // Stored as the patient wrote it; Twilio sends E.164.
        await TextedPatientAsync("p-stop", "(555) 010-0007");

        using var response = await PostSignedAsync("+15550100007", "  stop ");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response/>""", await response.Content.ReadAsStringAsync());
        var optOut = Assert.Single(await ReadAsync(db => db.OutreachOptOuts.AsNoTracking().ToListAsync()));
        Assert.Equal(("p-stop", "sms", "sms-reply"), (optOut.PatientId, optOut.Channel, optOut.Via));
        Assert.Equal((AttemptOutcome.Skipped, SkipReason.OptedOut), await SendSmsAsync("p-stop"));
        var reply = await ReadAsync(db => db.OutreachAttempts.AsNoTracking().Where(a => a.Outcome == AttemptOutcome.Reply).SingleAsync());
        Assert.Equal(("p-stop", "sms", "stop"), (reply.PatientId, reply.Channel, reply.Reason));
    }

    [SkippableFact]
    public async Task Inbound_StopAmongHundredsOfTextedPatients_OptsOutEveryPatientOnThatNumberOnly()
    {
        SkipUnlessAvailable();
        // More texted patients than one read of contacts takes (500), two of them on one family phone.
        for (var i = 0; i < 520; i++)
        {
            var phone = i is 7 or 511 ? "+15550109999" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"+1555011{i:D4}");
            await TextedPatientAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"p-many-{i:D3}"), phone);
        }

        using var response = await PostSignedAsync("+15550109999", "STOP");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var optedOut = await ReadAsync(db => db.OutreachOptOuts.AsNoTracking().OrderBy(o => o.PatientId).Select(o => o.PatientId).ToListAsync());
        Assert.Equal(["p-many-007", "p-many-511"], optedOut);
    }

    [SkippableTheory]
    [InlineData(null)]
    [InlineData("wrong")]
    [InlineData("signed-for-another-body")]
    public async Task Inbound_MissingOrWrongSignature_ForbiddenAndNothingChanges(string? signature)
    {
        SkipUnlessAvailable();
        await TextedPatientAsync("p-forged", "+15550100008");
        var form = Form("+15550100008", "STOP");
        var header = signature == "signed-for-another-body" ? TwilioSignature.Compute(Webhook, Form("+15550100008", "HELLO"), AuthToken) : signature;

        using var response = await PostAsync(form, header);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await ReadAsync(db => db.OutreachOptOuts.AsNoTracking().ToListAsync()));
        Assert.Empty(await ReadAsync(db => db.OutreachAttempts.AsNoTracking().Where(a => a.Outcome == AttemptOutcome.Reply).ToListAsync()));
    }

    [SkippableFact]
    public async Task Inbound_StartAfterStop_TextsGoAgain()
    {
        SkipUnlessAvailable();
        await TextedPatientAsync("p-start", "+15550100009");
        using (var stop = await PostSignedAsync("+15550100009", "UNSUBSCRIBE"))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }

        Assert.Single(await ReadAsync(db => db.OutreachOptOuts.AsNoTracking().ToListAsync()));

        using var start = await PostSignedAsync("+15550100009", "Start");

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Empty(await ReadAsync(db => db.OutreachOptOuts.AsNoTracking().ToListAsync()));
        // Opted in again: the send reaches the provider (not configured here, so it fails there, not at the opt-out).
        Assert.Equal((AttemptOutcome.Failed, "sms-not-configured"), await SendSmsAsync("p-start"));
    }

    [SkippableFact]
    public async Task Inbound_UnknownOrNotRecentlyTextedNumber_ChangesNothing()
    {
        SkipUnlessAvailable();
        await TextedPatientAsync("p-old", "+15550100010", textedDaysAgo: 120);
        await TextedPatientAsync("p-known", "+15550100011");

        using var unknown = await PostSignedAsync("+15550109999", "STOP");
        using var old = await PostSignedAsync("+15550100010", "STOP");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Empty(await ReadAsync(db => db.OutreachOptOuts.AsNoTracking().ToListAsync()));
        Assert.Empty(await ReadAsync(db => db.OutreachAttempts.AsNoTracking().Where(a => a.Outcome == AttemptOutcome.Reply).ToListAsync()));
    }

    [SkippableFact]
    public async Task Inbound_Help_AnswersInThePatientsLanguageAndOptsNobodyOut()
    {
        SkipUnlessAvailable();
        await TextedPatientAsync("p-help", "+15550100012", language: "es");

        using var response = await PostSignedAsync("+15550100012", "help");

        var twiml = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("""<?xml version="1.0" encoding="UTF-8"?><Response><Message>Riverside Imaging: recordatorios""", twiml, StringComparison.Ordinal);
        Assert.Contains("(555) 010-0100", twiml, StringComparison.Ordinal);
        Assert.EndsWith("</Message></Response>", twiml, StringComparison.Ordinal);
        Assert.Empty(await ReadAsync(db => db.OutreachOptOuts.AsNoTracking().ToListAsync()));
    }

    [SkippableFact]
    public async Task Inbound_OtherText_LoggedAsAReplyAndIgnored()
    {
        SkipUnlessAvailable();
        await TextedPatientAsync("p-chat", "+15550100013");

        using var response = await PostSignedAsync("+15550100013", "Stop by tomorrow?");

        Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response/>""", await response.Content.ReadAsStringAsync());
        Assert.Empty(await ReadAsync(db => db.OutreachOptOuts.AsNoTracking().ToListAsync()));
        Assert.Equal("other", await ReadAsync(db => db.OutreachAttempts.AsNoTracking().Where(a => a.Outcome == AttemptOutcome.Reply)
            .Select(a => a.Reason).SingleAsync()));
    }

    [SkippableFact]
    public async Task OutboxPage_SimulatedStopWithTheDevelopmentProvider_OptsOut_WhileTheWebhookRefusesUnsignedReplies()
    {
        SkipUnlessAvailable();
        await TextedPatientAsync("p-sim", "+15550100014", development: true);
        using var navigator = await Factory.CreateSignedInClientForRoleAsync("Navigator");

        using var page = await Forms.PostAsync(navigator, "/outreach/outbox", [new("from", "555-010-0014"), new("body", "ALTO")],
            "/outreach/outbox?handler=Reply");
        using var webhook = await PostAsync(Form("+15550100014", "START"), signature: null);

        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("Read as stop; matched 1 texted patient(s): demo/p-sim.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
        var replies = await ReadAsync(db => db.OutreachAttempts.AsNoTracking().Where(a => a.Outcome == AttemptOutcome.Reply)
            .OrderBy(a => a.Id).Select(a => a.Reason).ToListAsync());
        Assert.Equal(["stop"], replies);
        Assert.Equal("sms-reply", await ReadAsync(db => db.OutreachOptOuts.AsNoTracking().Select(o => o.Via).SingleAsync()));
    }

    /// <summary>A patient with a mobile number who was sent a text (as Delivery logs one) some days ago.</summary>
    private async Task TextedPatientAsync(string id, string phone, int textedDaysAgo = 2, string language = "en", bool development = false)
    {
        if (!development)
        {
            Factory.Settings["RadEquity:Outreach:SmsProvider"] = "Twilio";
            Factory.Settings["RadEquity:Outreach:Twilio:AuthToken"] = AuthToken;
        }

        Factory.TestServices ??= services => services.AddSingleton<TimeProvider>(_clock);
        await OutreachPatients.AddAsync(Factory, _clock.GetUtcNow(), id, language, phone, email: null);
        await ReadAsync(db =>
        {
            db.OutreachAttempts.Add(new OutreachAttemptRow
            {
                Source = "demo",
                PatientId = id,
                Channel = "sms",
                Template = "mammogram.sms",
                Language = MessageTemplates.LanguageFor(language),
                AttemptedAt = _clock.GetUtcNow().AddDays(-textedDaysAgo),
                Outcome = AttemptOutcome.Sent,
            });
            return db.SaveChangesAsync();
        });
    }

    private static List<KeyValuePair<string, string>> Form(string from, string body) =>
        [new("MessageSid", "SM0123456789abcdef0123456789abcdef"), new("From", from), new("To", "+15550100100"), new("Body", body)];

    private Task<HttpResponseMessage> PostSignedAsync(string from, string body)
    {
        var form = Form(from, body);
        return PostAsync(form, TwilioSignature.Compute(Webhook, form, AuthToken));
    }

    private async Task<HttpResponseMessage> PostAsync(List<KeyValuePair<string, string>> form, string? signature)
    {
        using var client = Factory.CreateHttpsClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/outreach/sms/inbound") { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        return await client.SendAsync(request);
    }

    private async Task<(string Outcome, string? Reason)> SendSmsAsync(string patientId)
    {
        using var scope = Factory.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<Delivery>().SendAsync(new DeliveryRequest("demo", patientId, GapKind.Mammogram,
            Channel.Sms, new DateOnly(2026, 10, 1), new HashSet<PatientBarrier>()), new Uri("https://localhost/"), null, CancellationToken.None);
        return (result.Outcome, result.Reason);
    }

    private async Task<T> ReadAsync<T>(Func<RadEquityDbContext, Task<T>> read)
    {
        using var scope = Factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<RadEquityDbContext>());
    }
}

public sealed class SmsReplySqliteTests() : SmsReplyTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class SmsReplyPostgresTests(PostgresTestServer server) : SmsReplyTests(TestStore.Postgres(server));

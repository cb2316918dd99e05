using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Outreach;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Outreach;

/// <summary>Delivery through the app on both stores: e-mail through the SMTP listener, texts to the outbox, letters, the rules, the personal page.</summary>
public abstract partial class DeliveryTests(TestStore store, SmtpListener smtp) : StoreAppTests(store)
{
    // Noon in Chicago (the default practice time zone): outside quiet hours.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero));

    private static readonly Uri BaseUrl = new("https://localhost/");

    private static readonly HashSet<PatientBarrier> Cost = [PatientBarrier.Cost];

    [SkippableFact]
    public async Task Send_EmailInSpanish_ArrivesThroughSmtpWithAPersonalLinkThatTakesACallBack()
    {
        SkipUnlessAvailable();
        var email = "paciente-" + Guid.NewGuid().ToString("N")[..8] + "@example.org";
        await SeedPatientAsync("p-es", "es", phone: null, email);

        var result = await SendAsync("p-es", Channel.Email);

        Assert.Equal(AttemptOutcome.Sent, result.Outcome);
        var mail = Assert.Single(await smtp.WaitForAsync(email));
        Assert.Equal("Un recordatorio de salud de Riverside Imaging", mail.Message.Subject);
        Assert.StartsWith("Estimado/a Ana:", mail.Text, StringComparison.Ordinal);
        Assert.Contains(MessageTemplates.Text("Block_cost", "es"), mail.Text, StringComparison.Ordinal);
        // Needs an interpreter (seeded so): the language block comes without being asked for.
        Assert.Contains(MessageTemplates.Text("Block_language", "es"), mail.Text, StringComparison.Ordinal);
        var link = new Uri(LinkPattern().Match(mail.Text).Value);
        var token = WebUtility.UrlDecode(link.Query["?t=".Length..]);

        using var client = Factory.CreateHttpsClient();
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(link.PathAndQuery));
        Assert.Contains("<html lang=\"es\">", page, StringComparison.Ordinal);
        Assert.Contains("Hola, Ana.", page, StringComparison.Ordinal);
        using var posted = await Forms.PostAsync(client, link.PathAndQuery, [new("t", token)], "/outreach/link?handler=CallBack");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains(MessageTemplates.Text("Page_Thanks", "es"), await TextAsync(posted), StringComparison.Ordinal);
        using var windowPosted = await Forms.PostAsync(client, link.PathAndQuery, [new("t", token), new("window", "weekends")],
            "/outreach/link?handler=Window");
        Assert.Equal(HttpStatusCode.OK, windowPosted.StatusCode);

        var requests = await ReadAsync(db => db.OutreachRequests.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(["call-back", "weekends"], requests.Select(r => r.Kind));
        Assert.All(requests, r => Assert.Equal(("p-es", "mammogram", "es"), (r.PatientId, r.Gap, r.Language)));
    }

    [SkippableFact]
    public async Task Send_TextsToTheOutbox_UntilTheCapThenSkipped()
    {
        SkipUnlessAvailable();
        Factory.Settings["RadEquity:Outreach:CapMessages"] = "2";
        await SeedPatientAsync("p-en", "en", "+15550100007", email: null);

        var outcomes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var result = await SendAsync("p-en", Channel.Sms);
            outcomes.Add(result.Outcome + ":" + result.Reason);
        }

        Assert.Equal(["sent:", "sent:", "skipped:cap"], outcomes);
        var outbox = await ReadAsync(db => db.SmsOutbox.AsNoTracking().ToListAsync());
        Assert.Equal(2, outbox.Count);
        Assert.All(outbox, m => Assert.Equal("+15550100007", m.To));
        Assert.StartsWith("Hi Ana, this is Riverside Imaging. It is time for your mammogram.", outbox[0].Body, StringComparison.Ordinal);
        Assert.Contains("Reply STOP", outbox[0].Body, StringComparison.Ordinal);

        // A week on, the window has moved past the first two.
        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(AttemptOutcome.Sent, (await SendAsync("p-en", Channel.Sms)).Outcome);
    }

    [SkippableFact]
    public async Task Send_QuietHoursNoContactAndOptOut_AreSkippedAndLogged()
    {
        SkipUnlessAvailable();
        await SeedPatientAsync("p-vi", "vi", "+15550100008", "vi@example.org");
        await SeedPatientAsync("p-none", "en", phone: null, email: null);

        // 21:30 in Chicago: no texts; e-mail may still go (it waits in the inbox).
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 3, 30, 0, TimeSpan.Zero));
        Assert.Equal(SkipReason.QuietHours, (await SendAsync("p-vi", Channel.Sms)).Reason);
        Assert.Equal(SkipReason.NoContact, (await SendAsync("p-none", Channel.Email)).Reason);

        // The patient stops messages from the personal page: every channel is skipped after that.
        using (var scope = Factory.Services.CreateScope())
        {
            var token = scope.ServiceProvider.GetRequiredService<OutreachTokens>().Create(new PersonalLink("demo", "p-vi", GapKind.Lung, "vi"));
            using var client = Factory.CreateHttpsClient();
            var path = "/outreach/link?t=" + Uri.EscapeDataString(token);
            using var stopped = await Forms.PostAsync(client, path, [new("t", token)], "/outreach/link?handler=Stop");
            Assert.Contains(MessageTemplates.Text("Page_Stopped", "vi"), await TextAsync(stopped), StringComparison.Ordinal);
        }

        Assert.Equal(SkipReason.OptedOut, (await SendAsync("p-vi", Channel.Email)).Reason);
        var attempts = await ReadAsync(db => db.OutreachAttempts.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(
            ["p-vi sms vi skipped quiet-hours", "p-none email en skipped no-contact", "p-vi email vi skipped opted-out"],
            attempts.Select(a => $"{a.PatientId} {a.Channel} {a.Language} {a.Outcome} {a.Reason}"));
        Assert.Empty(smtp.To("vi@example.org"));
    }

    [SkippableFact]
    public async Task Send_Letter_GoesIntoABatchWithTheAddress()
    {
        SkipUnlessAvailable();
        await SeedPatientAsync("p-zh", "zh", phone: null, email: null);
        var batch = await ReadAsync(async db =>
        {
            var row = new LetterBatchRow { CreatedAt = _clock.GetUtcNow(), CreatedBy = "test" };
            db.LetterBatches.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });

        var result = await SendAsync("p-zh", Channel.Letter, batch);

        Assert.Equal(AttemptOutcome.Sent, result.Outcome);
        var letter = Assert.Single(await ReadAsync(db => db.Letters.AsNoTracking().ToListAsync()));
        Assert.Equal((batch, "zh-Hans"), (letter.BatchId, letter.Language));
        Assert.Equal("Ana\n1 Main St\nSpringfield, IL 62701", letter.Address);
        Assert.StartsWith("Ana您好：", letter.Body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SendPage_NavigatorSendsLettersAndTexts_PrintsTheBatchAndShowsTheOutbox()
    {
        SkipUnlessAvailable();
        await SeedPatientAsync("p-a", "en", "+15550100011", email: null);
        await SeedPatientAsync("p-b", "es", phone: null, email: null);
        using var client = await Factory.CreateSignedInClientForRoleAsync("Navigator");

        using var letters = await Forms.PostAsync(client, "/outreach/send", [new("patients", "demo/p-a\ndemo/p-b"), new("gap", "Colorectal"),
            new("channel", "Letter"), new("dueDate", "2026-09-30"), new("barriers", "Time")]);
        var html = await TextAsync(letters);
        Assert.Equal(2, Regex.Count(html, "data-testid=\"attempt\"><td>demo/p-[ab]</td><td>sent</td>"));
        var batch = Regex.Match(html, "/outreach/letters/(\\d+)").Groups[1].Value;
        var printed = WebUtility.HtmlDecode(await client.GetStringAsync("/outreach/letters/" + batch));
        Assert.Equal(2, Regex.Count(printed, "class=\"letter\""));
        Assert.Contains("It is time for your colon cancer test.", printed, StringComparison.Ordinal);
        Assert.Contains("We are open some evenings and on weekends.", printed, StringComparison.Ordinal);
        Assert.Contains("Es hora de su prueba de cáncer de colon.", printed, StringComparison.Ordinal);
        Assert.Contains("September 30, 2026", printed, StringComparison.Ordinal);

        using var texts = await Forms.PostAsync(client, "/outreach/send", [new("patients", "demo/p-a\ndemo/p-b"), new("gap", "Lung"),
            new("channel", "Sms")]);
        html = await TextAsync(texts);
        Assert.Contains("<td>demo/p-a</td><td>sent</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>demo/p-b</td><td>skipped</td><td>no-contact</td>", html, StringComparison.Ordinal);
        var outbox = WebUtility.HtmlDecode(await client.GetStringAsync("/outreach/outbox"));
        Assert.Contains("It is time for your lung scan.", outbox, StringComparison.Ordinal);

        var audited = await ReadAsync(db => db.AuditEvents.AsNoTracking().Select(e => e.What).ToListAsync());
        Assert.Contains("letter-batch", audited);
        Assert.Contains("sms-outbox", audited);
        Assert.Contains("outreach-send", audited);
    }

    [SkippableFact]
    public async Task LinkPage_TamperedAndExpired_AreRefusedAndExpiredSaysSo()
    {
        SkipUnlessAvailable();
        await SeedPatientAsync("p-es", "es", phone: null, email: null);
        string token;
        using (var scope = Factory.Services.CreateScope())
        {
            token = scope.ServiceProvider.GetRequiredService<OutreachTokens>().Create(new PersonalLink("demo", "p-es", GapKind.FollowUp, "es"));
        }

        using var client = Factory.CreateHttpsClient();
        var tampered = token[..^3] + (token[^3] == 'x' ? "y" : "x") + token[^2..];
        using var refused = await client.GetAsync("/outreach/link?t=" + Uri.EscapeDataString(tampered));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(MessageTemplates.Text("Page_Invalid", "en"), await TextAsync(refused), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromDays(31));
        using var expired = await client.GetAsync("/outreach/link?t=" + Uri.EscapeDataString(token));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        var html = await TextAsync(expired);
        Assert.Contains("<html lang=\"es\">", html, StringComparison.Ordinal);
        Assert.Contains(MessageTemplates.Text("Page_Expired", "es"), html, StringComparison.Ordinal);
    }

    // Razor writes letters outside ASCII as character references.
    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private async Task<DeliveryResult> SendAsync(string patientId, Channel channel, long? batch = null)
    {
        using var scope = Factory.Services.CreateScope();
        var delivery = scope.ServiceProvider.GetRequiredService<Delivery>();
        return await delivery.SendAsync(new DeliveryRequest("demo", patientId, GapKind.Mammogram, channel, new DateOnly(2026, 10, 1), Cost),
            BaseUrl, batch, CancellationToken.None);
    }

    private async Task<T> ReadAsync<T>(Func<RadEquityDbContext, Task<T>> read)
    {
        using var scope = Factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<RadEquityDbContext>());
    }

    /// <summary>A patient fact and its raw Patient resource (where contact details live), as ingest stores them.</summary>
    private async Task SeedPatientAsync(string id, string language, string? phone, string? email)
    {
        foreach (var (key, value) in smtp.Settings)
        {
            Factory.Settings.TryAdd(key, value);
        }

        Factory.TestServices ??= services => services.AddSingleton<TimeProvider>(_clock);
        await OutreachPatients.AddAsync(Factory, _clock.GetUtcNow(), id, language, phone, email);
    }

    [GeneratedRegex(@"https://localhost/outreach/link\?t=\S+")]
    private static partial Regex LinkPattern();
}

public sealed class DeliverySqliteTests(SmtpListener smtp) : DeliveryTests(TestStore.Sqlite, smtp), IClassFixture<SmtpListener>;

[Collection(PostgresTestGroup.Name)]
public sealed class DeliveryPostgresTests(PostgresTestServer server, SmtpListener smtp)
    : DeliveryTests(TestStore.Postgres(server), smtp), IClassFixture<SmtpListener>;

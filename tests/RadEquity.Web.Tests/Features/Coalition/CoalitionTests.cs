using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Coalition;

/// <summary>
/// The coalition hub end to end on both stores, with e-mail going over a real SMTP connection to
/// <see cref="SmtpListener"/>: double opt-in, the wall, abuse defences, unsubscribe and the person's data rights.
/// </summary>
public abstract class CoalitionTests(TestStore store, SmtpListener smtp) : StoreAppTests(store)
{
    private const string PledgePage = "/coalition/pledge";

    [SkippableFact]
    public async Task Pledge_NewAddress_MailsOneLinkThatConfirmsOnce()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var email = NewAddress();

        using var saved = await Forms.PostAsync(client, PledgePage, PledgeFields(email, "Grace Hopper"));

        Assert.Contains("data-testid=\"pledge-outcome\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var mail = Assert.Single(await smtp.WaitForAsync(email));
        Assert.Equal("Confirm your RadEquity coalition pledge", mail.Message.Subject);
        Assert.Contains("it works for 7 days", mail.Text, StringComparison.Ordinal);
        var link = mail.Link("/coalition/confirm");
        Assert.DoesNotContain("Grace Hopper", await client.GetStringAsync("/coalition/pledges"), StringComparison.Ordinal);

        // Opening the link (as a mail scanner does) only shows the button.
        Assert.Contains("Confirm my pledge", await client.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        Assert.Null((await PledgeAsync(app, email))!.ConfirmedAt);

        using var first = await Forms.PostAsync(client, link.PathAndQuery, []);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("your pledge is confirmed", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var confirmedAt = (await PledgeAsync(app, email))!.ConfirmedAt;
        Assert.NotNull(confirmedAt);
        using var second = await Forms.PostAsync(client, PledgePage, [], action: link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("already confirmed", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("already confirmed", await client.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        Assert.Equal(confirmedAt, (await PledgeAsync(app, email))!.ConfirmedAt);

        var wall = await client.GetStringAsync("/coalition/pledges");
        Assert.Contains("Grace Hopper", wall, StringComparison.Ordinal);
        Assert.Contains("Confirmed pledges: 1.", wall, StringComparison.Ordinal);
        Assert.Single(smtp.To(email));
    }

    [SkippableFact]
    public async Task Confirm_TamperedOrMissingToken_RefusedAndNothingConfirmed()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var email = NewAddress();
        using var _ = await Forms.PostAsync(client, PledgePage, PledgeFields(email));
        var link = Assert.Single(await smtp.WaitForAsync(email)).Link("/coalition/confirm").PathAndQuery;
        var at = link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length + 20;
        var tampered = link[..at] + (link[at] == 'A' ? 'B' : 'A') + link[(at + 1)..];

        using var refused = await client.GetAsync(tampered);
        using var pressed = await Forms.PostAsync(client, PledgePage, [], action: tampered);
        using var missing = await client.GetAsync("/coalition/confirm");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("This link cannot be used", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, pressed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Null((await PledgeAsync(app, email))!.ConfirmedAt);
        // A link made for another purpose does not confirm either.
        var unsubscribe = Assert.Single(smtp.To(email)).Link("/coalition/unsubscribe");
        using var wrongPurpose = await Forms.PostAsync(client, PledgePage, [], action: "/coalition/confirm" + unsubscribe.Query);
        Assert.Equal(HttpStatusCode.BadRequest, wrongPurpose.StatusCode);
        Assert.Null((await PledgeAsync(app, email))!.ConfirmedAt);
    }

    [SkippableFact]
    public async Task Confirm_LinkOlderThanItsLifetime_Refused()
    {
        SkipUnlessAvailable();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var app = App();
        app.TestServices = services => services.AddSingleton<TimeProvider>(clock);
        using var client = app.CreateHttpsClient();
        var email = NewAddress();
        using var _ = await Forms.PostAsync(client, PledgePage, PledgeFields(email));
        var link = Assert.Single(await smtp.WaitForAsync(email)).Link("/coalition/confirm").PathAndQuery;

        // A second before the 7 days are up the link still works (it only looks); a second after, it has expired.
        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Contains("Confirm my pledge", await client.GetStringAsync(link), StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromSeconds(2));
        using var opened = await client.GetAsync(link);
        using var refused = await Forms.PostAsync(client, PledgePage, [], action: link);

        Assert.Equal(HttpStatusCode.BadRequest, opened.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("This link has expired", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("is incomplete or was changed", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await PledgeAsync(app, email))!.ConfirmedAt);
    }

    [SkippableFact]
    public async Task Wall_ConfirmedAndUnconfirmed_ShowsOnlyConfirmedWithConsentedNamesEncodedTextAndCounts()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var named = NewAddress();
        var unnamed = NewAddress();
        var unconfirmed = NewAddress();
        await PledgeAndConfirmAsync(client, named, PledgeFields(named, "Named Person", state: "TX", role: "radiologist", actions: ["measure", "hours"]));
        await PledgeAndConfirmAsync(client, unnamed, PledgeFields(unnamed, "Hidden Person", showName: false, state: "TX", role: "navigator",
            actions: ["hours"], commitment: "<script>alert('x')</script> evening clinics"));
        using (var _ = await Forms.PostAsync(client, PledgePage, PledgeFields(unconfirmed, "Pending Person", state: "NM", actions: ["coverage"])))
        {
        }

        var wall = await client.GetStringAsync("/coalition/pledges");

        Assert.Contains("Confirmed pledges: 2.", wall, StringComparison.Ordinal);
        Assert.Contains("Named Person", wall, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden Person", wall, StringComparison.Ordinal);
        Assert.Contains("A coalition member", wall, StringComparison.Ordinal);
        Assert.DoesNotContain("Pending Person", wall, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", wall, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; evening clinics", wall, StringComparison.Ordinal);
        Assert.Equal("2", Cell(wall, "by-state", "Texas"));
        Assert.Null(Cell(wall, "by-state", "New Mexico"));
        Assert.Equal("1", Cell(wall, "by-role", "Radiologist"));
        Assert.Equal("1", Cell(wall, "by-role", "Patient navigator"));
        Assert.Equal("2", Cell(wall, "by-action", "Offer extended or weekend hours"));
        Assert.Equal("1", Cell(wall, "by-action", "Measure my practice&#x27;s screening disparities"));
        Assert.Null(Cell(wall, "by-action", "Help patients navigate insurance coverage"));
    }

    [SkippableFact]
    public async Task Pledge_HoneypotFilled_LooksAcceptedButNothingStoredOrSent()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var email = NewAddress();

        using var response = await Forms.PostAsync(client, PledgePage, [.. PledgeFields(email), new("Homepage", "http://spam.example")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"pledge-outcome\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await PledgeAsync(app, email));
        await Task.Delay(500);
        Assert.Empty(smtp.To(email));
    }

    [SkippableFact]
    public async Task Pledge_InvalidFields_ShowsEachProblemAndStoresNothing()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();

        using var response = await Forms.PostAsync(client, PledgePage,
            [new("Input.Name", ""), new("Input.Email", "not-an-address"), new("Input.Role", "king"), new("Input.Organisation", ""),
                new("Input.State", "XX"), new("Input.PracticeSetting", ""), new("Input.Commitment", ""), new("Homepage", "")]);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"errors\"", html, StringComparison.Ordinal);
        foreach (var field in new[] { "Name", "Email", "Role", "State", "PracticeSetting", "Actions" })
        {
            Assert.Contains($"href=\"#Input_{field}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("Enter a valid e-mail address", html, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(app));
    }

    [SkippableFact]
    public async Task Pledge_SameAddressAgain_UpdatesUntilConfirmedThenOnlyMailsTheDataLink()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var email = NewAddress();

        using (var _ = await Forms.PostAsync(client, PledgePage, PledgeFields(email, "First Name")))
        {
        }

        using (var _ = await Forms.PostAsync(client, PledgePage, PledgeFields("  " + email.ToUpperInvariant() + " ", "Second Name")))
        {
        }

        var mails = await smtp.WaitForAsync(email, 2);
        Assert.Equal(1, await CountAsync(app));
        Assert.Equal("Second Name", (await PledgeAsync(app, email))!.Name);
        using (var confirmed = await Forms.PostAsync(client, mails[^1].Link("/coalition/confirm").PathAndQuery, []))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        using (var _ = await Forms.PostAsync(client, PledgePage, PledgeFields(email, "Third Name")))
        {
        }

        // Confirmed and public: a form for the address cannot rewrite it; the mailbox gets its data link.
        var after = await smtp.WaitForAsync(email, 3);
        Assert.Contains("/coalition/my-pledge/data", after[^1].Link("/coalition/my-pledge/data").AbsolutePath, StringComparison.Ordinal);
        var row = await PledgeAsync(app, email);
        Assert.Equal("Second Name", row!.Name);
        Assert.NotNull(row.ConfirmedAt);
        Assert.Equal(1, await CountAsync(app));
    }

    [SkippableFact]
    public async Task Unsubscribe_LinkInEveryMail_IsHonouredAndStopsFurtherMail()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var email = NewAddress();
        using (var _ = await Forms.PostAsync(client, PledgePage, PledgeFields(email)))
        {
        }

        var mail = Assert.Single(await smtp.WaitForAsync(email));
        var link = mail.Link("/coalition/unsubscribe");
        Assert.Contains("Unsubscribe", await client.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        Assert.Null((await PledgeAsync(app, email))!.UnsubscribedAt);

        using var unsubscribed = await Forms.PostAsync(client, link.PathAndQuery, []);

        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.Contains("You are unsubscribed", await unsubscribed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull((await PledgeAsync(app, email))!.UnsubscribedAt);
        using (var _ = await Forms.PostAsync(client, PledgePage, PledgeFields(email)))
        {
        }

        await Task.Delay(500);
        Assert.Single(smtp.To(email));
    }

    [SkippableFact]
    public async Task Unsubscribe_OneClickFromTheMailHeader_PostsWithoutAPageAndIsHonoured()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var email = NewAddress();
        using (var _ = await Forms.PostAsync(client, PledgePage, PledgeFields(email)))
        {
        }

        var mail = Assert.Single(await smtp.WaitForAsync(email));
        Assert.Equal("List-Unsubscribe=One-Click", mail.Message.Headers["List-Unsubscribe-Post"]);
        var header = mail.Message.Headers["List-Unsubscribe"]!;
        var oneClick = new Uri(header.Trim('<', '>'));
        Assert.Equal("/coalition/unsubscribe/one-click", oneClick.AbsolutePath);

        // RFC 8058: the mail program POSTs this body to the header's address, with no cookie and no antiforgery token.
        using var anyone = app.CreateHttpsClient();
        using var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        using var done = await anyone.PostAsync(oneClick.PathAndQuery, body);
        using var broken = await anyone.PostAsync("/coalition/unsubscribe/one-click?token=broken", null);

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.NotNull((await PledgeAsync(app, email))!.UnsubscribedAt);
    }

    [SkippableFact]
    public async Task MyPledge_LinkByMail_ExportsJsonThenDeletesTheRow()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var email = NewAddress();
        await PledgeAndConfirmAsync(client, email, PledgeFields(email, "Data Owner", actions: ["language", "telehealth"]));

        using (var asked = await Forms.PostAsync(client, "/coalition/my-pledge", [new("Email", email.ToUpperInvariant())]))
        {
            Assert.Contains("data-testid=\"my-pledge-outcome\"", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var mails = await smtp.WaitForAsync(email, 2);
        var link = mails[^1].Link("/coalition/my-pledge/data");
        Assert.Equal("Your RadEquity pledge data", mails[^1].Message.Subject);
        Assert.Contains("it works for 24 hours", mails[^1].Text, StringComparison.Ordinal);
        mails[^1].Link("/coalition/unsubscribe");
        Assert.Contains("Data Owner", await client.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);

        using var export = await client.GetAsync(link.PathAndQuery + "&handler=export");
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
        Assert.Equal(email, json.RootElement.GetProperty("email").GetString());
        Assert.Equal("Data Owner", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(["language", "telehealth"], json.RootElement.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.NotEqual(JsonValueKind.Null, json.RootElement.GetProperty("confirmedAt").ValueKind);

        using var deleted = await Forms.PostAsync(client, link.PathAndQuery, [new("token", Token(link))], action: "/coalition/my-pledge/data?handler=delete");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Contains("are deleted", await deleted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await PledgeAsync(app, email));
        using var after = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, after.StatusCode);
        Assert.DoesNotContain("Data Owner", await client.GetStringAsync("/coalition/pledges"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task MyPledge_UnknownAddress_SameAnswerAndNoMail()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var email = NewAddress();

        using var asked = await Forms.PostAsync(client, "/coalition/my-pledge", [new("Email", email)]);

        Assert.Contains("If a pledge exists for that address", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Empty(smtp.To(email));
    }

    [SkippableFact]
    public async Task Pledge_MorePostsThanTheLimit_Answers429()
    {
        SkipUnlessAvailable();
        var app = App();
        app.Settings["RadEquity:Coalition:PostsPerWindow"] = "2";
        using var client = app.CreateHttpsClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await Forms.PostAsync(client, PledgePage, PledgeFields(NewAddress()));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, await CountAsync(app));
        using var page = await client.GetAsync(PledgePage);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [SkippableFact]
    public async Task Pledge_NoSmtpConfigured_SavesAndSaysSoWithoutFailing()
    {
        SkipUnlessAvailable();
        using var client = Factory.CreateHttpsClient();
        var email = NewAddress();

        Assert.Contains("data-testid=\"mail-not-configured\"", await client.GetStringAsync(PledgePage), StringComparison.Ordinal);
        using var response = await Forms.PostAsync(client, PledgePage, PledgeFields(email));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("E-mail is not set up on this server", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await PledgeAsync(Factory, email));
    }

    [SkippableFact]
    public async Task Pledge_SpanishChosen_PageMailAndLinksInSpanishAndRemembered()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var email = NewAddress();

        var spanish = await client.GetStringAsync(PledgePage + "?culture=es");
        var remembered = await client.GetStringAsync("/coalition/pledges");
        using var _ = await Forms.PostAsync(client, PledgePage, PledgeFields(email));

        Assert.Contains("<html lang=\"es\">", spanish, StringComparison.Ordinal);
        Assert.Contains("Comprométase a actuar", System.Net.WebUtility.HtmlDecode(spanish), StringComparison.Ordinal);
        Assert.Contains("Muro de compromisos", System.Net.WebUtility.HtmlDecode(remembered), StringComparison.Ordinal);
        var mail = Assert.Single(await smtp.WaitForAsync(email));
        Assert.Equal("Confirme su compromiso con la coalición RadEquity", mail.Message.Subject);
        Assert.Contains("culture=es", mail.Link("/coalition/confirm").Query, StringComparison.Ordinal);
        Assert.Equal("es", (await PledgeAsync(app, email))!.Culture);
        Assert.Contains("<html lang=\"en\">", await client.GetStringAsync(PledgePage + "?culture=en"), StringComparison.Ordinal);
    }

    private RadEquityWebFactory App()
    {
        var app = NewFactory(configureAdministrator: true);
        foreach (var (key, value) in smtp.Settings)
        {
            app.Settings[key] = value;
        }

        return app;
    }

    private async Task PledgeAndConfirmAsync(HttpClient client, string email, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var before = smtp.To(email).Count;
        using (var _ = await Forms.PostAsync(client, PledgePage, fields))
        {
        }

        var mails = await smtp.WaitForAsync(email, before + 1);
        using var confirmed = await Forms.PostAsync(client, mails[^1].Link("/coalition/confirm").PathAndQuery, []);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    internal static KeyValuePair<string, string>[] PledgeFields(
        string email, string name = "Ada Lovelace", bool showName = true, string state = "CA", string role = "radiologist",
        string[]? actions = null, string commitment = "Saturday mammography every month.") =>
    [
        new("Input.Name", name), new("Input.Email", email), new("Input.Role", role), new("Input.Organisation", "Harbour Imaging"),
        new("Input.State", state), new("Input.PracticeSetting", "community-hospital"), new("Input.Commitment", commitment),
        .. (actions ?? ["measure"]).Select(a => new KeyValuePair<string, string>("Input.Actions", a)),
        .. showName ? [new KeyValuePair<string, string>("Input.ShowName", "true")] : Array.Empty<KeyValuePair<string, string>>(),
    ];

    private static string NewAddress() => "pledger-" + Guid.NewGuid().ToString("N")[..10] + "@coalition.test";

    private static string Token(Uri link) =>
        Uri.UnescapeDataString(link.Query.TrimStart('?').Split('&').Single(p => p.StartsWith("token=", StringComparison.Ordinal))["token=".Length..]);

    /// <summary>The count in the row of table <paramref name="table"/> whose first cell is <paramref name="label"/>.</summary>
    private static string? Cell(string html, string table, string label)
    {
        var start = html.IndexOf($"data-testid=\"{table}\"", StringComparison.Ordinal);
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        var match = System.Text.RegularExpressions.Regex.Match(html[start..end],
            "<tr><td>" + System.Text.RegularExpressions.Regex.Escape(label) + "</td><td class=\"num\">(\\d+)</td></tr>");
        return match.Success ? match.Groups[1].Value : null;
    }

    private static async Task<PledgeRow?> PledgeAsync(RadEquityWebFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        return await db.Pledges.AsNoTracking().SingleOrDefaultAsync(p => p.Email == email);
    }

    private static async Task<int> CountAsync(RadEquityWebFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().Pledges.CountAsync();
    }
}

public sealed class CoalitionSqliteTests(SmtpListener smtp) : CoalitionTests(TestStore.Sqlite, smtp), IClassFixture<SmtpListener>;

[Collection(PostgresTestGroup.Name)]
public sealed class CoalitionPostgresTests(PostgresTestServer server, SmtpListener smtp)
    : CoalitionTests(TestStore.Postgres(server), smtp), IClassFixture<SmtpListener>;

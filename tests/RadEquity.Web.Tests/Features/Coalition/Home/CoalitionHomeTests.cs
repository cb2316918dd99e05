using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Coalition.Home;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Coalition.Home;

/// <summary>
/// The hub's home slice end to end on both stores: organisations and facts kept by staff and shown to everyone,
/// joining with a confirmation e-mail through <see cref="SmtpListener"/>, organisations' requests and contact messages.
/// </summary>
public abstract class CoalitionHomeTests(TestStore store, SmtpListener smtp) : StoreAppTests(store)
{
    private const string OrganisationsPage = "/coalition/staff/organisations";
    private const string FactsPage = "/coalition/staff/facts";
    private const string StaffEmail = "staff-inbox@coalition.test";

    [SkippableFact]
    public async Task Organisations_StaffAddsEditsAndDeletes_HomeListsThem()
    {
        SkipUnlessAvailable();
        var app = App();
        using var staff = await app.CreateSignedInClientForRoleAsync(Roles.CoalitionStaff);
        using var visitor = app.CreateHttpsClient();
        Assert.Contains("data-testid=\"no-organisations\"", await visitor.GetStringAsync("/coalition"), StringComparison.Ordinal);

        using (var added = await Forms.PostAsync(staff, OrganisationsPage, OrganisationFields("Harbour Radiology Society", "society")))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        using (var practice = await Forms.PostAsync(staff, OrganisationsPage,
            [.. OrganisationFields("Valley Imaging <b>Group</b>", "practice"), new("Input.LinkedInstanceUrl", "https://radequity.valley.example")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, practice.StatusCode);
        }

        var home = await visitor.GetStringAsync("/coalition");
        Assert.Contains("Professional societies", home, StringComparison.Ordinal);
        Assert.Contains("Harbour Radiology Society", home, StringComparison.Ordinal);
        Assert.Contains("href=\"https://harbour.example.org/\" rel=\"noopener noreferrer\"", home, StringComparison.Ordinal);
        Assert.Contains("Imaging for every neighbourhood.", home, StringComparison.Ordinal);
        Assert.Contains("joined 3/1/2024", home, StringComparison.Ordinal);
        Assert.Contains("Valley Imaging &lt;b&gt;Group&lt;/b&gt;", home, StringComparison.Ordinal);
        Assert.True(home.IndexOf("Professional societies", StringComparison.Ordinal) < home.IndexOf("Practices", StringComparison.Ordinal));
        Assert.Contains("Sociedades profesionales", await visitor.GetStringAsync("/coalition?culture=es"), StringComparison.Ordinal);
        var valley = await OrganisationAsync(app, "Valley Imaging <b>Group</b>");
        Assert.Equal("https://radequity.valley.example", valley!.LinkedInstanceUrl);

        var society = (await OrganisationAsync(app, "Harbour Radiology Society"))!;
        using (var edited = await Forms.PostAsync(staff, OrganisationsPage + "?edit=" + society.Id,
            [.. OrganisationFields("Harbour Radiological Society", "academic"), new("edit", society.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]))
        {
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        }

        Assert.Equal(OrganisationKind.AcademicCentre, (await OrganisationAsync(app, "Harbour Radiological Society"))!.Kind);
        Assert.Null(await OrganisationAsync(app, "Harbour Radiology Society"));
        using (var deleted = await Forms.PostAsync(staff, OrganisationsPage, [], OrganisationsPage + "?handler=Delete&id=" + society.Id))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        home = await visitor.GetStringAsync("/coalition");
        Assert.DoesNotContain("Harbour Radiological Society", home, StringComparison.Ordinal);
        Assert.Contains("Valley Imaging", home, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Organisations_Member_CannotReadOrChangeThem()
    {
        SkipUnlessAvailable();
        var app = App();
        using var member = await app.CreateSignedInClientForRoleAsync(Roles.Member);

        using var page = await member.GetAsync(OrganisationsPage);
        // A valid antiforgery token from a page the member may see does not open the staff page's post.
        using var post = await Forms.PostAsync(member, "/coalition/contact", OrganisationFields("Sneaky Org", "other"), OrganisationsPage);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/access-denied", new Uri(RadEquityWebFactory.BaseAddress, page.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/account/access-denied", new Uri(RadEquityWebFactory.BaseAddress, post.Headers.Location!).AbsolutePath);
        Assert.Null(await OrganisationAsync(app, "Sneaky Org"));
    }

    [SkippableFact]
    public async Task Organisations_InvalidFields_NamesEachFieldAndStoresNothing()
    {
        SkipUnlessAvailable();
        var app = App();
        using var staff = await app.CreateSignedInClientForRoleAsync(Roles.CoalitionStaff);

        using var response = await Forms.PostAsync(staff, OrganisationsPage,
            [new("Input.Name", " "), new("Input.Kind", "guild"), new("Input.Website", "javascript:alert(1)"), new("Input.Summary", ""),
                new("Input.JoinedOn", "2999-01-01"), new("Input.LinkedInstanceUrl", "ftp://files.example")]);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var field in new[] { "Name", "Kind", "Website", "JoinedOn", "LinkedInstanceUrl" })
        {
            Assert.Contains($"href=\"#Input_{field}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("Enter the website as a full address starting with https://", html, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(app, db => db.MemberOrganisations));
    }

    [SkippableFact]
    public async Task Facts_FirstStartSeedsThem_RestartDoesNotAddThemAgain()
    {
        SkipUnlessAvailable();
        var first = App();
        using var visitor = first.CreateHttpsClient();
        var page = await visitor.GetStringAsync("/coalition/disparities");
        var spanish = await visitor.GetStringAsync("/coalition/disparities?culture=es");
        var seeded = DisparityFactSeed.Published.Count;

        var second = App();
        using var again = second.CreateHttpsClient();
        using var _ = await again.GetAsync("/coalition/disparities");

        Assert.True(seeded >= 6);
        Assert.Equal(seeded, await CountAsync(second, db => db.DisparityFacts));
        Assert.Contains("Black women are 42% more likely to die of breast cancer than white women", page, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.acscan.org/policy-resources/disparities-breast-cancer-african-american-women\"", page, StringComparison.Ordinal);
        Assert.Contains("(2017)", page, StringComparison.Ordinal);
        Assert.Contains("colorectal cancer death rate of Black men is 52% higher", page, StringComparison.Ordinal);
        Assert.Contains("Las mujeres negras tienen un 42 % más de probabilidades", WebUtility.HtmlDecode(spanish), StringComparison.Ordinal);
        Assert.Equal(seeded, System.Text.RegularExpressions.Regex.Count(page, "data-testid=\"fact\""));
    }

    [SkippableFact]
    public async Task Facts_StaffEditsAddsMovesAndDeletes_PageFollowsAndSpanishFallsBackToEnglish()
    {
        SkipUnlessAvailable();
        var app = App();
        using var staff = await app.CreateSignedInClientForRoleAsync(Roles.CoalitionStaff);
        using var visitor = app.CreateHttpsClient();
        var facts = await FactsAsync(app);

        using (var refused = await Forms.PostAsync(staff, FactsPage, FactFields("1", "javascript:alert(1)")))
        {
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("href=\"#Input_SourceUrl\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"#Input_Figure\"", html, StringComparison.Ordinal);
        }

        using (var added = await Forms.PostAsync(staff, FactsPage, FactFields("1", "https://example.org/report")))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var first = facts[0];
        using (var edited = await Forms.PostAsync(staff, FactsPage + "?edit=" + first.Id,
            [.. FactFields(first.Position.ToString(System.Globalization.CultureInfo.InvariantCulture), first.SourceUrl, figure: "41%"),
                new("edit", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]))
        {
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        }

        using (var deleted = await Forms.PostAsync(staff, FactsPage, [], FactsPage + "?handler=Delete&id=" + facts[^1].Id))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        var after = await FactsAsync(app);
        Assert.Equal(facts.Count, after.Count);
        Assert.Equal("Only one in ten eligible adults is screened.", after[0].StatementEn);
        Assert.Equal("41%", after.Single(f => f.Id == first.Id).Figure);
        Assert.DoesNotContain(after, f => f.Id == facts[^1].Id);

        using (var moved = await Forms.PostAsync(staff, FactsPage, [], FactsPage + "?handler=Move&id=" + after[0].Id + "&direction=down"))
        {
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }

        var reordered = await FactsAsync(app);
        Assert.Equal(after[1].Id, reordered[0].Id);
        Assert.Equal(after[0].Id, reordered[1].Id);
        var spanish = await visitor.GetStringAsync("/coalition/disparities?culture=es");
        Assert.Contains("<p lang=\"en\">Only one in ten eligible adults is screened.</p>", spanish, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Join_NewAddress_MailedLinkConfirmsOnceGrantsMemberAndTheMemberSignsIn()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var email = NewAddress();

        using (var joined = await Forms.PostAsync(client, "/coalition/join?culture=es", JoinFields(email)))
        {
            Assert.Contains("data-testid=\"join-outcome\"", await joined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var mail = Assert.Single(await smtp.WaitForAsync(email));
        Assert.Equal("Confirme su membresía en la coalición RadEquity", mail.Message.Subject);
        var link = mail.Link("/coalition/join/confirm").PathAndQuery;
        var (user, roles) = await AccountAsync(app, email);
        Assert.False(user!.EmailConfirmed);
        Assert.Empty(roles);
        Assert.Equal("Katherine Johnson", (await MemberAsync(app, user.Id))!.Name);

        var at = link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length + 12;
        var tampered = link[..at] + (link[at] == 'A' ? 'B' : 'A') + link[(at + 1)..];
        using (var refused = await client.GetAsync(tampered))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using (var pressed = await Forms.PostAsync(client, "/coalition/join", [], action: tampered))
        {
            Assert.Equal(HttpStatusCode.BadRequest, pressed.StatusCode);
        }

        using (var otherUser = await Forms.PostAsync(client, "/coalition/join", [], action: link.Replace("user=", "user=x", StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, otherUser.StatusCode);
        }

        // Opening the link (as a mail scanner does) only shows the button.
        using (var opened = await client.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
            Assert.Contains("data-testid=\"link-action\"", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty((await AccountAsync(app, email)).Roles);

        using (var confirmed = await Forms.PostAsync(client, link, []))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Contains("ya es miembro de la coalición", WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var again = await Forms.PostAsync(client, "/coalition/join", [], action: link))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("ya estaba confirmada", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        (user, roles) = await AccountAsync(app, email);
        Assert.True(user!.EmailConfirmed);
        Assert.Equal([Roles.Member], roles);
        using var member = await app.CreateSignedInClientAsync(email, JoinPassword, landing: "/coalition");
        Assert.Contains("data-testid=\"account-link\"", await member.GetStringAsync("/coalition"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Join_KnownAddress_SameAnswerNoSecondAccountAndTheOwnerIsTold()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var email = NewAddress();
        await app.CreateUserAsync(email, [Roles.Member]);
        var users = await CountAsync(app, db => db.Users);

        using var response = await Forms.PostAsync(client, "/coalition/join", JoinFields(email));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("If this address can join, we have sent it an e-mail", html, StringComparison.Ordinal);
        Assert.Equal(users, await CountAsync(app, db => db.Users));
        var notice = Assert.Single(await smtp.WaitForAsync(email));
        Assert.Equal("Your RadEquity coalition account", notice.Message.Subject);
        Assert.DoesNotContain("/coalition/join/confirm", notice.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Join_WeakPasswordUnknownOrganisationOrHoneypot_NoAccount()
    {
        SkipUnlessAvailable();
        var app = App();
        using var client = app.CreateHttpsClient();
        var weak = NewAddress();
        var bot = NewAddress();

        using var rejected = await Forms.PostAsync(client, "/coalition/join",
            [new("Input.Name", "Weak Password"), new("Input.Email", weak), new("Input.Password", "short"), new("Input.OrganisationId", "999")]);
        var html = await rejected.Content.ReadAsStringAsync();
        using var honeypot = await Forms.PostAsync(client, "/coalition/join", [.. JoinFields(bot), new("Homepage", "http://spam.example")]);

        Assert.Contains("href=\"#Input_OrganisationId\"", html, StringComparison.Ordinal);
        using var weakOnly = await Forms.PostAsync(client, "/coalition/join",
            [new("Input.Name", "Weak Password"), new("Input.Email", weak), new("Input.Password", "short")]);
        Assert.Contains("href=\"#Input_Password\"", await weakOnly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"join-outcome\"", await honeypot.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await AccountAsync(app, weak)).User);
        Assert.Null((await AccountAsync(app, bot)).User);
        await Task.Delay(300);
        Assert.Empty(smtp.To(bot));
    }

    [SkippableFact]
    public async Task ContactAndJoinRequest_Stored_StaffReadThemAndMarkThemHandled()
    {
        SkipUnlessAvailable();
        var app = App();
        app.Settings["RadEquity:Coalition:StaffEmail"] = StaffEmail;
        using var client = app.CreateHttpsClient();
        using var staff = await app.CreateSignedInClientForRoleAsync(Roles.CoalitionStaff);

        using (var invalid = await Forms.PostAsync(client, "/coalition/contact",
            [new("Input.Name", ""), new("Input.Email", "nobody"), new("Input.Subject", ""), new("Input.Message", "")]))
        {
            var html = await invalid.Content.ReadAsStringAsync();
            foreach (var field in new[] { "Name", "Email", "Subject", "Message" })
            {
                Assert.Contains($"href=\"#Input_{field}\"", html, StringComparison.Ordinal);
            }
        }

        Assert.Equal(0, await CountAsync(app, db => db.ContactMessages));
        using (var sent = await Forms.PostAsync(client, "/coalition/contact",
            [new("Input.Name", "Mary Jackson"), new("Input.Email", "mary@coalition.test"), new("Input.Subject", "Evening clinics"),
                new("Input.Message", "<script>x</script> How did you staff them?")]))
        {
            Assert.Contains("data-testid=\"contact-outcome\"", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var requested = await Forms.PostAsync(client, "/coalition/join",
            [new("JoinRequest.Organisation", "Mesa Community Imaging"), new("JoinRequest.Kind", "practice"),
                new("JoinRequest.Website", "https://mesa.example"), new("JoinRequest.ContactName", "Dorothy Vaughan"),
                new("JoinRequest.Email", "dorothy@mesa.example"), new("JoinRequest.Message", "We serve two rural counties.")],
            "/coalition/join?handler=Organisation"))
        {
            Assert.Contains("data-testid=\"request-outcome\"", await requested.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var notices = await smtp.WaitForAsync(StaffEmail, 2);
        Assert.Contains(notices, m => m.Message.Subject == "Contact: Evening clinics" && m.Message.ReplyTo.Mailboxes.Single().Address == "mary@coalition.test");
        var messages = await staff.GetStringAsync("/coalition/staff/messages");
        Assert.Contains("Evening clinics", messages, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt; How did you staff them?", messages, StringComparison.Ordinal);
        Assert.Contains("Mesa Community Imaging", messages, StringComparison.Ordinal);
        Assert.Contains("Messages and join requests waiting: 2.", await staff.GetStringAsync("/coalition/staff"), StringComparison.Ordinal);

        var contact = await SingleAsync<ContactMessageRow>(app);
        var request = await SingleAsync<OrganisationJoinRequestRow>(app);
        using (var handled = await Forms.PostAsync(staff, "/coalition/staff/messages", [], "/coalition/staff/messages?handler=HandleMessage&id=" + contact.Id))
        {
            Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);
        }

        using (var handled = await Forms.PostAsync(staff, "/coalition/staff/messages", [], "/coalition/staff/messages?handler=HandleRequest&id=" + request.Id))
        {
            Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);
        }

        Assert.NotNull((await SingleAsync<ContactMessageRow>(app)).HandledAt);
        Assert.NotNull((await SingleAsync<OrganisationJoinRequestRow>(app)).HandledAt);
        Assert.Contains("Messages and join requests waiting: 0.", await staff.GetStringAsync("/coalition/staff"), StringComparison.Ordinal);
    }

    private const string JoinPassword = "Orbit-Calculus-1962";

    private static KeyValuePair<string, string>[] JoinFields(string email) =>
        [new("Input.Name", "Katherine Johnson"), new("Input.Email", email), new("Input.Password", JoinPassword), new("Input.OrganisationId", "")];

    private static KeyValuePair<string, string>[] OrganisationFields(string name, string kind) =>
    [
        new("Input.Name", name), new("Input.Kind", kind), new("Input.Website", "https://harbour.example.org/"),
        new("Input.Summary", "Imaging for every neighbourhood."), new("Input.JoinedOn", "2024-03-01"),
    ];

    private static KeyValuePair<string, string>[] FactFields(string position, string sourceUrl, string figure = "10%") =>
    [
        new("Input.Position", position), new("Input.Figure", figure), new("Input.StatementEn", "Only one in ten eligible adults is screened."),
        new("Input.StatementEs", ""), new("Input.SourceTitle", "A report"), new("Input.SourceUrl", sourceUrl), new("Input.SourceYear", "2023"),
    ];

    private static string NewAddress() => "joiner-" + Guid.NewGuid().ToString("N")[..10] + "@coalition.test";

    private RadEquityWebFactory App()
    {
        var app = NewFactory(configureAdministrator: true);
        foreach (var (key, value) in smtp.Settings)
        {
            app.Settings[key] = value;
        }

        return app;
    }

    private static async Task<int> CountAsync<T>(RadEquityWebFactory app, Func<RadEquityDbContext, IQueryable<T>> set)
    {
        using var scope = app.Services.CreateScope();
        return await set(scope.ServiceProvider.GetRequiredService<RadEquityDbContext>()).CountAsync();
    }

    private static async Task<T> SingleAsync<T>(RadEquityWebFactory app)
        where T : class
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().Set<T>().AsNoTracking().SingleAsync();
    }

    private static async Task<MemberOrganisationRow?> OrganisationAsync(RadEquityWebFactory app, string name)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().MemberOrganisations.AsNoTracking().SingleOrDefaultAsync(o => o.Name == name);
    }

    private static async Task<List<DisparityFactRow>> FactsAsync(RadEquityWebFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().DisparityFacts.AsNoTracking()
            .OrderBy(f => f.Position).ThenBy(f => f.Id).ToListAsync();
    }

    private static async Task<CoalitionMemberRow?> MemberAsync(RadEquityWebFactory app, string userId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().CoalitionMembers.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == userId);
    }

    private static async Task<(RadEquityUser? User, IList<string> Roles)> AccountAsync(RadEquityWebFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RadEquityUser>>();
        var user = await users.FindByEmailAsync(email);
        return (user, user is null ? [] : await users.GetRolesAsync(user));
    }
}

public sealed class CoalitionHomeSqliteTests(SmtpListener smtp) : CoalitionHomeTests(TestStore.Sqlite, smtp), IClassFixture<SmtpListener>;

[Collection(PostgresTestGroup.Name)]
public sealed class CoalitionHomePostgresTests(PostgresTestServer server, SmtpListener smtp)
    : CoalitionHomeTests(TestStore.Postgres(server), smtp), IClassFixture<SmtpListener>;

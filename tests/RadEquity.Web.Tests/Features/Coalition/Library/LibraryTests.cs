using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Coalition.Library;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Coalition.Library;

/// <summary>
/// The resource library end to end on both stores: full-text search (ranking, filters, hostile query text), member
/// submission and staff review, comments held for moderation, XSS in comments, the rate limit and the honeypot.
/// </summary>
public abstract partial class LibraryTests(TestStore store) : StoreAppTests(store)
{
    private const string Held = "Your comment was submitted for approval and will be published after approval.";

    [SkippableFact]
    public async Task Search_WordInTitleOrSummary_FindsPublishedOnesTitleFirst()
    {
        SkipUnlessAvailable();
        var inSummary = await AddAsync("Evening clinic schedules", "How the quokkafern team added evening hours.");
        var inTitle = await AddAsync("The quokkafern outreach toolkit", "Letters and calls.");
        await AddAsync("Quokkafern rejected", "Never shown.", status: LibraryStatus.Rejected);
        await AddAsync("Quokkafern submitted", "Not yet shown.", status: LibraryStatus.Submitted);
        using var client = Factory.CreateHttpsClient();

        var html = await client.GetStringAsync("/coalition/resources?q=quokkafern");

        Assert.Equal([inTitle, inSummary], ResourceIds(html));
        Assert.Contains("Resources found: 2.", html, StringComparison.Ordinal);
        // A prefix of a word finds it too, and case does not matter.
        Assert.Equal([inTitle, inSummary], ResourceIds(await client.GetStringAsync("/coalition/resources?q=QUOKKA")));
        // Every word must match.
        Assert.Equal([inSummary], ResourceIds(await client.GetStringAsync("/coalition/resources?q=quokkafern+evening")));
    }

    [SkippableFact]
    public async Task Search_WithFilters_CombinesWordsKindTagAndAudience()
    {
        SkipUnlessAvailable();
        var toolkit = await AddAsync("Wombatlane toolkit", "For navigators.", kind: "toolkit", tags: "cost outreach", audiences: "navigators");
        var article = await AddAsync("Wombatlane article", "For radiologists.", kind: "article", tags: "telehealth", audiences: "radiologists");
        var other = await AddAsync("Another toolkit", "Nothing in common.", kind: "toolkit", tags: "cost", audiences: "navigators");
        using var client = Factory.CreateHttpsClient();

        Assert.Equal([toolkit], ResourceIds(await client.GetStringAsync("/coalition/resources?q=wombatlane&kind=toolkit")));
        Assert.Equal([article], ResourceIds(await client.GetStringAsync("/coalition/resources?q=wombatlane&tag=telehealth")));
        Assert.Equal([toolkit], ResourceIds(await client.GetStringAsync("/coalition/resources?q=wombatlane&audience=navigators")));
        Assert.Empty(ResourceIds(await client.GetStringAsync("/coalition/resources?q=wombatlane&kind=podcast")));
        // Filters without words: newest first (a seeded resource on costs comes after these).
        Assert.Equal([other, toolkit], ResourceIds(await client.GetStringAsync("/coalition/resources?tag=cost")).Take(2));
        // "cost" is a tag code, and tags are searched as words.
        Assert.Contains(toolkit, ResourceIds(await client.GetStringAsync("/coalition/resources?q=cost")));
    }

    /// <summary>
    /// Query syntax of FTS5 and tsquery typed as text. Every word must match (operators are words too), so with a word
    /// the resource lacks it is not found; what matters is that the page answers and nothing is parsed as syntax.
    /// </summary>
    [SkippableTheory]
    [InlineData("\"dingoquartz", true)]
    [InlineData("dingoquartz\"", true)]
    [InlineData("dingoquartz*", true)]
    [InlineData("*dingoquartz", true)]
    [InlineData("-dingoquartz", true)]
    [InlineData("dingoquartz & | ! : ( ) <-> \\ ^ {", true)]
    [InlineData("dingoquartz 🩻 ✓ ＊", true)]
    [InlineData("dingoquartz NEAR(", false)]
    [InlineData("NEAR(dingoquartz, 2)", false)]
    [InlineData("dingoquartz OR NOT", false)]
    [InlineData("OR dingoquartz AND NOT", false)]
    [InlineData("title:dingoquartz", false)]
    [InlineData("dingoquartz ' ; DROP TABLE library_resources; --", false)]
    [InlineData("NEAR(", false)]
    public async Task Search_HostileQueryText_AnswersAndMatchesOnlyWords(string query, bool found)
    {
        SkipUnlessAvailable();
        var id = await AddAsync("Dingoquartz screening guide", "Plain words.");
        using var client = Factory.CreateHttpsClient();

        using var response = await client.GetAsync("/coalition/resources?q=" + Uri.EscapeDataString(query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(found, ResourceIds(html).Contains(id));
        Assert.Contains(found ? "Resources found: 1." : "Resources found: 0.", html, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(r => r.Id == id));
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("*")]
    [InlineData("- -- ***")]
    [InlineData("\" ' ( ) : ^")]
    public async Task Search_NoWordsInQuery_ListsEveryPublishedResource(string query)
    {
        SkipUnlessAvailable();
        using var client = Factory.CreateHttpsClient();
        var published = await CountAsync(r => r.Status == LibraryStatus.Published);

        using var response = await client.GetAsync("/coalition/resources?q=" + Uri.EscapeDataString(query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Resources found: {published}.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(published >= LibrarySeed.Resources.Count);
    }

    [SkippableFact]
    public async Task Search_UnicodeWords_FindAccentedSpanishText()
    {
        SkipUnlessAvailable();
        var id = await AddAsync("Guía de telesalud para pacientes", "Programación de citas en español.");
        using var client = Factory.CreateHttpsClient();

        Assert.Equal([id], ResourceIds(await client.GetStringAsync("/coalition/resources?q=" + Uri.EscapeDataString("guía programación"))));
    }

    [SkippableFact]
    public async Task Search_MoreThanAPage_PagedWithSearchAndFiltersKept()
    {
        SkipUnlessAvailable();
        var ids = new List<long>();
        for (var i = 0; i < RadEquity.Web.Features.Coalition.Library.Library.PageSize + 3; i++)
        {
            ids.Add(await AddAsync($"Bilbyhollow guide {i}", "Paged.", kind: "podcast"));
        }

        using var client = Factory.CreateHttpsClient();
        var first = await client.GetStringAsync("/coalition/resources?q=bilbyhollow&kind=podcast");
        var second = await client.GetStringAsync("/coalition/resources?q=bilbyhollow&kind=podcast&p=2");

        Assert.Equal(RadEquity.Web.Features.Coalition.Library.Library.PageSize, ResourceIds(first).Count);
        Assert.Contains("href=\"/coalition/resources?q=bilbyhollow&amp;kind=podcast&amp;p=2\"", first, StringComparison.Ordinal);
        Assert.Equal(3, ResourceIds(second).Count);
        Assert.Equal(ids.Order(), ResourceIds(first).Concat(ResourceIds(second)).Order());
    }

    [SkippableFact]
    public async Task Seed_AppStartedTwice_AddsEachResourceOnce()
    {
        SkipUnlessAvailable();
        using (Factory.CreateHttpsClient())
        {
        }

        using (NewFactory(configureAdministrator: false).CreateHttpsClient())
        {
        }

        Assert.Equal(LibrarySeed.Resources.Count, await CountAsync(r => r.SubmittedBy == null));
        using var client = Factory.CreateHttpsClient();
        Assert.Contains("80% in Every Community", await client.GetStringAsync("/coalition/resources?q=colorectal"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Submit_ReviewedAndPublished_ShowsInLibrary()
    {
        SkipUnlessAvailable();
        using var member = await Factory.CreateSignedInClientForRoleAsync(Roles.Member);
        using var staff = await Factory.CreateSignedInClientForRoleAsync(Roles.CoalitionStaff);

        using var invalid = await Forms.PostAsync(member, "/coalition/resources/submit", [new("Input.Title", "x"), new("Input.SourceUrl", "javascript:alert(1)")]);
        var problems = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("starting with https:// or http://", problems, StringComparison.Ordinal);
        Assert.Contains("Choose at least one topic.", problems, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(r => r.Status == LibraryStatus.Submitted));

        using var saved = await Forms.PostAsync(member, "/coalition/resources/submit", ResourceFields("Platypusgrove evening mammography"));
        Assert.Contains("your resource was sent for review", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var id = (await SingleAsync(r => r.Title == "Platypusgrove evening mammography")).Id;
        Assert.Empty(ResourceIds(await member.GetStringAsync("/coalition/resources?q=platypusgrove")));
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/coalition/resources/{id}")).StatusCode);
        Assert.Contains("Waiting for review", await member.GetStringAsync("/coalition/resources/submit"), StringComparison.Ordinal);

        using var published = await Forms.PostAsync(staff, "/coalition/staff/resources", [], $"/coalition/staff/resources?handler=publish&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var row = await SingleAsync(r => r.Id == id);
        Assert.Equal(LibraryStatus.Published, row.Status);
        Assert.NotNull(row.PublishedAt);
        Assert.NotNull(row.ReviewedBy);
        Assert.Equal([id], ResourceIds(await member.GetStringAsync("/coalition/resources?q=platypusgrove")));
        Assert.Contains("Platypusgrove evening mammography", await member.GetStringAsync($"/coalition/resources/{id}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Submit_Rejected_NeverShowsAndMemberSeesTheReason()
    {
        SkipUnlessAvailable();
        using var member = await Factory.CreateSignedInClientForRoleAsync(Roles.Member);
        using var staff = await Factory.CreateSignedInClientForRoleAsync(Roles.CoalitionStaff);
        using var _ = await Forms.PostAsync(member, "/coalition/resources/submit", ResourceFields("Echidnaridge vendor brochure"));
        var id = (await SingleAsync(r => r.Title == "Echidnaridge vendor brochure")).Id;

        using var noReason = await Forms.PostAsync(staff, "/coalition/staff/resources", [new("reason", " ")], $"/coalition/staff/resources?handler=reject&id={id}");
        Assert.Contains("Give the reason for rejecting", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(LibraryStatus.Submitted, (await SingleAsync(r => r.Id == id)).Status);

        using var rejected = await Forms.PostAsync(staff, "/coalition/staff/resources", [new("reason", "Advertising, not a resource.")], $"/coalition/staff/resources?handler=reject&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);

        Assert.Equal(LibraryStatus.Rejected, (await SingleAsync(r => r.Id == id)).Status);
        Assert.Empty(ResourceIds(await member.GetStringAsync("/coalition/resources?q=echidnaridge")));
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/coalition/resources/{id}")).StatusCode);
        var mine = await member.GetStringAsync("/coalition/resources/submit");
        Assert.Contains("Rejected", mine, StringComparison.Ordinal);
        Assert.Contains("Advertising, not a resource.", mine, StringComparison.Ordinal);
        // Another member does not see it among their submissions.
        using var other = await Factory.CreateSignedInClientForRoleAsync(Roles.Member);
        Assert.DoesNotContain("Echidnaridge", await other.GetStringAsync("/coalition/resources/submit"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Comment_Held_VisibleOnlyAfterApprovalAndRejectedNever()
    {
        SkipUnlessAvailable();
        var id = await AddAsync("Comments here", "A resource to talk about.");
        using var visitor = Factory.CreateHttpsClient();
        using var staff = await Factory.CreateSignedInClientForRoleAsync(Roles.CoalitionStaff);
        var page = $"/coalition/resources/{id}";

        using var first = await Forms.PostAsync(visitor, page, CommentFields("Alice Ball", "alice@public.test", "We used **evening** slots."));
        using var second = await Forms.PostAsync(visitor, page, CommentFields("Spam Bot", "spam@public.test", "Buy now"));

        Assert.Contains(Held, await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(Held, await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var html = await visitor.GetStringAsync(page);
        Assert.DoesNotContain("Alice Ball", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Buy now", html, StringComparison.Ordinal);

        var queue = await staff.GetStringAsync("/coalition/staff/comments");
        Assert.Contains("Comments waiting for approval: 2.", queue, StringComparison.Ordinal);
        Assert.Contains("<strong>evening</strong>", queue, StringComparison.Ordinal);
        var alice = await CommentAsync("Alice Ball");
        var spam = await CommentAsync("Spam Bot");
        Assert.Equal("alice@public.test", alice.Email);
        using var approved = await Forms.PostAsync(staff, "/coalition/staff/comments", [], $"/coalition/staff/comments?handler=approve&id={alice.Id}");
        using var rejected = await Forms.PostAsync(staff, "/coalition/staff/comments", [], $"/coalition/staff/comments?handler=reject&id={spam.Id}");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);

        html = await visitor.GetStringAsync(page);
        Assert.Contains("Alice Ball", html, StringComparison.Ordinal);
        Assert.Contains("We used <strong>evening</strong> slots.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alice@public.test", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Buy now", html, StringComparison.Ordinal);
        Assert.Contains("Comments waiting for approval: 0.", await staff.GetStringAsync("/coalition/staff/comments"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Comment_SignedInMember_AddressFromTheAccount()
    {
        SkipUnlessAvailable();
        var id = await AddAsync("Member comments", "A resource.");
        var email = "member-" + Guid.NewGuid().ToString("N")[..6] + "@coalition.test";
        await Factory.CreateUserAsync(email, [Roles.Member]);
        using var member = await Factory.CreateSignedInClientAsync(email, landing: "/coalition");

        var form = await member.GetStringAsync($"/coalition/resources/{id}");
        Assert.DoesNotContain("id=\"Input_Email\"", form, StringComparison.Ordinal);
        using var saved = await Forms.PostAsync(member, $"/coalition/resources/{id}", [new("Input.Name", "Member Mae"), new("Input.Body", "Helpful."), new("Input.Email", "forged@elsewhere.test")]);

        Assert.Contains(Held, await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var row = await CommentAsync("Member Mae");
        Assert.Equal(email, row.Email);
        Assert.NotNull(row.UserId);
    }

    [SkippableFact]
    public async Task Comment_Invalid_ProblemsListedAndNothingSaved()
    {
        SkipUnlessAvailable();
        var id = await AddAsync("Validation", "A resource.");
        using var visitor = Factory.CreateHttpsClient();

        using var response = await Forms.PostAsync(visitor, $"/coalition/resources/{id}",
            CommentFields("", "not-an-address", new string('x', LibraryCommentRow.BodyLength + 1)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Enter your name", html, StringComparison.Ordinal);
        Assert.Contains("Enter an e-mail address", html, StringComparison.Ordinal);
        Assert.Contains("Write a comment of up to 4000 characters.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Held, html, StringComparison.Ordinal);
        Assert.Equal(0, await CommentCountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/coalition/resources/999999")).StatusCode);
    }

    public static TheoryData<string, string> XssPayloads => new()
    {
        { "<script>alert('name')</script>", "<script>alert('body')</script>" },
        { "<img src=x onerror=alert(1)>", "<img src=x onerror=alert(2)>" },
        { "\"><svg onload=alert(3)>", "[click](javascript:alert(4))" },
        { "Eve</p><iframe src=javascript:alert(5)>", "<a href=\"javascript:alert(6)\">x</a> and ![i](javascript:alert(7))" },
        { "Mallory", "[x](JaVaScRiPt:alert(8)) <details open ontoggle=alert(9)> [d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)" },
    };

    [SkippableTheory]
    [MemberData(nameof(XssPayloads))]
    public async Task Comment_XssInNameAndBody_RendersInert(string name, string body)
    {
        SkipUnlessAvailable();
        var id = await AddAsync("XSS target", "A resource.");
        using var visitor = Factory.CreateHttpsClient();
        using var staff = await Factory.CreateSignedInClientForRoleAsync(Roles.CoalitionStaff);
        using var _ = await Forms.PostAsync(visitor, $"/coalition/resources/{id}", CommentFields(name, "eve@public.test", body));
        var comment = Assert.Single(await CommentsAsync());
        using var __ = await Forms.PostAsync(staff, "/coalition/staff/comments", [], $"/coalition/staff/comments?handler=approve&id={comment.Id}");

        foreach (var html in new[] { await visitor.GetStringAsync($"/coalition/resources/{id}"), await staff.GetStringAsync("/coalition/staff/comments") })
        {
            var shown = CommentsSection(html);
            Assert.DoesNotMatch(DangerousMarkup(), shown);
            Assert.Contains("alert(", shown, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Comment_MorePostsThanTheLimit_Answers429()
    {
        SkipUnlessAvailable();
        var app = NewFactory(configureAdministrator: true);
        app.Settings["RadEquity:Coalition:PostsPerWindow"] = "2";
        using var client = app.CreateHttpsClient();
        var id = await AddAsync("Rate limited", "A resource.", app);
        var page = $"/coalition/resources/{id}";

        using var first = await Forms.PostAsync(client, page, CommentFields("One", "one@public.test", "First"));
        using var second = await Forms.PostAsync(client, page, CommentFields("Two", "two@public.test", "Second"));
        using var third = await Forms.PostAsync(client, page, CommentFields("Three", "three@public.test", "Third"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(2, await CommentCountAsync(app));
        // Reading is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
    }

    [SkippableFact]
    public async Task Comment_HoneypotFilled_LooksHeldButNothingSaved()
    {
        SkipUnlessAvailable();
        var id = await AddAsync("Honeypot", "A resource.");
        using var bot = Factory.CreateHttpsClient();

        using var response = await Forms.PostAsync(bot, $"/coalition/resources/{id}",
            [.. CommentFields("Bot", "bot@public.test", "Spam"), new("Homepage", "https://spam.example")]);

        Assert.Contains(Held, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CommentCountAsync());
    }

    internal static KeyValuePair<string, string>[] CommentFields(string name, string email, string body) =>
        [new("Input.Name", name), new("Input.Email", email), new("Input.Body", body)];

    private static KeyValuePair<string, string>[] ResourceFields(string title) =>
    [
        new("Input.Title", title), new("Input.Summary", "What a practice did, step by step."), new("Input.Kind", "best-practice"),
        new("Input.Tags", "scheduling"), new("Input.Tags", "outreach"), new("Input.Audiences", "practice-leaders"),
        new("Input.SourceUrl", "https://example.org/resource"), new("Input.Organisation", "Harbour Imaging"),
    ];

    /// <summary>The ids of the resources a library page lists, in its order.</summary>
    private static List<long> ResourceIds(string html) =>
        [.. ResourceLink().Matches(html.Contains("data-testid=\"resources\"", StringComparison.Ordinal) ? html[html.IndexOf("data-testid=\"resources\"", StringComparison.Ordinal)..] : "")
            .Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The part of the page with comments (the resource page's list, or the staff queue).</summary>
    private static string CommentsSection(string html)
    {
        var start = html.IndexOf("data-testid=\"comments\"", StringComparison.Ordinal);
        start = start >= 0 ? start : html.IndexOf("data-testid=\"moderation-queue\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no comments on the page");
        return html[start..html.IndexOf("</ol>", start, StringComparison.Ordinal)];
    }

    private async Task<long> AddAsync(string title, string summary, RadEquityWebFactory? app = null, string status = LibraryStatus.Published,
        string kind = "article", string tags = "outreach", string audiences = "radiologists")
    {
        using var scope = (app ?? Factory).Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        var now = DateTimeOffset.UtcNow;
        var row = new LibraryResourceRow
        {
            Title = title,
            Summary = summary,
            Kind = kind,
            Tags = tags,
            Audiences = audiences,
            Organisation = "Test Org",
            SourceUrl = "https://example.org/" + Guid.NewGuid().ToString("N"),
            Status = status,
            SubmittedBy = "test",
            SubmittedAt = now,
            PublishedAt = status == LibraryStatus.Published ? now : null,
        };
        db.LibraryResources.Add(row);
        await db.SaveChangesAsync();
        // Distinct publication times, so "newest first" is well defined.
        await Task.Delay(5);
        return row.Id;
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<LibraryResourceRow, bool>> where)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().LibraryResources.CountAsync(where);
    }

    private async Task<LibraryResourceRow> SingleAsync(System.Linq.Expressions.Expression<Func<LibraryResourceRow, bool>> where)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().LibraryResources.AsNoTracking().SingleAsync(where);
    }

    private async Task<List<LibraryCommentRow>> CommentsAsync()
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().LibraryComments.AsNoTracking().ToListAsync();
    }

    private async Task<LibraryCommentRow> CommentAsync(string name) => (await CommentsAsync()).Single(c => c.Name == name);

    private async Task<int> CommentCountAsync(RadEquityWebFactory? app = null)
    {
        using var scope = (app ?? Factory).Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().LibraryComments.CountAsync();
    }

    [GeneratedRegex("<a href=\"/coalition/resources/(\\d+)\">")]
    private static partial Regex ResourceLink();

    /// <summary>Markup that would run script: a script/iframe/svg/img/details element, an on* attribute, a javascript: or data: link.</summary>
    [GeneratedRegex("<\\s*(script|iframe|svg|img|details)|<[^>]*\\son\\w+\\s*=|href\\s*=\\s*\"?\\s*(javascript|data):", RegexOptions.IgnoreCase)]
    private static partial Regex DangerousMarkup();
}

public sealed class LibrarySqliteTests() : LibraryTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class LibraryPostgresTests(PostgresTestServer server) : LibraryTests(TestStore.Postgres(server));

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Coalition.Community;

/// <summary>
/// The members' discussion and webinar credits end to end on both stores, with reply e-mails going over a real SMTP
/// connection to <see cref="SmtpListener"/>.
/// </summary>
public abstract partial class CommunityTests(TestStore store, SmtpListener smtp) : StoreAppTests(store)
{
    [SkippableFact]
    public async Task Discussion_Anonymous_RedirectedToSignIn()
    {
        SkipUnlessAvailable();
        using var client = App().CreateHttpsClient();

        using var list = await client.GetAsync("/coalition/discussion");
        using var thread = await client.GetAsync("/coalition/discussion/1");

        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.StartsWith("https://localhost/account/sign-in?ReturnUrl=%2Fcoalition%2Fdiscussion", list.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, thread.StatusCode);
        Assert.Contains("/account/sign-in", thread.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Reply_ToTopicAndToReply_ThreadNestsThem()
    {
        SkipUnlessAvailable();
        var app = App();
        using var ada = await MemberAsync(app, "ada");
        using var grace = await MemberAsync(app, "grace");
        var topic = await StartTopicAsync(ada, "Evening clinics", "Who runs *evening* mammography?");

        var first = await ReplyAsync(grace, topic, "We do, Tuesdays.");
        var second = await ReplyAsync(ada, topic, "How many slots?", parent: first);
        var third = await ReplyAsync(grace, topic, "Twelve.", parent: second);
        var html = await ada.GetStringAsync($"/coalition/discussion/{topic}");

        Assert.Contains("<em>evening</em>", html, StringComparison.Ordinal);
        Assert.Equal("0 1 2", string.Join(' ', Depth(html, first), Depth(html, second), Depth(html, third)));
        Assert.Contains("in reply to grace-", Section(html, second), StringComparison.Ordinal);
        Assert.True(html.IndexOf($"id=\"reply-{first}\"", StringComparison.Ordinal) < html.IndexOf($"id=\"reply-{third}\"", StringComparison.Ordinal));
        Assert.Contains("Replies (3)", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Reply_LockedTopic_RefusedAndNotSaved()
    {
        SkipUnlessAvailable();
        var app = App();
        using var member = await MemberAsync(app, "member");
        using var staff = await StaffAsync(app);
        var topic = await StartTopicAsync(member, "To be locked", "Body");
        using (var locked = await ModerateAsync(staff, topic, "Lock"))
        {
            Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        }

        using var refused = await Forms.PostAsync(member, $"/coalition/discussion/{topic}", [new("Body", "Too late")]);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("This topic is locked", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountRepliesAsync(app, topic));
        Assert.Contains("data-testid=\"locked-notice\"", await member.GetStringAsync($"/coalition/discussion/{topic}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Hide_TopicAndReply_InvisibleToMembersMarkedForStaff()
    {
        SkipUnlessAvailable();
        var app = App();
        using var member = await MemberAsync(app, "member");
        using var staff = await StaffAsync(app);
        var topic = await StartTopicAsync(member, "Visible topic", "Body");
        var hidden = await ReplyAsync(member, topic, "Rude words here");
        var answer = await ReplyAsync(member, topic, "An answer to the rude one", parent: hidden);
        using (var _ = await ModerateAsync(staff, topic, "HideReply", hidden))
        {
        }

        var memberView = await member.GetStringAsync($"/coalition/discussion/{topic}");
        var staffView = await staff.GetStringAsync($"/coalition/discussion/{topic}");
        Assert.DoesNotContain("Rude words here", memberView, StringComparison.Ordinal);
        Assert.Contains("An answer to the rude one", memberView, StringComparison.Ordinal);
        Assert.Equal("0", Depth(memberView, answer));
        Assert.Contains("Rude words here", staffView, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"reply-hidden\"", Section(staffView, hidden), StringComparison.Ordinal);

        var secret = await StartTopicAsync(member, "Secret topic", "Body");
        using (var _ = await ModerateAsync(staff, secret, "Hide"))
        {
        }

        using var gone = await member.GetAsync($"/coalition/discussion/{secret}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.DoesNotContain("Secret topic", await member.GetStringAsync("/coalition/discussion"), StringComparison.Ordinal);
        Assert.Contains("Secret topic", await staff.GetStringAsync("/coalition/discussion"), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"topic-hidden\"", await staff.GetStringAsync($"/coalition/discussion/{secret}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Pin_OlderTopic_ListedFirst()
    {
        SkipUnlessAvailable();
        var app = App();
        using var member = await MemberAsync(app, "member");
        using var staff = await StaffAsync(app);
        var older = await StartTopicAsync(member, "Older topic", "Body");
        await StartTopicAsync(member, "Newer topic", "Body");
        Assert.Equal(["Newer topic", "Older topic"], Titles(await member.GetStringAsync("/coalition/discussion")));

        using (var _ = await ModerateAsync(staff, older, "Pin"))
        {
        }

        Assert.Equal(["Older topic", "Newer topic"], Titles(await member.GetStringAsync("/coalition/discussion")));
    }

    [SkippableFact]
    public async Task Topics_MoreThanAPage_SecondPageByItsLinkShowsTheRest()
    {
        SkipUnlessAvailable();
        var app = App();
        using var member = await MemberAsync(app, "member");
        var total = RadEquity.Web.Features.Coalition.Community.Discussion.PageSize + 2;
        for (var i = 0; i < total; i++)
        {
            await StartTopicAsync(member, "Topic " + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), "Body");
        }

        var first = Titles(await member.GetStringAsync("/coalition/discussion"));
        var second = Titles(await member.GetStringAsync("/coalition/discussion?p=2"));

        Assert.Equal(RadEquity.Web.Features.Coalition.Community.Discussion.PageSize, first.Count);
        Assert.Equal(["Topic 01", "Topic 00"], second);
    }

    [SkippableFact]
    public async Task Moderate_AsMember_ForbiddenAndNothingChanges()
    {
        SkipUnlessAvailable();
        var app = App();
        using var member = await MemberAsync(app, "member");
        var topic = await StartTopicAsync(member, "Mine", "Body");

        foreach (var command in new[] { "Pin", "Lock", "Hide" })
        {
            using var response = await ModerateAsync(member, topic, command);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.AbsolutePath == "/account/access-denied",
                $"{command}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        using var scope = app.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().DiscussionTopics.AsNoTracking().SingleAsync(t => t.Id == topic);
        Assert.False(row.IsPinned || row.IsLocked || row.IsHidden);
    }

    [SkippableFact]
    public async Task Reply_Followers_EachGetsOneMailButNotTheAuthorOrTheUnfollowed()
    {
        SkipUnlessAvailable();
        var app = App();
        var (author, authorEmail) = await MemberWithEmailAsync(app, "author");
        var (follower, followerEmail) = await MemberWithEmailAsync(app, "follower");
        var (quitter, quitterEmail) = await MemberWithEmailAsync(app, "quitter");
        var topic = await StartTopicAsync(author, "Follow me", "Body", notify: true);
        using (var _ = await Forms.PostAsync(follower, $"/coalition/discussion/{topic}", [], $"/coalition/discussion/{topic}?handler=Follow"))
        {
        }

        using (var _ = await Forms.PostAsync(quitter, $"/coalition/discussion/{topic}", [], $"/coalition/discussion/{topic}?handler=Follow"))
        {
        }

        using (var _ = await Forms.PostAsync(quitter, $"/coalition/discussion/{topic}", [], $"/coalition/discussion/{topic}?handler=Unfollow"))
        {
        }

        var reply = await ReplyAsync(follower, topic, "A reply from a follower");
        var mail = Assert.Single(await smtp.WaitForAsync(authorEmail));
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Single(smtp.To(authorEmail));
        Assert.Empty(smtp.To(followerEmail));
        Assert.Empty(smtp.To(quitterEmail));
        Assert.Equal("New reply: Follow me", mail.Message.Subject);
        Assert.Contains($"/coalition/discussion/{topic}?culture=en#reply-{reply}", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(authorEmail, mail.Text, StringComparison.OrdinalIgnoreCase);

        // The signed unfollow link works without signing in; the next reply mails no one.
        var unfollow = mail.Link("/coalition/discussion/unfollow");
        using var anonymous = app.CreateHttpsClient();
        var token = Uri.UnescapeDataString(Regex.Match(unfollow.Query, "token=([^&]+)").Groups[1].Value);
        using (var done = await Forms.PostAsync(anonymous, unfollow.PathAndQuery, [new("Token", token)]))
        {
            Assert.Contains("you no longer get e-mails", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await ReplyAsync(follower, topic, "Another reply");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(smtp.To(authorEmail));
    }

    [SkippableFact]
    public async Task Post_ScriptAndJavascriptLink_RenderInert()
    {
        SkipUnlessAvailable();
        var app = App();
        using var member = await MemberAsync(app, "member");
        var topic = await StartTopicAsync(member, "<img src=x onerror=alert(1)>", "<script>alert('x')</script> [click](javascript:alert(1))");
        await ReplyAsync(member, topic, "<iframe src=\"https://evil.example\"></iframe>");

        var html = await member.GetStringAsync($"/coalition/discussion/{topic}");
        var list = await member.GetStringAsync("/coalition/discussion");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe src=\"https://evil", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", list, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task PostTest_FailThenPassThenRetake_OneCertificateAndEveryAttemptRecorded()
    {
        SkipUnlessAvailable();
        var app = App();
        using var member = await MemberAsync(app, "learner");
        var (webinar, _) = await DemoWebinarAsync(app, "Demo: Measuring screening gaps in your own practice");

        using var failed = await TakeTestAsync(member, webinar, [1, 0, 1], "Ada Learner");
        var failedHtml = await failed.Content.ReadAsStringAsync();
        Assert.Contains("You scored 0%; the pass mark is 60%", failedHtml, StringComparison.Ordinal);
        Assert.Equal(0, await CountCertificatesAsync(app));

        using var passed = await TakeTestAsync(member, webinar, [0, 1, 1], "Ada Learner");
        var code = CertificateCode(await passed.Content.ReadAsStringAsync());
        using var retaken = await TakeTestAsync(member, webinar, [0, 1, 0], "Someone Else");

        Assert.Equal(code, CertificateCode(await retaken.Content.ReadAsStringAsync()));
        Assert.Equal(1, await CountCertificatesAsync(app));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        Assert.Equal([0, 66, 100], await db.WebinarTestAttempts.Where(a => a.WebinarId == webinar).OrderBy(a => a.Id).Select(a => a.ScorePercent).ToListAsync());
        var certificate = await db.WebinarCertificates.SingleAsync();
        Assert.Equal("Ada Learner", certificate.Name);
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{12}$", certificate.Code);
    }

    [SkippableFact]
    public async Task Verify_RealCodeAnyCaseWithDashes_ValidAndWrongCode_NotFound()
    {
        SkipUnlessAvailable();
        var app = App();
        using var member = await MemberAsync(app, "verified");
        var (webinar, _) = await DemoWebinarAsync(app, "Demo: Talking with patients about follow-up imaging");
        using var passed = await TakeTestAsync(member, webinar, [0, 0], "Grace Verified");
        var code = CertificateCode(await passed.Content.ReadAsStringAsync());
        using var anonymous = app.CreateHttpsClient();
        var typed = (code[..4] + "-" + code[4..8] + "-" + code[8..]).ToLowerInvariant();
        var wrong = (code[0] == '2' ? "3" : "2") + code[1..];

        using var valid = await anonymous.GetAsync("/coalition/certificates/verify?code=" + typed);
        using var notFound = await anonymous.GetAsync("/coalition/certificates/verify?code=" + wrong);

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        var html = await valid.Content.ReadAsStringAsync();
        Assert.Contains("Valid certificate.", html, StringComparison.Ordinal);
        Assert.Contains("Grace Verified", html, StringComparison.Ordinal);
        Assert.Contains("Demo: Talking with patients about follow-up imaging", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("No certificate has this code", await notFound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Grace Verified", await notFound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Certificate_OtherMember_DeniedOwnerAndStaff_Allowed()
    {
        SkipUnlessAvailable();
        var app = App();
        using var owner = await MemberAsync(app, "owner");
        using var other = await MemberAsync(app, "other");
        using var staff = await StaffAsync(app);
        var (webinar, _) = await DemoWebinarAsync(app, "Demo: Talking with patients about follow-up imaging");
        using var passed = await TakeTestAsync(owner, webinar, [0, 0], "Owner Person");
        var code = CertificateCode(await passed.Content.ReadAsStringAsync());

        using var mine = await owner.GetAsync("/coalition/certificates/" + code);
        using var theirs = await other.GetAsync("/coalition/certificates/" + code);
        using var staffView = await staff.GetAsync("/coalition/certificates/" + code);

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("Owner Person", await mine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, theirs.StatusCode);
        Assert.DoesNotContain("Owner Person", await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, staffView.StatusCode);
    }

    [SkippableFact]
    public async Task Transcript_TwoCertificates_ListsBothAndSumsHours()
    {
        SkipUnlessAvailable();
        var app = App();
        using var member = await MemberAsync(app, "transcript");
        var (first, _) = await DemoWebinarAsync(app, "Demo: Measuring screening gaps in your own practice");
        var (second, _) = await DemoWebinarAsync(app, "Demo: Talking with patients about follow-up imaging");
        Assert.Contains("data-testid=\"no-credits\"", await member.GetStringAsync("/coalition/transcript"), StringComparison.Ordinal);
        using (var _ = await TakeTestAsync(member, first, [0, 1, 0], "Transcript Person"))
        {
        }

        using (var _ = await TakeTestAsync(member, second, [0, 0], "Transcript Person"))
        {
        }

        var html = await member.GetStringAsync("/coalition/transcript");

        Assert.Contains("Demo: Measuring screening gaps in your own practice", html, StringComparison.Ordinal);
        Assert.Contains("Demo: Talking with patients about follow-up imaging", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" data-testid=\"total-hours\">1.5</td>", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task StaffWebinar_SavedWithQuestions_ShownPubliclyWithSafeEmbed()
    {
        SkipUnlessAvailable();
        var app = App();
        using var staff = await StaffAsync(app);
        using var member = await MemberAsync(app, "member");

        using var refused = await Forms.PostAsync(member, "/coalition/webinars", [], "/coalition/staff/webinars/edit");
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.AbsolutePath == "/account/access-denied",
            $"member saving a webinar: {(int)refused.StatusCode} {refused.Headers.Location}");
        using var saved = await Forms.PostAsync(staff, "/coalition/staff/webinars/edit",
        [
            new("Input.Title", "Staff webinar"), new("Input.Description", "About *things*"), new("Input.Presenters", "A. Presenter"),
            new("Input.HeldOn", "2026-10-01"), new("Input.CreditHours", "1.25"), new("Input.VideoUrl", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
            new("Input.SlidesUrl", "https://example.org/slides.pdf"), new("Input.PassMarkPercent", "100"),
            new("Input.Questions[0].Text", "Pick B"), new("Input.Questions[0].Options[0]", "A"), new("Input.Questions[0].Options[1]", "B"),
            new("Input.Questions[0].Options[2]", ""), new("Input.Questions[0].Correct", "1"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        using var anonymous = app.CreateHttpsClient();
        var html = await anonymous.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("Staff webinar", html, StringComparison.Ordinal);
        Assert.Contains("<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" title=\"Recording: Staff webinar\"", html, StringComparison.Ordinal);
        Assert.Contains("1.25", html, StringComparison.Ordinal);
        var (id, questions) = await DemoWebinarAsync(app, "Staff webinar");
        Assert.Equal(1, questions);
        using var pass = await TakeTestAsync(member, id, [1], "Member");
        Assert.Contains("You passed with 100%", await pass.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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

    private static async Task<HttpClient> MemberAsync(RadEquityWebFactory app, string name) => (await MemberWithEmailAsync(app, name)).Client;

    private static async Task<(HttpClient Client, string Email)> MemberWithEmailAsync(RadEquityWebFactory app, string name)
    {
        var email = name + "-" + Guid.NewGuid().ToString("N")[..8] + "@coalition.test";
        await app.CreateUserAsync(email, [Roles.Member]);
        return (await app.CreateSignedInClientAsync(email, landing: "/coalition"), email);
    }

    private static Task<HttpClient> StaffAsync(RadEquityWebFactory app) => app.CreateSignedInClientForRoleAsync(Roles.CoalitionStaff);

    private static async Task<long> StartTopicAsync(HttpClient client, string title, string body, bool notify = false)
    {
        using var response = await Forms.PostAsync(client, "/coalition/discussion/new",
            [new("Title", title), new("Body", body), .. notify ? [new KeyValuePair<string, string>("Notify", "true")] : Array.Empty<KeyValuePair<string, string>>()]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"new topic: {(int)response.StatusCode}");
        return long.Parse(response.Headers.Location!.OriginalString["/coalition/discussion/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<long> ReplyAsync(HttpClient client, long topic, string body, long? parent = null)
    {
        var page = $"/coalition/discussion/{topic}";
        using var response = await Forms.PostAsync(client, page,
            [new("Body", body), .. parent is { } p ? [new KeyValuePair<string, string>("ParentId", p.ToString(System.Globalization.CultureInfo.InvariantCulture))] : Array.Empty<KeyValuePair<string, string>>()]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"reply: {(int)response.StatusCode}");
        var location = response.Headers.Location!.OriginalString;
        return long.Parse(location[(location.IndexOf("#reply-", StringComparison.Ordinal) + "#reply-".Length)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<HttpResponseMessage> ModerateAsync(HttpClient client, long topic, string command, long? reply = null) =>
        Forms.PostAsync(client, $"/coalition/discussion/{topic}",
            [new("command", command), .. reply is { } r ? [new KeyValuePair<string, string>("replyId", r.ToString(System.Globalization.CultureInfo.InvariantCulture))] : Array.Empty<KeyValuePair<string, string>>()],
            $"/coalition/discussion/{topic}/moderate");

    private static Task<HttpResponseMessage> TakeTestAsync(HttpClient client, long webinar, int[] answers, string name) =>
        Forms.PostAsync(client, $"/coalition/webinars/{webinar}/test",
            [.. answers.Select((a, i) => new KeyValuePair<string, string>($"Answers[{i}]", a.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                new("CertificateName", name)]);

    private static async Task<(long Id, int Questions)> DemoWebinarAsync(RadEquityWebFactory app, string title)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        var id = await db.Webinars.Where(w => w.Title == title).Select(w => w.Id).SingleAsync();
        return (id, await db.WebinarQuestions.CountAsync(q => q.WebinarId == id));
    }

    private static async Task<int> CountRepliesAsync(RadEquityWebFactory app, long topic)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().DiscussionReplies.CountAsync(r => r.TopicId == topic);
    }

    private static async Task<int> CountCertificatesAsync(RadEquityWebFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().WebinarCertificates.CountAsync();
    }

    private static string CertificateCode(string html) =>
        CertificateLink().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No certificate link in: " + html);

    private static string? Depth(string html, long reply) =>
        Regex.Match(html, $"id=\"reply-{reply}\"[^>]*data-depth=\"(\\d)\"") is { Success: true } match ? match.Groups[1].Value : null;

    private static string Section(string html, long reply)
    {
        var start = html.IndexOf($"id=\"reply-{reply}\"", StringComparison.Ordinal);
        return html[start..html.IndexOf("</li>", start, StringComparison.Ordinal)];
    }

    private static List<string> Titles(string html) =>
        [.. TopicTitle().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("href=\"/coalition/certificates/([0-9A-Z]{12})\"")]
    private static partial Regex CertificateLink();

    [GeneratedRegex("<li data-testid=\"topic\">\\s*<a href=\"/coalition/discussion/\\d+\">([^<]*)</a>")]
    private static partial Regex TopicTitle();
}

public sealed class CommunitySqliteTests(SmtpListener smtp) : CommunityTests(TestStore.Sqlite, smtp), IClassFixture<SmtpListener>;

[Collection(PostgresTestGroup.Name)]
public sealed class CommunityPostgresTests(PostgresTestServer server, SmtpListener smtp)
    : CommunityTests(TestStore.Postgres(server), smtp), IClassFixture<SmtpListener>;

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Campaigns;
using RadEquity.Web.Features.Outreach;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Campaigns;

/// <summary>Campaigns on both stores: the cohort and its count, frozen members, batches through Delivery (opt-outs, real
/// SMTP), a crash between sending and recording, and the funnel as items are scheduled and exams arrive.</summary>
public abstract class CampaignTests(TestStore store, SmtpListener smtp) : StoreAppTests(store)
{
    // Noon in Chicago (the default practice time zone): outside quiet hours.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero));

    private CampaignStore? _seed;

    private CampaignStore Seed
    {
        get
        {
            if (_seed is null)
            {
                foreach (var (key, value) in smtp.Settings)
                {
                    Factory.Settings.TryAdd(key, value);
                }

                Factory.TestServices ??= services => services.AddSingleton<TimeProvider>(_clock);
                _seed = new CampaignStore(Factory, _clock);
            }

            return _seed;
        }
    }

    [SkippableFact]
    public async Task Preview_PayerRuralityAndZipFilters_CountsMatchingPatientsAndReachPerChannel()
    {
        SkipUnlessAvailable();
        SeedPatient[] patients =
        [
            new("p-1", Phone: "+15550100001", Email: "p1@example.org"),
            new("p-2", Phone: "+15550100002"),
            new("p-3", Phone: null, Email: "p3@example.org", Zip: "62902"),
            new("p-4", Payer: "Private"),
            new("p-5", Rurality: "Urban"),
            new("p-6", Zip: "60601"),
        ];
        await Seed.AddPatientsAsync(patients);
        await Seed.RunAndSyncAsync(patients);
        await Seed.ReadAsync(async db =>
        {
            db.OutreachOptOuts.Add(new OutreachOptOutRow { Source = "demo", PatientId = "p-2", Channel = "sms", CreatedAt = _clock.GetUtcNow(), Via = "staff" });
            return await db.SaveChangesAsync();
        });
        using var client = await Factory.CreateSignedInClientForRoleAsync("Analyst");

        using var preview = await Forms.PostAsync(client, "/campaigns/new", Form("Rural uninsured", "Sms", ("payer", "Uninsured/self-pay"),
            ("rurality", "Rural"), ("zips", "629"), ("overdueOnly", "true")), "/campaigns/new?handler=Preview");
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());

        Assert.Contains("3 patients match.", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"reach-sms\"><td>Text message</td><td>1</td>", html);
        Assert.Matches("data-testid=\"reach-email\"><td>E-mail</td><td>2</td>", html);
        Assert.Matches("data-testid=\"reach-letter\"><td>Letter</td><td>3</td>", html);
        Assert.Equal(0, await Seed.ReadAsync(db => db.Campaigns.CountAsync()));
    }

    [SkippableFact]
    public async Task Preview_BadZipOrCategory_SaysWhichFieldAndCreatesNothing()
    {
        SkipUnlessAvailable();
        _ = Seed;
        using var client = await Factory.CreateSignedInClientForRoleAsync("Analyst");

        using var zip = await Forms.PostAsync(client, "/campaigns/new", Form("x", "Sms", ("zips", "62a01")), "/campaigns/new?handler=Create");
        using var payer = await Forms.PostAsync(client, "/campaigns/new", Form("x", "Sms", ("payer", "Gold")), "/campaigns/new?handler=Create");

        Assert.Contains("ZIP codes: &quot;62a01&quot;", await zip.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Payer: &quot;Gold&quot;", await payer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var spanish = await Forms.PostAsync(client, "/campaigns/new?culture=es", Form("x", "Sms", ("zips", "62a01")),
            "/campaigns/new?handler=Create&culture=es");
        Assert.Contains("Códigos postales: «62a01» no es un código postal", WebUtility.HtmlDecode(await spanish.Content.ReadAsStringAsync()),
            StringComparison.Ordinal);
        Assert.Equal(0, await Seed.ReadAsync(db => db.Campaigns.CountAsync()));
    }

    [SkippableFact]
    public async Task Create_FreezesTheMembers_APatientWhoMatchesLaterDoesNotJoin()
    {
        SkipUnlessAvailable();
        SeedPatient[] first = [new("p-1"), new("p-2")];
        await Seed.AddPatientsAsync([.. first, new("p-3")]);
        var baseline = await Seed.RunAndSyncAsync(first);

        var id = await CreateAsync("Frozen", Channel.Sms, 50);
        await Seed.RunAndSyncAsync([.. first, new("p-3")]);

        var campaign = await Seed.ReadAsync(db => db.Campaigns.SingleAsync(c => c.Id == id));
        var members = await MembersAsync(id);
        Assert.Equal(["p-1", "p-2"], members.Select(m => m.PatientId));
        Assert.All(members, m => Assert.Equal((CampaignMemberState.Pending, (int?)null), (m.State, m.Batch)));
        Assert.Equal(baseline, campaign.BaselineRunId);
    }

    [SkippableFact]
    public async Task SendNextBatch_EmailThroughSmtp_SendsOnlyPendingMembersInBatchesAndSkipsTheOptedOut()
    {
        SkipUnlessAvailable();
        var tag = Guid.NewGuid().ToString("N")[..6];
        SeedPatient[] patients =
        [
            new("p-1", Email: $"p1-{tag}@example.org", Language: "es"),
            new("p-2", Email: $"p2-{tag}@example.org"),
            new("p-3", Email: $"p3-{tag}@example.org"),
        ];
        await Seed.AddPatientsAsync(patients);
        await Seed.RunAndSyncAsync(patients);
        await Seed.ReadAsync(async db =>
        {
            db.OutreachOptOuts.Add(new OutreachOptOutRow { Source = "demo", PatientId = "p-2", Channel = OptOuts.All, CreatedAt = _clock.GetUtcNow(), Via = "link" });
            return await db.SaveChangesAsync();
        });
        var id = await CreateAsync("E-mail", Channel.Email, 2);

        var first = await SendAsync(id);
        var second = await SendAsync(id);
        var third = await SendAsync(id);

        Assert.Equal((1, 1, 1, 0), (first!.Batch, first.Sent, first.Skipped, first.Failed));
        Assert.Equal((2, 1, 0), (second!.Batch, second.Sent, second.Skipped));
        Assert.Null(third);
        var members = await MembersAsync(id);
        Assert.Equal(["sent 1", "skipped 1 opted-out", "sent 2"], members.Select(m => $"{m.State} {m.Batch} {m.Reason}".TrimEnd()));
        Assert.All(members, m => Assert.NotNull(m.OutreachAttemptId));
        var spanish = Assert.Single(await smtp.WaitForAsync($"p1-{tag}@example.org"));
        Assert.StartsWith("Estimado/a Ana:", spanish.Text, StringComparison.Ordinal);
        // Uninsured and rural in the run: the cost and distance blocks answer those barriers.
        Assert.Contains(MessageTemplates.Text("Block_cost", "es"), spanish.Text, StringComparison.Ordinal);
        Assert.Contains(MessageTemplates.Text("Block_distance", "es"), spanish.Text, StringComparison.Ordinal);
        Assert.Single(await smtp.WaitForAsync($"p3-{tag}@example.org"));
        Assert.Empty(smtp.To($"p2-{tag}@example.org"));
    }

    [SkippableFact]
    public async Task SendNextBatch_AfterACrashBetweenSendingAndRecording_NeverSendsAClaimedMemberAgain()
    {
        SkipUnlessAvailable();
        var tag = Guid.NewGuid().ToString("N")[..6];
        SeedPatient[] patients = [new("p-1", Email: $"c1-{tag}@example.org"), new("p-2", Email: $"c2-{tag}@example.org"), new("p-3", Email: $"c3-{tag}@example.org")];
        await Seed.AddPatientsAsync(patients);
        await Seed.RunAndSyncAsync(patients);
        var id = await CreateAsync("Crash", Channel.Email, 2);

        // The crash: a batch claimed p-1 and p-2, p-1's message went and was logged, then the process died before either
        // member's outcome was recorded (p-2's message never left).
        using (var scope = Factory.Services.CreateScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<CampaignSender>();
            var claimed = await sender.ClaimAsync(id, CancellationToken.None);
            Assert.Equal(["p-1", "p-2"], claimed!.Value.Members.Select(m => m.PatientId));
            await scope.ServiceProvider.GetRequiredService<Delivery>().SendAsync(
                new DeliveryRequest("demo", "p-1", GapKind.Mammogram, Channel.Email, CampaignStore.Due, new HashSet<PatientBarrier>()),
                new Uri("https://localhost/"), null, CancellationToken.None);
        }

        // A retry at once leaves the claimed members alone (they could still be in flight) and sends the next pending one.
        var retry = await SendAsync(id);
        Assert.Equal((2, 1, 0), (retry!.Batch, retry.Sent, retry.Recovered));
        _clock.Advance(CampaignSender.StaleAfter + TimeSpan.FromMinutes(1));
        var later = await SendAsync(id);

        Assert.Equal(2, later!.Recovered);
        var members = await MembersAsync(id);
        Assert.Equal(["p-1 sent 1", "p-2 failed 1 interrupted", "p-3 sent 2"], members.Select(m => $"{m.PatientId} {m.State} {m.Batch} {m.Reason}".TrimEnd()));
        var attempts = await Seed.ReadAsync(db => db.OutreachAttempts.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["p-1", "p-3"], attempts.Select(a => a.PatientId));
        Assert.Equal(attempts[0].Id, members[0].OutreachAttemptId);
        Assert.Single(await smtp.WaitForAsync($"c1-{tag}@example.org"));
        Assert.Empty(smtp.To($"c2-{tag}@example.org"));
    }

    [SkippableFact]
    public async Task Funnel_MovesWhenAnItemIsScheduledAndWhenTheExamArrivesAndMeasuresRunAgain()
    {
        SkipUnlessAvailable();
        SeedPatient[] patients = [new("p-1"), new("p-2"), new("p-3", Phone: null)];
        await Seed.AddPatientsAsync(patients);
        await Seed.RunAndSyncAsync(patients);
        var id = await CreateAsync("Funnel", Channel.Sms, 10);
        Assert.Equal(new Funnel(3, 0, 0, 0), await FunnelAsync(id));

        await SendAsync(id);
        Assert.Equal(new Funnel(3, 2, 0, 0), await FunnelAsync(id));

        await Seed.ReadAsync(async db =>
        {
            var item = await db.WorkItems.SingleAsync(i => i.PatientId == "p-2");
            item.Status = WorkItemStatus.Scheduled;
            return await db.SaveChangesAsync();
        });
        Assert.Equal(new Funnel(3, 2, 1, 0), await FunnelAsync(id));

        // p-1's mammogram arrives and the measures run again: the sync closes the item as "exam arrived".
        await Seed.RunAndSyncAsync([patients[1], patients[2]], met: [patients[0]]);
        Assert.Equal(new Funnel(3, 2, 2, 1), await FunnelAsync(id));

        using var client = await Factory.CreateSignedInClientForRoleAsync("Navigator");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/campaigns/{id}"));
        Assert.Contains("<tr data-testid=\"funnel\"><td>3</td><td>2</td><td>2</td><td>1</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("suppressed (&lt;11)", await client.GetStringAsync($"/campaigns/{id}?by=payer"), StringComparison.Ordinal);
        var spanish = WebUtility.HtmlDecode(await client.GetStringAsync($"/campaigns/{id}?culture=es"));
        Assert.Contains("<h2 id=\"funnel\">Embudo</h2>", spanish, StringComparison.Ordinal);
        var audited = await Seed.ReadAsync(db => db.AuditEvents.AsNoTracking().Select(e => e.What).ToListAsync());
        Assert.Contains("campaign", audited);

        // p-3 had no phone: a navigator's call nobody answered is no contact; one that reached the patient is.
        await LogNavigatorCallAsync(id, "p-3", "no-answer");
        Assert.Equal(new Funnel(3, 2, 2, 1), await FunnelAsync(id));
        await LogNavigatorCallAsync(id, "p-3", "reached");
        Assert.Equal(new Funnel(3, 3, 2, 1), await FunnelAsync(id));
    }

    /// <summary>The row a navigator's logged call leaves in the patient's log (docs/outreach.md), a minute into the campaign.</summary>
    private Task<int> LogNavigatorCallAsync(long id, string patientId, string outcome) => Seed.ReadAsync(async db =>
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id);
        db.OutreachAttempts.Add(new OutreachAttemptRow
        {
            Source = "demo",
            PatientId = patientId,
            Channel = "phone",
            Template = "mammogram.phone",
            Language = "en",
            AttemptedAt = campaign.CreatedAt.AddMinutes(1),
            Outcome = outcome,
        });
        return await db.SaveChangesAsync();
    });

    [SkippableFact]
    public async Task CampaignPage_SendNextBatchButton_SendsAndShowsTheBatch()
    {
        SkipUnlessAvailable();
        SeedPatient[] patients = [new("p-1"), new("p-2")];
        await Seed.AddPatientsAsync(patients);
        await Seed.RunAndSyncAsync(patients);
        var id = await CreateAsync("Button", Channel.Letter, 5);
        using var client = await Factory.CreateSignedInClientForRoleAsync("Admin");

        using var sent = await Forms.PostAsync(client, $"/campaigns/{id}", [], $"/campaigns/{id}?handler=Send");

        Assert.True(sent.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.OK, sent.StatusCode.ToString());
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/campaigns/{id}"));
        Assert.Contains("<tr data-testid=\"batch\"><td>1</td><td>2</td><td>2</td>", page, StringComparison.Ordinal);
        Assert.Matches("/outreach/letters/\\d+", page);
        Assert.Equal(2, await Seed.ReadAsync(db => db.Letters.CountAsync()));
    }

    private static List<KeyValuePair<string, string>> Form(string name, string channel, params (string Key, string Value)[] fields) =>
        [new("name", name), new("measure", "cms125"), new("channel", channel), new("batchSize", "50"), .. fields.Select(f => KeyValuePair.Create(f.Key, f.Value))];

    private async Task<long> CreateAsync(string name, Channel channel, int batchSize)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CampaignSender>().CreateAsync(
            new CampaignDraft(name, new CampaignCohort { MeasureId = "cms125" }, channel, batchSize), "test", CancellationToken.None);
    }

    private async Task<BatchResult?> SendAsync(long id)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CampaignSender>().SendNextBatchAsync(id, new Uri("https://localhost/"), "test",
            CancellationToken.None);
    }

    private async Task<Funnel> FunnelAsync(long id)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquity.Data.RadEquityDbContext>();
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id);
        return CampaignTracking.FunnelOf(await scope.ServiceProvider.GetRequiredService<CampaignTracking>().ProgressAsync(campaign, "payer", CancellationToken.None));
    }

    private Task<List<CampaignMemberRow>> MembersAsync(long id) =>
        Seed.ReadAsync(db => db.CampaignMembers.AsNoTracking().Where(m => m.CampaignId == id).OrderBy(m => m.Id).ToListAsync());
}

public sealed class CampaignSqliteTests(SmtpListener smtp) : CampaignTests(TestStore.Sqlite, smtp), IClassFixture<SmtpListener>;

[Collection(PostgresTestGroup.Name)]
public sealed class CampaignPostgresTests(PostgresTestServer server, SmtpListener smtp)
    : CampaignTests(TestStore.Postgres(server), smtp), IClassFixture<SmtpListener>;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Coalition;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Coalition;

/// <summary>Follow-up e-mails 3 and 12 months after confirmation: each exactly once, across passes and restarts; both stores.</summary>
public abstract class PledgeFollowUpTests(TestStore store, SmtpListener smtp) : StoreAppTests(store)
{
    [SkippableFact]
    public async Task FollowUps_PassesAndRestartsOverAYear_EachSentOnce()
    {
        SkipUnlessAvailable();
        var email = "follow-up-" + Guid.NewGuid().ToString("N")[..8] + "@coalition.test";
        var unsubscribed = "quiet-" + Guid.NewGuid().ToString("N")[..8] + "@coalition.test";
        var today = App(DateTimeOffset.UtcNow);
        using (var client = today.CreateHttpsClient())
        {
            foreach (var address in new[] { email, unsubscribed })
            {
                using (var _ = await Forms.PostAsync(client, "/coalition/pledge", CoalitionTests.PledgeFields(address)))
                {
                }

                var mail = Assert.Single(await smtp.WaitForAsync(address));
                using var confirmed = await Forms.PostAsync(client, mail.Link("/coalition/confirm").PathAndQuery, []);
                using var left = address == unsubscribed ? await Forms.PostAsync(client, mail.Link("/coalition/unsubscribe").PathAndQuery, []) : null;
            }
        }

        Assert.Equal(0, await SendDueAsync(today));

        // Four months later, two instances (restarts of the app) pass twice each: one e-mail.
        var later = App(DateTimeOffset.UtcNow.AddMonths(4));
        var again = App(DateTimeOffset.UtcNow.AddMonths(4));
        // (Each app's hosted loop also makes a pass when it starts: more competition for the same claim.)
        var passes = await Task.WhenAll(SendDueAsync(later), SendDueAsync(again), SendDueAsync(later), SendDueAsync(again));
        Assert.InRange(passes.Sum(), 0, 1);
        var followUp = (await smtp.WaitForAsync(email, 2))[^1];
        Assert.Equal("Three months on: how is your RadEquity pledge going?", followUp.Message.Subject);
        followUp.Link("/coalition/unsubscribe");

        // A year and a month later: the 12-month e-mail, once.
        var yearOn = App(DateTimeOffset.UtcNow.AddMonths(13));
        Assert.InRange(await SendDueAsync(yearOn) + await SendDueAsync(yearOn), 0, 1);
        Assert.Equal("One year of your RadEquity pledge", (await smtp.WaitForAsync(email, 3))[^1].Message.Subject);
        await Task.Delay(300);
        Assert.Equal(3, smtp.To(email).Count);
        Assert.Single(smtp.To(unsubscribed));

        using var scope = yearOn.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().PledgeFollowUps.AsNoTracking().ToListAsync();
        Assert.Equal([PledgeFollowUpKind.TwelveMonths, PledgeFollowUpKind.ThreeMonths], rows.Select(r => r.Kind).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
    }

    private RadEquityWebFactory App(DateTimeOffset now)
    {
        var app = NewFactory(configureAdministrator: true);
        foreach (var (key, value) in smtp.Settings)
        {
            app.Settings[key] = value;
        }

        app.Settings["RadEquity:Coalition:PublicUrl"] = "https://radequity.test/";
        // The hosted loop waits on this clock, which never moves: only the test's passes run after the first.
        app.TestServices = services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        return app;
    }

    private static Task<int> SendDueAsync(RadEquityWebFactory app) =>
        app.Services.GetRequiredService<PledgeFollowUps>().SendDueAsync(CancellationToken.None);
}

public sealed class PledgeFollowUpSqliteTests(SmtpListener smtp) : PledgeFollowUpTests(TestStore.Sqlite, smtp), IClassFixture<SmtpListener>;

[Collection(PostgresTestGroup.Name)]
public sealed class PledgeFollowUpPostgresTests(PostgresTestServer server, SmtpListener smtp)
    : PledgeFollowUpTests(TestStore.Postgres(server), smtp), IClassFixture<SmtpListener>;

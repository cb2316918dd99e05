using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// On start, adds two demo webinars with post-tests when the store has no webinar at all, so a new hub's pages are not
/// empty. They say plainly that they are demo content, link to no real recording, and make no claims about the world.
/// Staff edit or replace them. Idempotent: once any webinar exists, nothing is added.
/// </summary>
internal sealed class DemoWebinars(IServiceScopeFactory scopes, IOptions<CommunityOptions> options, TimeProvider time, ILogger<DemoWebinars> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DemoWebinars)
        {
            return;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        if (await db.Webinars.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await AddAsync(db, new WebinarRow
        {
            Title = "Demo: Measuring screening gaps in your own practice",
            Description = "**Demo content** for trying out the hub; not a real course. A walk through how a practice can "
                + "count who is due for screening, split the counts by payer or language, and read the result with care "
                + "for small numbers.",
            Presenters = "Demo presenter (RadEquity project)",
            HeldOn = today.AddDays(-14),
            CreditHours = 1.0m,
            PassMarkPercent = 60,
            IsDemo = true,
            CreatedAt = now,
        }, [
            ("In this demo, what is a screening gap?", ["A person due for a screening who has not had it", "A scheduled appointment", "A billing code"], 0),
            ("Why are very small counts suppressed in reports?", ["They are always wrong", "They could identify individuals", "They slow the report"], 1),
            ("Which split is shown in this demo?", ["By payer", "By eye colour", "By shoe size"], 0),
        ], cancellationToken).ConfigureAwait(false);
        await AddAsync(db, new WebinarRow
        {
            Title = "Demo: Talking with patients about follow-up imaging",
            Description = "**Demo content** for trying out the hub; not a real course. How a navigator might plan a "
                + "conversation about a follow-up appointment: plain words, the patient's language, and what helps them come.",
            Presenters = "Demo presenter (RadEquity project)",
            HeldOn = today.AddDays(-7),
            CreditHours = 0.5m,
            PassMarkPercent = 50,
            IsDemo = true,
            CreatedAt = now,
        }, [
            ("In this demo, which language should the conversation be in?", ["The patient's preferred language", "Always English"], 0),
            ("Which of these is offered in the demo as a help to attend?", ["Evening or weekend hours", "A longer form to fill in"], 0),
        ], cancellationToken).ConfigureAwait(false);
        log.LogInformation("Added the demo webinars.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task AddAsync(RadEquityDbContext db, WebinarRow webinar, IReadOnlyList<(string Text, string[] Options, int Correct)> questions,
        CancellationToken cancellationToken)
    {
        db.Webinars.Add(webinar);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < questions.Count; i++)
        {
            var (text, options, correct) = questions[i];
            db.WebinarQuestions.Add(new WebinarQuestionRow
            {
                WebinarId = webinar.Id,
                Position = i,
                Text = text,
                Options = string.Join('\n', options),
                CorrectOption = correct,
            });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}

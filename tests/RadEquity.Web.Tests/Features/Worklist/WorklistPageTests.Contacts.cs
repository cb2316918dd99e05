using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Outreach;
using RadEquity.Web.Features.Worklist;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Worklist;

/// <summary>A navigator's contacts on an item: one log per patient with outreach's sends, the phone script, the rules before a call.</summary>
public abstract partial class WorklistPageTests
{
    [SkippableFact]
    public async Task Item_NavigatorLogsACall_InOutreachAttemptsAndThePatientsHistoryWithWhoAndNote()
    {
        SkipUnlessAvailable();
        using var navigator = await Demo.CreateSignedInClientForRoleAsync(Roles.Navigator);
        var item = (await ItemsAsync()).First(i => i.MeasureId == "cms125");
        var page = $"/worklist/items/{item.Id}";
        // The app texted the patient before: the history has both kinds.
        await WithDbAsync(db =>
        {
            db.OutreachAttempts.Add(new OutreachAttemptRow
            {
                Source = item.Source,
                PatientId = item.PatientId,
                Channel = "sms",
                Template = "mammogram.sms",
                Language = "en",
                AttemptedAt = DateTimeOffset.UtcNow.AddDays(-1),
                Outcome = AttemptOutcome.Sent,
            });
            return db.SaveChangesAsync();
        });

        using (var call = await Forms.PostAsync(navigator, page, [new("channel", "phone"), new("outcome", "reached"), new("note", "Will book online")],
            page + "?handler=Attempt"))
        {
            Assert.Equal(HttpStatusCode.Redirect, call.StatusCode);
        }

        var own = await WithDbAsync(db => db.ContactAttempts.AsNoTracking().SingleAsync(a => a.WorkItemId == item.Id));
        var logged = await WithDbAsync(db => db.OutreachAttempts.AsNoTracking().SingleAsync(a => a.Channel == "phone"));
        Assert.Equal((item.Source, item.PatientId, "mammogram.phone", "reached", $"item-attempt:{own.Id}"),
            (logged.Source, logged.PatientId, logged.Template, logged.Outcome, logged.Reason));
        Assert.Equal(own.At, logged.AttemptedAt);
        var html = WebUtility.HtmlDecode(await navigator.GetStringAsync(page));
        var rows = HistoryRow().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Matches("^navigator-[^<]+</td><td>phone</td><td>reached</td><td>cms125, mammogram.phone</td><td>Will book online$", rows[0]);
        Assert.Equal("automatic</td><td>sms</td><td>sent</td><td>mammogram.sms</td><td>", rows[1]);
    }

    [SkippableFact]
    public async Task Item_ContactCap_CountsCallsThatReachedThePatientNotUnanswered()
    {
        SkipUnlessAvailable();
        Demo.Settings["RadEquity:Outreach:CapMessages"] = "2";
        using var navigator = await Demo.CreateSignedInClientForRoleAsync(Roles.Navigator);
        var item = (await ItemsAsync())[0];
        var page = $"/worklist/items/{item.Id}";

        foreach (var outcome in new[] { "no-answer", "wrong-number", "left-message" })
        {
            using var call = await Forms.PostAsync(navigator, page, [new("channel", "phone"), new("outcome", outcome), new("note", "")], page + "?handler=Attempt");
            Assert.Equal(HttpStatusCode.Redirect, call.StatusCode);
        }

        Assert.DoesNotContain("data-reason=\"cap\"", await navigator.GetStringAsync(page), StringComparison.Ordinal);
        Assert.DoesNotContain(SkipReason.Cap, await BlockingAsync(item, Channel.Letter));

        using (var reached = await Forms.PostAsync(navigator, page, [new("channel", "in-person"), new("outcome", "reached"), new("note", "")],
            page + "?handler=Attempt"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reached.StatusCode);
        }

        Assert.Contains("data-reason=\"cap\"", await navigator.GetStringAsync(page), StringComparison.Ordinal);
        Assert.Contains(SkipReason.Cap, await BlockingAsync(item, Channel.Letter));
        var manual = await WithDbAsync(db => db.OutreachAttempts.AsNoTracking().Where(a => a.Channel == "in-person").Select(a => a.Template).SingleAsync());
        Assert.Equal(ContactHistory.Manual, manual);
    }

    [SkippableFact]
    public async Task Item_PhoneScript_InThePatientsLanguageWithTheNumberAndTheRulesShown()
    {
        SkipUnlessAvailable();
        using var navigator = await Demo.CreateSignedInClientForRoleAsync(Roles.Navigator);
        var item = (await ItemsAsync()).First(i => i.MeasureId == "cms125");
        var language = MessageTemplates.LanguageFor(await WithDbAsync(db => db.Patients.AsNoTracking()
            .Where(p => p.Source == item.Source && p.PatientId == item.PatientId).Select(p => p.LanguageCode).FirstAsync()));
        await WithDbAsync(db =>
        {
            db.OutreachOptOuts.Add(new OutreachOptOutRow { Source = item.Source, PatientId = item.PatientId, Channel = "phone", CreatedAt = DateTimeOffset.UtcNow, Via = "staff" });
            return db.SaveChangesAsync();
        });

        var html = WebUtility.HtmlDecode(await navigator.GetStringAsync($"/worklist/items/{item.Id}"));

        var script = Regex.Match(html, "<blockquote lang=\"([^\"]+)\" data-testid=\"script\">([^<]+)</blockquote>");
        Assert.True(script.Success, "the item page shows the phone script");
        Assert.Equal(language, script.Groups[1].Value);
        Assert.Contains(MessageTemplates.Text("Gap_mammogram", language), script.Groups[2].Value, StringComparison.Ordinal);
        Assert.DoesNotContain("{", script.Groups[2].Value, StringComparison.Ordinal);
        Assert.Contains("data-reason=\"opted-out\"", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Item_UnknownOutcome_BadRequestNamingTheFieldAndNothingLogged()
    {
        SkipUnlessAvailable();
        using var navigator = await Demo.CreateSignedInClientForRoleAsync(Roles.Navigator);
        var page = $"/worklist/items/{(await ItemsAsync())[0].Id}";

        using var response = await Forms.PostAsync(navigator, page, [new("channel", "phone"), new("outcome", "maybe"), new("note", "")], page + "?handler=Attempt");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("outcome must be one of reached,", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await WithDbAsync(db => db.OutreachAttempts.CountAsync()));
        Assert.Equal(0, await WithDbAsync(db => db.ContactAttempts.CountAsync()));
    }

    private async Task<IReadOnlyList<string>> BlockingAsync(WorkItemRow item, Channel channel)
    {
        using var scope = Demo.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContactRules>().BlockingAsync(item.Source, item.PatientId, channel,
            new RadEquity.Data.Outreach.PatientContact(item.Source, item.PatientId, "Ana", "+15550100007", null, ["1 Main St"]),
            DateTimeOffset.UtcNow, CancellationToken.None);
    }

    private async Task<T> WithDbAsync<T>(Func<RadEquityDbContext, Task<T>> work)
    {
        using var scope = Demo.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<RadEquityDbContext>());
    }

    [GeneratedRegex("<tr data-testid=\"attempt\"><td>[0-9: -]+</td><td>(.*?)</td></tr>")]
    private static partial Regex HistoryRow();
}

using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Tasks;

/// <summary>Tasks and hand-offs on both stores: a navigator hands a patient's gap to a colleague, who finds it in their
/// queue and closes it; a notice to the referring clinician goes out by real SMTP without patient details.</summary>
public abstract class CareTaskTests(TestStore store, SmtpListener smtp) : StoreAppTests(store)
{
    private const string PatientId = "pt-task-1";
    private const string NewTask = "/tasks/new?source=clinic&patient=" + PatientId + "&measure=birads-045-60";

    [SkippableFact]
    public async Task HandOff_ToAColleague_ShowsInTheirQueueAndOnlyTheyOrTheCreatorCloseIt()
    {
        SkipUnlessAvailable();
        var app = await AppWithPatientAsync();
        var colleague = await app.CreateUserAsync("counsellor@radequity.test", [Roles.Navigator]);
        await app.CreateUserAsync("bystander@radequity.test", [Roles.Navigator]);
        using var navigator = await app.CreateSignedInClientForRoleAsync(Roles.Navigator);
        using var counsellor = await app.CreateSignedInClientAsync("counsellor@radequity.test");
        using var bystander = await app.CreateSignedInClientAsync("bystander@radequity.test");

        using var created = await Forms.PostAsync(navigator, NewTask,
            [new("Kind", CareTaskKind.FinancialCounselling), new("AssignedTo", colleague.Id), new("DueDate", "2026-12-01"), new("Note", "Uninsured; asks about cost.")]);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var queue = await counsellor.GetStringAsync("/tasks");
        Assert.Contains("Financial counselling", queue, StringComparison.Ordinal);
        Assert.Contains(PatientId, queue, StringComparison.Ordinal);
        Assert.Contains("Uninsured; asks about cost.", queue, StringComparison.Ordinal);
        Assert.Contains(PatientId, await navigator.GetStringAsync("/tasks?view=created"), StringComparison.Ordinal);
        Assert.Contains("data-testid=\"no-tasks\"", await bystander.GetStringAsync("/tasks"), StringComparison.Ordinal);
        var task = await SingleTaskAsync(app);

        using var refused = await Forms.PostAsync(bystander, "/tasks?view=open", [new("Id", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Close", "done")]);
        using var done = await Forms.PostAsync(counsellor, "/tasks", [new("Id", task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Close", "done")]);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(CareTaskStatus.Done, (await SingleTaskAsync(app)).Status);
        Assert.Contains("data-testid=\"no-tasks\"", await counsellor.GetStringAsync("/tasks"), StringComparison.Ordinal);
        using var scope = app.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().AuditEvents.AnyAsync(e => e.What == "patient-list"));
    }

    [SkippableFact]
    public async Task ClinicianNotice_MailsTheReferenceWithoutPatientDetails()
    {
        SkipUnlessAvailable();
        var app = await AppWithPatientAsync();
        using var navigator = await app.CreateSignedInClientForRoleAsync(Roles.Navigator);
        var address = $"dr-{Guid.NewGuid():N}@clinic.test";

        using var created = await Forms.PostAsync(navigator, NewTask,
            [new("Kind", CareTaskKind.ClinicianNotice), new("ClinicianName", "Dr. Ada Referrer"), new("ClinicianEmail", address)]);

        Assert.True(created.StatusCode == HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var mail = Assert.Single(await smtp.WaitForAsync(address));
        var task = await SingleTaskAsync(app);
        Assert.Equal("A patient you referred has an overdue imaging follow-up", mail.Message.Subject);
        Assert.Contains("T-" + task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(PatientId, mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("birads", mail.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((CareTaskStatus.Done, null), (task.Status, task.AssignedTo));
        Assert.Contains("notice sent", await navigator.GetStringAsync("/tasks?view=created"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task NewTask_MissingAssigneeOrAddress_RefusedWithTheFieldAndNothingStored()
    {
        SkipUnlessAvailable();
        var app = await AppWithPatientAsync();
        using var navigator = await app.CreateSignedInClientForRoleAsync(Roles.Navigator);

        using var noAssignee = await Forms.PostAsync(navigator, NewTask, [new("Kind", CareTaskKind.NavigatorHandOff), new("AssignedTo", "someone-else")]);
        using var noAddress = await Forms.PostAsync(navigator, NewTask, [new("Kind", CareTaskKind.ClinicianNotice), new("ClinicianName", "Dr. X")]);
        using var unknownPatient = await navigator.GetAsync("/tasks/new?source=clinic&patient=nobody");

        Assert.Contains("Assign to: choose a colleague from the list.", await noAssignee.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("A notice needs the clinician&#x27;s name and e-mail address.", await noAddress.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownPatient.StatusCode);
        using var scope = app.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().CareTasks.CountAsync());
    }

    private async Task<RadEquityWebFactory> AppWithPatientAsync()
    {
        var app = NewFactory(configureAdministrator: true);
        foreach (var (key, value) in smtp.Settings)
        {
            app.Settings[key] = value;
        }

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        db.Patients.Add(new PatientRow { Source = "clinic", ResourceType = "Patient", ResourceId = PatientId, PatientId = PatientId, Sex = "Female" });
        await db.SaveChangesAsync();
        return app;
    }

    private static async Task<CareTaskRow> SingleTaskAsync(RadEquityWebFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().CareTasks.AsNoTracking().SingleAsync();
    }
}

public sealed class CareTaskSqliteTests(SmtpListener smtp) : CareTaskTests(TestStore.Sqlite, smtp), IClassFixture<SmtpListener>;

[Collection(PostgresTestGroup.Name)]
public sealed class CareTaskPostgresTests(PostgresTestServer server, SmtpListener smtp)
    : CareTaskTests(TestStore.Postgres(server), smtp), IClassFixture<SmtpListener>;

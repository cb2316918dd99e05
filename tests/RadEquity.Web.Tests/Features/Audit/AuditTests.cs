using System.Data.Common;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Testing;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Audit;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Audit;

/// <summary>The audit log on both stores: what is recorded, that nothing can change it, and who can read and export it.</summary>
public abstract class AuditTests(TestStore store) : StoreAppTests(store)
{
    [SkippableFact]
    public async Task Record_SignedInRequest_StoresWhoWhatWhenAndWhere()
    {
        SkipUnlessAvailable();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var row = await RecordAsync("u-1", "nav@radequity.test", [Roles.Navigator, Roles.Analyst], AuditAction.View, "patient", "demo/p0000042",
            userAgent: new string('x', 300));

        Assert.Equal("u-1", row.UserId);
        Assert.Equal("nav@radequity.test", row.UserName);
        Assert.Equal("Analyst,Navigator", row.Roles);
        Assert.Equal("view", row.Action);
        Assert.Equal("patient", row.What);
        Assert.Equal("demo/p0000042", row.Subject);
        Assert.Equal("203.0.113.9", row.ClientAddress);
        Assert.Equal(AuditEventRow.UserAgentLength, row.UserAgent!.Length);
        Assert.InRange(row.OccurredAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [SkippableFact]
    public async Task AuditEvents_RawSqlUpdateOrDelete_RefusedByTheDatabase()
    {
        SkipUnlessAvailable();
        await RecordAsync("u-1", "nav@radequity.test", [Roles.Navigator], AuditAction.View, "patient", "demo/p1");
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();

        var update = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_events SET subject = 'demo/p2'"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events"));
        await Assert.ThrowsAnyAsync<DbException>(() => db.AuditEvents.ExecuteDeleteAsync());

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        var stored = await db.AuditEvents.SingleAsync();
        Assert.Equal("demo/p1", stored.Subject);
    }

    [SkippableFact]
    public async Task AuditEvents_ChangedThroughTheContext_SaveRefused()
    {
        SkipUnlessAvailable();
        var row = await RecordAsync("u-1", "nav@radequity.test", [Roles.Navigator], AuditAction.View, "patient", "demo/p1");
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();

        db.Remove(row);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.AuditEvents.CountAsync());
    }

    [SkippableFact]
    public async Task AuditPage_Admin_FiltersByActionAndUser()
    {
        SkipUnlessAvailable();
        await RecordAsync("u-1", "nav@radequity.test", [Roles.Navigator], AuditAction.View, "patient", "demo/p-viewed");
        await RecordAsync("u-2", "ana@radequity.test", [Roles.Analyst], AuditAction.Export, "patient-list", "cms125/numerator");
        using var admin = await Factory.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);

        var all = await admin.GetStringAsync("/admin/audit");
        var exports = await admin.GetStringAsync("/admin/audit?action=export");
        var byUser = await admin.GetStringAsync("/admin/audit?user=NAV");
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var future = await admin.GetStringAsync("/admin/audit?from=" + tomorrow);

        Assert.Contains("demo/p-viewed", all, StringComparison.Ordinal);
        Assert.Contains("cms125/numerator", all, StringComparison.Ordinal);
        Assert.DoesNotContain("demo/p-viewed", exports, StringComparison.Ordinal);
        Assert.Contains("cms125/numerator", exports, StringComparison.Ordinal);
        Assert.Contains("demo/p-viewed", byUser, StringComparison.Ordinal);
        Assert.DoesNotContain("cms125/numerator", byUser, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"audit-total\">0<", future, StringComparison.Ordinal);
        using var scope = Factory.Services.CreateScope();
        var views = await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().AuditEvents
            .Where(e => e.What == AuditLog.AuditLogViewWhat).ToListAsync();
        Assert.Equal(4, views.Count); // reading the log is recorded too: its subjects name patients
        Assert.All(views, v => Assert.Equal(RadEquityWebFactory.AdminEmail, v.UserName));
        Assert.Contains(views, v => v.Subject == "action=export");
    }

    [SkippableFact]
    public async Task Export_Admin_CsvOfTheSelectedEventsAndTheExportIsAudited()
    {
        SkipUnlessAvailable();
        await RecordAsync("u-1", "nav@radequity.test", [Roles.Navigator], AuditAction.View, "patient", "=HYPERLINK(\"x\")", userAgent: "Agent, with comma");
        using var admin = await Factory.CreateSignedInClientAsync(RadEquityWebFactory.AdminEmail);

        using var response = await admin.GetAsync(AuditLog.ExportPath + "?action=view");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("id,occurred_at,user_id,user_name,roles,action,what,subject,client_address,user_agent", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Contains(",view,patient,\"'=HYPERLINK(\"\"x\"\")\",203.0.113.9,\"Agent, with comma\"", row, StringComparison.Ordinal);
        using var scope = Factory.Services.CreateScope();
        var export = await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().AuditEvents
            .SingleAsync(e => e.Action == AuditAction.Export);
        Assert.Equal(AuditLog.AuditLogExportWhat, export.What);
        Assert.Equal(RadEquityWebFactory.AdminEmail, export.UserName);
        Assert.Equal("Admin", export.Roles);
        Assert.Equal("action=view", export.Subject);
    }

    [SkippableFact]
    public async Task AuditPageAndExport_NotAdmin_DeniedAndNothingRecorded()
    {
        SkipUnlessAvailable();
        using var analyst = await Factory.CreateSignedInClientForRoleAsync(Roles.Analyst);
        using var anonymous = Factory.CreateHttpsClient();

        using var page = await analyst.GetAsync("/admin/audit");
        using var export = await analyst.GetAsync(AuditLog.ExportPath);
        using var anonymousExport = await anonymous.GetAsync(AuditLog.ExportPath);

        Assert.StartsWith("/account/access-denied", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("/account/access-denied", export.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("/account/sign-in", anonymousExport.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        using var scope = Factory.Services.CreateScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().AuditEvents.CountAsync());
    }

    private async Task<AuditEventRow> RecordAsync(
        string userId, string userName, string[] roles, string action, string what, string subject, string userAgent = "test-agent")
    {
        var context = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new(ClaimTypes.NameIdentifier, userId), new(ClaimTypes.Name, userName), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
                "test")),
        };
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        context.Request.Headers.UserAgent = userAgent;
        using var scope = Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(context, action, what, subject, CancellationToken.None);
        return await scope.ServiceProvider.GetRequiredService<RadEquityDbContext>().AuditEvents.OrderBy(e => e.Id).LastAsync();
    }
}

public sealed class AuditSqliteTests() : AuditTests(TestStore.Sqlite);

[Collection(PostgresTestGroup.Name)]
public sealed class AuditPostgresTests(PostgresTestServer server) : AuditTests(TestStore.Postgres(server))
{
    [SkippableFact]
    public async Task AuditEvents_Truncate_RefusedByTheDatabase()
    {
        SkipUnlessAvailable();
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();

        var error = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_events"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }
}

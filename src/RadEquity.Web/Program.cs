using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using RadEquity.Data;
using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Account;
using RadEquity.Web.Features.Audit;
using RadEquity.Web.Features.Campaigns;
using RadEquity.Web.Features.Coalition;
using RadEquity.Web.Features.Coalition.Community;
using RadEquity.Web.Features.Coalition.Home;
using RadEquity.Web.Features.Coalition.Library;
using RadEquity.Web.Features.Dashboard;
using RadEquity.Web.Features.Dashboard.Patients;
using RadEquity.Web.Features.Data;
using RadEquity.Web.Features.Demo;
using RadEquity.Web.Features.Health;
using RadEquity.Web.Features.Hosting;
using RadEquity.Web.Features.Jobs;
using RadEquity.Web.Features.MeasureReports;
using RadEquity.Web.Features.Outreach;
using RadEquity.Web.Features.Setup;
using RadEquity.Web.Features.Worklist;

var builder = WebApplication.CreateBuilder(args);
builder.UseLocalCertificateUnlessConfigured();

builder.Services.AddRadEquityStore(builder.Configuration[StoreConnection.ConfigurationKey]);
builder.Services.AddRazorPages(options => options.RootDirectory = "/Features");
builder.Services.AddPolicies();
builder.Services.AddAccounts();
builder.Services.AddDataProtection().SetApplicationName("RadEquity")
    .PersistKeysToFileSystem(new DirectoryInfo(new WorkFolder(builder.Configuration).Keys));
builder.Services.AddFirstAdministrator(builder.Configuration);
builder.Services.AddAuditLog();
builder.Services.AddStoreHealth();
builder.Services.AddDashboard();
builder.Services.AddCoalition(builder.Configuration);
builder.Services.AddCoalitionHome(builder.Configuration);
builder.Services.AddLibrary();
builder.Services.AddCommunity(builder.Configuration);
builder.Services.AddDemoPopulation(builder.Configuration);
builder.Services.AddJobs();
builder.Services.AddWorklist();
builder.Services.AddOutreach(builder.Configuration);
builder.Services.AddCampaigns();
// Behind a TLS-terminating proxy on this host: the client's scheme (Secure cookies) and address (audit log).
builder.Services.Configure<ForwardedHeadersOptions>(options =>
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

var app = builder.Build();

await app.Services.PrepareStoreAsync(app.Lifetime.ApplicationStopping);
await app.Services.PrepareRolesAsync(app.Lifetime.ApplicationStopping);
await app.Services.CreateAdministratorFromConfigurationAsync(app.Lifetime.ApplicationStopping);
await app.Services.LoadDemoPopulationIfEmptyAsync(app.Lifetime.ApplicationStopping);
await app.Services.SyncWorklistAsync(app.Lifetime.ApplicationStopping);
await app.Services.GetRequiredService<Uploads>().ResumeLeftoversAsync(app.Lifetime.ApplicationStopping);
app.Services.ReportMailSetup();

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseHttpsRedirection();
app.UseStaticFiles();
app.UseCoalitionLanguages();
app.UseWorklistLanguages();
app.UseCampaignLanguages();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapRazorPages();
app.MapStoreHealth();
app.MapMeasureReports();
app.MapDashboard();
app.MapCellPatientsExport();
app.MapAuditLog();
app.MapJobs();
app.MapCoalition();
app.MapOutreach();

await app.RunAsync();

/// <summary>The web host's entry point (public so integration tests can host it).</summary>
public partial class Program;

using RadEquity.Data;
using RadEquity.Web.Features.Demo;
using RadEquity.Web.Features.Health;
using RadEquity.Web.Features.MeasureReports;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRadEquityStore(builder.Configuration[StoreConnection.ConfigurationKey]);
builder.Services.AddRazorPages(options => options.RootDirectory = "/Features");
builder.Services.AddStoreHealth();
builder.Services.AddDemoPopulation(builder.Configuration);

var app = builder.Build();

await app.Services.PrepareStoreAsync(app.Lifetime.ApplicationStopping);
await app.Services.LoadDemoPopulationIfEmptyAsync(app.Lifetime.ApplicationStopping);

app.UseStaticFiles();
app.MapRazorPages();
app.MapStoreHealth();
app.MapMeasureReports();

await app.RunAsync();

/// <summary>The web host's entry point (public so integration tests can host it).</summary>
public partial class Program;

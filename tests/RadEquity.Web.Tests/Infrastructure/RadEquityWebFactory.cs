using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RadEquity.Web.Tests.Infrastructure;

/// <summary>
/// The real web app on a real store (an SQLite file or a PostgreSQL database), with a small demo population
/// loaded on first start exactly as in production.
/// </summary>
public sealed class RadEquityWebFactory(string database, int demoPatients) : WebApplicationFactory<Program>
{
    public string Database { get; } = database;

    public int DemoPatients { get; } = demoPatients;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("RadEquity:Database", Database);
        builder.UseSetting("RadEquity:Demo:Enabled", DemoPatients > 0 ? "true" : "false");
        builder.UseSetting("RadEquity:Demo:Patients", DemoPatients.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

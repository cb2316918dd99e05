using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Engine.Ingest;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Terminology;
using RadEquity.Interop.Ingest;
using RadEquity.Interop.Synthetic;
using RadEquity.Web.Features.Data;

namespace RadEquity.Web.Features.Demo;

/// <summary>Settings of the demo population loaded into an empty store (section <c>RadEquity:Demo</c>).</summary>
internal sealed class DemoPopulationOptions
{
    public const string Section = "RadEquity:Demo";

    /// <summary>Load a generated population when the store is empty.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int Patients { get; set; } = 3000;

    public int Seed { get; set; } = 20261124;
}

/// <summary>
/// First start: an empty store gets a generated population (source "demo"), so the app shows something real
/// without any set-up. The population is synthetic: no real patient is involved.
/// </summary>
internal static partial class DemoPopulation
{
    public const string Source = "demo";

    public static IServiceCollection AddDemoPopulation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoPopulationOptions>()
            .Bind(configuration.GetSection(DemoPopulationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    public static async Task LoadDemoPopulationIfEmptyAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<DemoPopulationOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoPopulation));
        if (!options.Enabled)
        {
            return;
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
            if (await db.IngestRuns.AnyAsync(cancellationToken).ConfigureAwait(false)
                || await db.Patients.AnyAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        var time = services.GetRequiredService<TimeProvider>();
        var folder = Directory.CreateTempSubdirectory("radequity-demo-");
        try
        {
            LogGenerating(logger, options.Patients);
            var asOf = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            SyntheticPopulation.Generate(new GeneratorOptions
            {
                Patients = options.Patients,
                Seed = options.Seed,
                AsOf = asOf,
                OutputDirectory = folder.FullName,
                Profile = GeneratorProfile.LoadDefault(),
            }, null, cancellationToken);

            var summary = await IngestRun.RunAsync(
                [Path.Combine(folder.FullName, SyntheticPopulation.ManifestFileName)],
                new IngestOptions { Source = Source, TimeProvider = time },
                services.GetRequiredService<IIngestSink>(),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            LogLoaded(logger, summary.Resources, summary.Quarantined, summary.Elapsed.TotalSeconds);

            // Measure the demo population for the previous two calendar years, with the region's ZIP tables, which also
            // become the tables of runs started from the web unless some were loaded already.
            var tables = services.GetRequiredService<AreaTables>();
            tables.InstallIfAbsent(AreaTable.Ruca, Path.Combine(folder.FullName, AreaLookup.RucaFileName));
            tables.InstallIfAbsent(AreaTable.Deprivation, Path.Combine(folder.FullName, AreaLookup.DeprivationFileName));
            AreaLookup areas;
            using (var ruca = File.OpenText(Path.Combine(folder.FullName, AreaLookup.RucaFileName)))
            using (var adi = File.OpenText(Path.Combine(folder.FullName, AreaLookup.DeprivationFileName)))
            {
                areas = AreaLookup.Load(ruca, adi);
            }

            // The year before first, so the dashboard has a trend and the latest run is the previous year's.
            var codes = CodeIndex.Compile(ValueSetCatalog.LoadDefault().All);
            var latest = MeasurementPeriod.PreviousCalendarYear(asOf);
            foreach (var period in new[] { MeasurementPeriod.PreviousCalendarYear(latest.Start), latest })
            {
                var run = await StoreEvaluation.RunAsync(services.GetRequiredService<StoreTarget>(),
                    new StoreEvaluationRequest(period, period.End, codes, "RadEquity defaults", areas, new MeasureOptions()), time,
                    cancellationToken).ConfigureAwait(false);
                LogMeasured(logger, run.RunId, period.Start.Year, run.Elapsed.TotalSeconds);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty store: generating a demo population of {Patients} synthetic patients")]
    private static partial void LogGenerating(ILogger logger, int patients);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo population loaded: {Resources} resources, {Quarantined} quarantined, in {Seconds:F1} s")]
    private static partial void LogLoaded(ILogger logger, long resources, long quarantined, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo measure run {RunId} for {Year} evaluated in {Seconds:F1} s")]
    private static partial void LogMeasured(ILogger logger, long runId, int year, double seconds);
}

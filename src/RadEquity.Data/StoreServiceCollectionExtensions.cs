using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RadEquity.Engine.Ingest;

namespace RadEquity.Data;

/// <summary>Registers the store with a host.</summary>
public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StoreTarget"/>, <see cref="RadEquityDbContext"/> (scoped, on the provider the setting
    /// names), <see cref="StoreOverview"/>, the ingest and measure-run histories, and the <see cref="IIngestSink"/> for <paramref name="database"/>
    /// (see <see cref="StoreConnection.Parse"/>).
    /// </summary>
    public static IServiceCollection AddRadEquityStore(this IServiceCollection services, string? database)
    {
        ArgumentNullException.ThrowIfNull(services);
        var target = StoreConnection.Parse(database);
        target.EnsureSqliteFolder();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(target);
        _ = target.Provider switch
        {
            StoreProvider.Sqlite => services.AddDbContext<RadEquityDbContext, SqliteRadEquityDbContext>(target.Configure),
            StoreProvider.PostgreSql => services.AddDbContext<RadEquityDbContext, PostgresRadEquityDbContext>(target.Configure),
            _ => throw new InvalidOperationException("Unknown provider."),
        };
        services.AddScoped<StoreOverview>();
        services.AddScoped<Ingest.IngestHistory>();
        services.AddScoped<Measures.MeasureRunHistory>();
        services.AddSingleton(sp => target.CreateSink(sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Creates and migrates the registered store; the host calls it once on start.</summary>
    public static Task PrepareStoreAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<StoreTarget>().MigrateAsync(cancellationToken);
    }
}

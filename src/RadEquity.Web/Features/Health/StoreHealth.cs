using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RadEquity.Data;

namespace RadEquity.Web.Features.Health;

/// <summary><c>/health</c>: the process is up and the store answers. Anonymous: it names no data, only the provider.</summary>
internal static class StoreHealth
{
    public static IServiceCollection AddStoreHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreCheck>("store");
        return services;
    }

    public static IEndpointRouteBuilder MapStoreHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new()
        {
            ResponseWriter = static (context, report) =>
            {
                context.Response.ContentType = "application/json";
                return JsonSerializer.SerializeAsync(context.Response.Body, new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
                });
            },
        }).AllowAnonymous();
        return endpoints;
    }

    private sealed class StoreCheck(RadEquityDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var provider = db.Database.ProviderName ?? "unknown";
            return await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy($"store reachable ({ProviderLabel(provider)})")
                : HealthCheckResult.Unhealthy($"store unreachable ({ProviderLabel(provider)})");
        }

        private static string ProviderLabel(string provider) =>
            provider.Contains("Npgsql", StringComparison.Ordinal) ? "PostgreSQL" : "SQLite";
    }
}

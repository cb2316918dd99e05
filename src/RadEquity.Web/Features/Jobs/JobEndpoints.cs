using RadEquity.Web.Features.Access;
using RadEquity.Web.Features.Admin;
using RadEquity.Web.Features.Data;
using RadEquity.Web.Features.Runs;

namespace RadEquity.Web.Features.Jobs;

/// <summary>Registers the background jobs (ingest of uploads, measure runs) and their progress endpoint.</summary>
internal static class JobEndpoints
{
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<JobQueue>());
        services.AddSingleton<WorkFolder>();
        services.AddSingleton<AreaTables>();
        services.AddSingleton<Uploads>();
        services.AddSingleton<MeasureRunJobs>();
        services.AddSingleton<RiskTrainingJobs>();
        return services;
    }

    /// <summary><c>GET /jobs/{id}</c>: a job's state and progress, for the pages' progress bars (no patient data).</summary>
    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/jobs/{id:guid}", (Guid id, JobQueue jobs) =>
                jobs.Find(id) is { } job
                    ? Results.Json(new
                    {
                        job.Id,
                        job.Kind,
                        job.Title,
                        State = job.State.ToString(),
                        job.Percent,
                        job.Message,
                        job.Link,
                        job.Finished,
                    })
                    : Results.NotFound())
            .RequireAuthorization(Policies.DataManagement);
        return endpoints;
    }
}

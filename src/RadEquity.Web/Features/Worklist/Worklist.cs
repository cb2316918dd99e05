using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RadEquity.Web.Features.Worklist;

/// <summary>The worklist slice: work items from open care gaps, their priority, and the navigators' pages.</summary>
internal static class WorklistSlice
{
    public static IServiceCollection AddWorklist(this IServiceCollection services)
    {
        services.AddSingleton<WorklistSync>();
        // The risk model replaces this when one is active.
        services.TryAddSingleton<IMissRiskScorer, NoActiveRiskModel>();
        return services;
    }

    /// <summary>At start: takes in the latest completed run if no sync has (the demo's runs, or a run that completed just
    /// before the app stopped).</summary>
    public static async Task SyncWorklistAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        await services.GetRequiredService<WorklistSync>().SyncLatestAsync(cancellationToken).ConfigureAwait(false);
}

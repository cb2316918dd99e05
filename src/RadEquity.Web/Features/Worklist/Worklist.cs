using Microsoft.Extensions.DependencyInjection.Extensions;
using RadEquity.Web.Features.Hosting;

namespace RadEquity.Web.Features.Worklist;

/// <summary>The worklist slice: work items from open care gaps, their priority, and the navigators' pages.</summary>
internal static class WorklistSlice
{
    public static IServiceCollection AddWorklist(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton<WorklistSync>();
        // The active model scores items; with none active it answers "no model" (NoActiveRiskModel's answer).
        services.TryAddSingleton<ActiveRiskModel>();
        services.TryAddScoped<IMissRiskScorer, ModelRiskScorer>();
        return services;
    }

    /// <summary>The worklist's pages in English or Spanish: <c>?culture=es</c>, or the language cookie the coalition hub
    /// sets; English otherwise.</summary>
    public static IApplicationBuilder UseWorklistLanguages(this IApplicationBuilder app) => app.UseLanguagesUnder("/worklist");

    /// <summary>At start: takes in the latest completed run if no sync has (the demo's runs, or a run that completed just
    /// before the app stopped).</summary>
    public static async Task SyncWorklistAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        await services.GetRequiredService<WorklistSync>().SyncLatestAsync(cancellationToken).ConfigureAwait(false);
}

/// <summary>
/// The worklist's words in English and Spanish (<c>WorklistText.resx</c>, <c>WorklistText.es.resx</c> beside this
/// file), read through <c>IStringLocalizer&lt;WorklistText&gt;</c> (<c>L</c> in the pages).
/// </summary>
internal sealed class WorklistText;

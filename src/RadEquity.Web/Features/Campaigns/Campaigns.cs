using RadEquity.Web.Features.Hosting;

namespace RadEquity.Web.Features.Campaigns;

/// <summary>The campaigns slice: outreach to a cohort of open work items in batches, tracked to the exam and to the
/// measure's disparity before and after.</summary>
internal static class CampaignsSlice
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddScoped<CampaignCohorts>();
        services.AddScoped<CampaignSender>();
        services.AddScoped<CampaignTracking>();
        services.AddScoped<CampaignDisparity>();
        return services;
    }

    /// <summary>The campaign pages in English or Spanish, chosen as on the worklist (<c>?culture=es</c> or the language cookie).</summary>
    public static IApplicationBuilder UseCampaignLanguages(this IApplicationBuilder app) => app.UseLanguagesUnder("/campaigns");
}

/// <summary>The campaign pages' words (<c>CampaignText.resx</c>, <c>CampaignText.es.resx</c>), as <c>L</c> in the pages.</summary>
internal sealed class CampaignText;

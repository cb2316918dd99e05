using Microsoft.AspNetCore.Localization;

namespace RadEquity.Web.Features.Hosting;

/// <summary>
/// English or Spanish for the pages under one path (the rest of the app stays English): <c>?culture=es</c>, or the
/// language cookie the coalition hub sets; English otherwise. One rule for every localised slice.
/// </summary>
internal static class PageLanguages
{
    /// <summary>The cultures offered, the default and where the choice is read from.</summary>
    public static void Configure(RequestLocalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultRequestCulture = new RequestCulture("en");
        options.SupportedCultures = [.. Coalition.Coalition.Cultures];
        options.SupportedUICultures = [.. Coalition.Coalition.Cultures];
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
    }

    /// <summary>Request localisation (<see cref="Configure"/>) for requests under <paramref name="pathPrefix"/> only.</summary>
    public static IApplicationBuilder UseLanguagesUnder(this IApplicationBuilder app, string pathPrefix) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(pathPrefix, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseRequestLocalization(Configure));
}

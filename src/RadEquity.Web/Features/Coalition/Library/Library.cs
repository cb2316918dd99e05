namespace RadEquity.Web.Features.Coalition.Library;

/// <summary>
/// The hub's resource library (<c>/coalition/resources</c>): published resources with full-text search and filters,
/// member submissions reviewed by staff, and comments held for moderation.
/// </summary>
internal static class Library
{
    public const string PathPrefix = "/coalition/resources";

    /// <summary>Resources on one page of the library, and rows on one page of a staff queue.</summary>
    public const int PageSize = 20;

    public static IServiceCollection AddLibrary(this IServiceCollection services)
    {
        services.AddScoped<LibraryResources>();
        services.AddScoped<LibraryComments>();
        services.AddHostedService<LibrarySeed>();
        return services;
    }
}

/// <summary>The library's fixed vocabularies; the codes are stored, the words come from <see cref="LibraryText"/>.</summary>
internal static class LibraryChoices
{
    public static readonly IReadOnlyList<string> Kinds = ["best-practice", "toolkit", "article", "podcast", "webinar"];

    public static readonly IReadOnlyList<string> Tags = ["outreach", "scheduling", "cost", "telehealth", "coverage", "community", "measurement"];

    public static readonly IReadOnlyList<string> Audiences = ["radiologists", "technologists", "navigators", "practice-leaders", "patients-community"];

    /// <summary>The codes as stored: distinct, sorted, space-separated.</summary>
    public static string Join(IEnumerable<string> codes) => string.Join(' ', codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    public static IReadOnlyList<string> Split(string codes) => codes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// The library's words in English and Spanish (<c>LibraryText.resx</c>, <c>LibraryText.es.resx</c> beside this file),
/// read through <c>IStringLocalizer&lt;LibraryText&gt;</c> (<c>L</c> in the pages).
/// </summary>
internal sealed class LibraryText;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Library;

/// <summary>
/// <c>/coalition/resources</c>: the published resources, searched by words (full text) and filtered by kind, topic and
/// audience, all combinable, a page at a time. Unknown filter codes are ignored rather than refused.
/// </summary>
[AllowAnonymous]
internal sealed class ResourcesModel(LibraryResources resources) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Audience { get; set; }

    /// <summary>
    /// <c>?p=</c>, not <c>?page=</c>: Razor Pages' own route value <c>page</c> (the page's name) is bound before the query
    /// string, so a list page number under that name is never read.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<LibraryResourceRow> Results { get; private set; } = new([], 0, 1);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Kind = LibraryChoices.Kinds.Contains(Kind) ? Kind : null;
        Tag = LibraryChoices.Tags.Contains(Tag) ? Tag : null;
        Audience = LibraryChoices.Audiences.Contains(Audience) ? Audience : null;
        Search = Search?.Trim() is { Length: > 0 } words ? words[..Math.Min(words.Length, 200)] : null;
        Results = await resources.SearchAsync(new LibraryQuery(Search, Kind, Tag, Audience, PageNumber), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>This list's address on another page, keeping the search and filters.</summary>
    public string PageLink(int page) => Library.PathPrefix + QueryString.Create(
        new Dictionary<string, string?> { ["q"] = Search, ["kind"] = Kind, ["tag"] = Tag, ["audience"] = Audience, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            .Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}

using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// Markdown that people type into the hub (comments, discussion posts) made into HTML that is safe to show: raw HTML is
/// not rendered (it comes out as text), links and images keep only http, https and mailto addresses, and every link
/// is marked <c>nofollow ugc noopener</c> so a posted link earns no ranking and cannot reach back into the page.
/// </summary>
internal sealed class HubMarkdown
{
    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    /// <summary>The HTML of <paramref name="markdown"/>, safe to write into a page unencoded.</summary>
    public IHtmlContent ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, _pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "";
            }

            if (link.IsImage)
            {
                // Images would load from anywhere when the page opens (tracking); shown as links instead.
                link.IsImage = false;
            }

            link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "";
            }

            link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
        }

        return new HtmlString(document.ToHtml(_pipeline));
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        // Relative addresses stay on this site; absolute ones must use a safe scheme (no javascript:, data:, vbscript:).
        if (!Uri.TryCreate(url.Trim(), UriKind.RelativeOrAbsolute, out var uri))
        {
            return false;
        }

        return !uri.IsAbsoluteUri ? !url.Contains(':', StringComparison.Ordinal) : SafeSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase);
    }
}

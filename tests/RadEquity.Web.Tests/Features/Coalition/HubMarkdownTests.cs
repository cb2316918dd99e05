using System.Text.RegularExpressions;
using RadEquity.Web.Features.Coalition;

namespace RadEquity.Web.Tests.Features.Coalition;

public sealed class HubMarkdownTests
{
    private static readonly HubMarkdown Markdown = new();

    public static TheoryData<string> XssPayloads =>
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "![x](javascript:alert(1))",
        "<javascript:alert(1)>",
        "\"><svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "[x](https://ok.example \"a\\\" onmouseover=\\\"alert(1)\")",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
    ];

    private static readonly HashSet<string> SafeTags = ["p", "a", "strong", "em", "del", "ins", "mark", "sub", "sup", "code", "pre", "ul", "ol", "li", "blockquote", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6"];

    private static readonly HashSet<string> SafeAttributes = ["href", "rel", "title"];

    [Theory]
    [MemberData(nameof(XssPayloads))]
    public void ToHtml_XssPayload_HasOnlySafeTagsAttributesAndLinks(string payload)
    {
        var html = Render(payload);

        // Every real tag (text is encoded, so "<" starts a tag) is a formatting tag with only inert attributes.
        foreach (Match tag in Regex.Matches(html, "<(/?)([a-zA-Z0-9]+)([^>]*)>"))
        {
            Assert.Contains(tag.Groups[2].Value.ToLowerInvariant(), SafeTags);
            var attributes = Regex.Matches(tag.Groups[3].Value, "([^\\s=]+)=\"([^\"]*)\"");
            Assert.Equal(tag.Groups[3].Value.Trim(), string.Join(" ", attributes.Select(a => a.Value)));
            foreach (Match attribute in attributes)
            {
                Assert.Contains(attribute.Groups[1].Value, SafeAttributes);
                if (attribute.Groups[1].Value == "href" && attribute.Groups[2].Value.Length > 0)
                {
                    Assert.Matches("^(https?:|mailto:|/|#)", attribute.Groups[2].Value);
                }
            }
        }
    }

    [Fact]
    public void ToHtml_RawHtml_IsShownAsText()
    {
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", Render("<script>alert(1)</script>"), StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Markdown_KeepsEmphasisListsAndSafeLinks()
    {
        var html = Render("**Evening hours** helped:\n\n- one\n- two\n\n[toolkit](https://example.org/toolkit)");

        Assert.Contains("<strong>Evening hours</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/toolkit\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"nofollow ugc noopener\"", html, StringComparison.Ordinal);
    }

    private static string Render(string markdown)
    {
        using var writer = new StringWriter();
        Markdown.ToHtml(markdown).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}

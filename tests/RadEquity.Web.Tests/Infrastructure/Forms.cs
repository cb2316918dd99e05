using System.Net;
using System.Text.RegularExpressions;

namespace RadEquity.Web.Tests.Infrastructure;

/// <summary>Posts the app's forms as a browser does: GET the page, take its antiforgery token, POST the fields.</summary>
internal static partial class Forms
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>The antiforgery token of the page's forms.</summary>
    public static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>GETs <paramref name="page"/> and POSTs the fields (plus its token) to <paramref name="action"/> (default: the page).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        using var get = await client.GetAsync(page);
        Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET {page}: {(int)get.StatusCode} {get.Headers.Location}");
        var token = Token(await get.Content.ReadAsStringAsync());
        using var form = new FormUrlEncodedContent([.. fields, new(TokenField, token)]);
        return await client.PostAsync(action ?? page, form);
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        PostAsync(client, "/account/sign-in", [new("Input.Email", email), new("Input.Password", password)]);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

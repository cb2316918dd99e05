using System.Text.RegularExpressions;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// The player to embed for a webinar's video link, only for hosts we trust to frame: YouTube (through
/// youtube-nocookie.com, which sets no tracking cookie until play) and Vimeo. Any other link is shown as a link only.
/// </summary>
internal static partial class VideoEmbed
{
    public static Uri? For(string? videoUrl)
    {
        if (!Uri.TryCreate(videoUrl, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        var host = uri.Host.ToUpperInvariant();
        string? youTube = host switch
        {
            "YOUTU.BE" => uri.AbsolutePath.Trim('/'),
            "WWW.YOUTUBE.COM" or "YOUTUBE.COM" or "M.YOUTUBE.COM" or "WWW.YOUTUBE-NOCOOKIE.COM" => uri.AbsolutePath.StartsWith("/watch", StringComparison.Ordinal)
                ? System.Web.HttpUtility.ParseQueryString(uri.Query)["v"]
                : uri.AbsolutePath.StartsWith("/embed/", StringComparison.Ordinal) ? uri.AbsolutePath["/embed/".Length..] : null,
            _ => null,
        };
        if (youTube is not null)
        {
            return YouTubeId().IsMatch(youTube) ? new Uri("https://www.youtube-nocookie.com/embed/" + youTube) : null;
        }

        if (host is "VIMEO.COM" or "WWW.VIMEO.COM" or "PLAYER.VIMEO.COM")
        {
            var id = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            return id is not null && VimeoId().IsMatch(id) ? new Uri("https://player.vimeo.com/video/" + id) : null;
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{11}$")]
    private static partial Regex YouTubeId();

    [GeneratedRegex("^[0-9]{1,12}$")]
    private static partial Regex VimeoId();
}

using RadEquity.Web.Features.Coalition.Community;

namespace RadEquity.Web.Tests.Features.Coalition.Community;

public sealed class VideoEmbedTests
{
    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/embed/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871")]
    public void For_AllowedHost_PrivacyFriendlyPlayer(string link, string expected) => Assert.Equal(expected, VideoEmbed.For(link)?.AbsoluteUri);

    [Theory]
    [InlineData(null)]
    [InlineData("http://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://evil.example/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ")]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ%22%3E%3Cscript%3E")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://vimeo.com/channels/staffpicks")]
    public void For_OtherLinks_NoEmbed(string? link) => Assert.Null(VideoEmbed.For(link));
}

using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// Signed, expiring tokens for the unfollow link in reply e-mails: holding the mailbox is enough, no sign-in. The
/// payload names the follow by id and user, so a token cannot stop someone else's e-mails after an id is reused.
/// </summary>
internal sealed class UnfollowTokens(IDataProtectionProvider protection, IOptions<CommunityOptions> options, TimeProvider time)
{
    public string Create(long followId, string userId) =>
        Protector.Protect(followId.ToString(CultureInfo.InvariantCulture) + ":" + userId, time.GetUtcNow() + options.Value.UnfollowLinkLifetime);

    /// <summary>The follow a token names; null when tampered with or expired.</summary>
    public (long FollowId, string UserId)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        string payload;
        try
        {
            payload = Protector.Unprotect(token);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }

        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(payload.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (id, payload[(colon + 1)..])
            : null;
    }

    private ITimeLimitedDataProtector Protector =>
        protection.CreateProtector("RadEquity.Coalition.Discussion", "Unfollow").ToTimeLimitedDataProtector();
}

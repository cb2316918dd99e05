using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace RadEquity.Web.Features.Coalition;

/// <summary>What a signed link lets its holder do; each is its own Data Protection purpose, so one cannot stand for another.</summary>
internal enum PledgeLink
{
    Confirm,
    Unsubscribe,
    MyData,
}

/// <summary>What a link's token says: the pledge it names, or why it names none.</summary>
internal readonly record struct PledgeTokenRead(long PledgeId, string Email, bool Expired)
{
    public static readonly PledgeTokenRead Invalid = new(0, "", Expired: false);

    public static readonly PledgeTokenRead HasExpired = new(0, "", Expired: true);

    public bool IsValid => PledgeId > 0;
}

/// <summary>
/// Signed, expiring tokens for the links in the hub's e-mails (no sign-in: holding the mailbox is the proof). The
/// payload names the pledge by id and normalised e-mail, so a token outlives neither a deleted pledge nor an id that a
/// database reuses for someone else. The expiry is inside the signed payload and checked against the app's clock, so
/// an expired link can be told apart from a broken one (and asks for a new link rather than looking like an attack).
/// </summary>
internal sealed class PledgeTokens(IDataProtectionProvider protection, IOptions<CoalitionOptions> options, TimeProvider time)
{
    public string Create(PledgeLink link, long pledgeId, string email)
    {
        var lifetime = link switch
        {
            PledgeLink.Confirm => options.Value.ConfirmationLifetime,
            PledgeLink.Unsubscribe => options.Value.UnsubscribeLifetime,
            PledgeLink.MyData => options.Value.DataLinkLifetime,
            _ => throw new ArgumentOutOfRangeException(nameof(link)),
        };
        var expires = (time.GetUtcNow() + lifetime).ToUnixTimeSeconds();
        var payload = string.Create(CultureInfo.InvariantCulture, $"{expires}:{pledgeId}:{email}");
        return Protector(link).Protect(payload);
    }

    /// <summary>The pledge a token names; invalid when it was tampered with or is for another purpose; expired when it is old.</summary>
    public PledgeTokenRead Read(PledgeLink link, string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return PledgeTokenRead.Invalid;
        }

        if (Unprotect(Protector(link), token) is not { } payload)
        {
            // Links mailed before the expiry moved into the payload (time-limited tokens) keep working until they expire.
            return Unprotect(LegacyProtector(link), token) is { } legacy ? Parse(legacy) : PledgeTokenRead.Invalid;
        }

        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(payload.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return PledgeTokenRead.Invalid;
        }

        return time.GetUtcNow().ToUnixTimeSeconds() >= expires ? PledgeTokenRead.HasExpired : Parse(payload[(colon + 1)..]);
    }

    private static PledgeTokenRead Parse(string payload)
    {
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(payload.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? new PledgeTokenRead(id, payload[(colon + 1)..], Expired: false)
            : PledgeTokenRead.Invalid;
    }

    private static string? Unprotect(IDataProtector protector, string token)
    {
        try
        {
            return protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private IDataProtector Protector(PledgeLink link) =>
        protection.CreateProtector("RadEquity.Coalition.Pledge", link.ToString(), "v2");

    private IDataProtector LegacyProtector(PledgeLink link) =>
        protection.CreateProtector("RadEquity.Coalition.Pledge", link.ToString()).ToTimeLimitedDataProtector();
}

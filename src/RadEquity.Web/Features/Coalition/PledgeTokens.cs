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

/// <summary>
/// Signed, expiring tokens for the links in the hub's e-mails (no sign-in: holding the mailbox is the proof). The
/// payload names the pledge by id and normalised e-mail, so a token outlives neither a deleted pledge nor an id that a
/// database reuses for someone else.
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
        var payload = pledgeId.ToString(CultureInfo.InvariantCulture) + ":" + email;
        return Protector(link).Protect(payload, time.GetUtcNow() + lifetime);
    }

    /// <summary>The pledge a token names; null when it was tampered with, has expired or is for another purpose.</summary>
    public (long PledgeId, string Email)? Read(PledgeLink link, string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        string payload;
        try
        {
            payload = Protector(link).Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(payload.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (id, payload[(colon + 1)..])
            : null;
    }

    private ITimeLimitedDataProtector Protector(PledgeLink link) =>
        protection.CreateProtector("RadEquity.Coalition.Pledge", link.ToString()).ToTimeLimitedDataProtector();
}

using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace RadEquity.Web.Features.Outreach;

/// <summary>What a personal link names: the patient, the gap the message was about and the message's language.</summary>
internal sealed record PersonalLink(string Source, string PatientId, GapKind Gap, string Language);

/// <summary>What reading a personal link's token gave: the link, or why there is none.</summary>
internal readonly record struct PersonalLinkRead(PersonalLink? Link, bool Expired)
{
    public static readonly PersonalLinkRead Invalid = new(null, Expired: false);
}

/// <summary>
/// Signed, expiring tokens for the personal link in every message (no sign-in: holding the message is the proof), the
/// same way as the coalition's pledge links: the expiry is inside the signed payload, so an expired link says so (and
/// still shows the page in the patient's language) while a tampered one is refused.
/// </summary>
internal sealed class OutreachTokens(IDataProtectionProvider protection, IOptions<OutreachOptions> options, TimeProvider time)
{
    private IDataProtector Protector => protection.CreateProtector("RadEquity.Outreach.PersonalLink", "v1");

    public string Create(PersonalLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var expires = (time.GetUtcNow() + options.Value.LinkLifetime).ToUnixTimeSeconds();
        // The patient id goes last: it is the only part that may contain the separator.
        var payload = string.Create(CultureInfo.InvariantCulture,
            $"{expires}|{MessageTemplates.Name(link.Gap)}|{link.Language}|{link.Source}|{link.PatientId}");
        return Protector.Protect(payload);
    }

    public PersonalLinkRead Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return PersonalLinkRead.Invalid;
        }

        string payload;
        try
        {
            payload = Protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return PersonalLinkRead.Invalid;
        }
        catch (FormatException)
        {
            return PersonalLinkRead.Invalid;
        }

        var parts = payload.Split('|', 5);
        if (parts.Length != 5 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || Enum.GetValues<GapKind>().Where(g => MessageTemplates.Name(g) == parts[1]).ToList() is not [var gap]
            || !MessageTemplates.Languages.Contains(parts[2]))
        {
            return PersonalLinkRead.Invalid;
        }

        var link = new PersonalLink(parts[3], parts[4], gap, parts[2]);
        return new PersonalLinkRead(link, Expired: time.GetUtcNow().ToUnixTimeSeconds() >= expires);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// Certificate verification codes: 12 characters of Crockford's base32 (60 random bits from the system's CSPRNG), so
/// they cannot be guessed or enumerated, and read aloud or typed without confusing 0/O or 1/I/L. Shown in groups of
/// four (<c>7K2M-QX9D-4HRT</c>); what people type is normalised before it is looked up.
/// </summary>
internal static class CertificateCodes
{
    public const int Length = 12;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        var code = new StringBuilder(Length);
        foreach (var b in random)
        {
            // 256 is a multiple of 32, so taking five bits of each byte is unbiased.
            code.Append(Alphabet[b & 31]);
        }

        return code.ToString();
    }

    /// <summary>Upper case, without spaces and dashes, with O read as 0 and I, L as 1; null when it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var code = new StringBuilder(Length);
        foreach (var c in typed.Trim().ToUpperInvariant())
        {
            var mapped = c switch
            {
                '-' or ' ' => '\0',
                'O' => '0',
                'I' or 'L' => '1',
                _ => c,
            };
            if (mapped == '\0')
            {
                continue;
            }

            if (!Alphabet.Contains(mapped, StringComparison.Ordinal) || code.Length == Length)
            {
                return null;
            }

            code.Append(mapped);
        }

        return code.Length == Length ? code.ToString() : null;
    }

    /// <summary>The code as printed: three groups of four.</summary>
    public static string Display(string code) =>
        code.Length == Length ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;
}

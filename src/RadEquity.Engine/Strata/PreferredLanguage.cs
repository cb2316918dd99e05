using System.Collections.Frozen;
using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Strata;

/// <summary>
/// Preferred language by the primary subtag of its BCP-47 code (RFC 5646), with "Needs interpreter" taking
/// precedence over the language.
/// </summary>
internal static class PreferredLanguage
{
    internal const string English = "English";
    internal const string NeedsInterpreter = "Needs interpreter";

    /// <summary>The listed categories: English, eleven languages common among US patients with limited English,
    /// then Needs interpreter and Unknown. Other languages are returned too (open-ended).</summary>
    internal static readonly string[] Categories =
    [
        English, "Spanish", "Chinese", "Vietnamese", "Tagalog", "Korean", "Russian", "Arabic", "Haitian Creole",
        "Portuguese", "French", "Polish", NeedsInterpreter, Stratifier.Unknown,
    ];

    /// <summary>English display names of primary language subtags (ISO 639) common among US patients.</summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = English,
        ["es"] = "Spanish",
        ["zh"] = "Chinese",
        ["yue"] = "Cantonese",
        ["cmn"] = "Mandarin",
        ["vi"] = "Vietnamese",
        ["tl"] = "Tagalog",
        ["fil"] = "Filipino",
        ["ko"] = "Korean",
        ["ru"] = "Russian",
        ["ar"] = "Arabic",
        ["ht"] = "Haitian Creole",
        ["pt"] = "Portuguese",
        ["fr"] = "French",
        ["pl"] = "Polish",
        ["de"] = "German",
        ["it"] = "Italian",
        ["ja"] = "Japanese",
        ["hi"] = "Hindi",
        ["ur"] = "Urdu",
        ["bn"] = "Bengali",
        ["pa"] = "Punjabi",
        ["gu"] = "Gujarati",
        ["fa"] = "Persian",
        ["so"] = "Somali",
        ["am"] = "Amharic",
        ["ti"] = "Tigrinya",
        ["hmn"] = "Hmong",
        ["km"] = "Khmer",
        ["lo"] = "Lao",
        ["my"] = "Burmese",
        ["ne"] = "Nepali",
        ["uk"] = "Ukrainian",
        ["el"] = "Greek",
        ["hy"] = "Armenian",
        ["he"] = "Hebrew",
        ["yi"] = "Yiddish",
        ["sw"] = "Swahili",
        ["ps"] = "Pashto",
        ["nv"] = "Navajo",
        ["sm"] = "Samoan",
        ["ase"] = "American Sign Language",
    };

    /// <summary>Each name's position in <see cref="Categories"/>, or -1 for a language outside them.</summary>
    private static readonly FrozenDictionary<string, (string Name, int Index)>.AlternateLookup<ReadOnlySpan<char>> NamesBySpan =
        Names.ToFrozenDictionary(p => p.Key, p => (p.Value, Array.IndexOf(Categories, p.Value)), StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly int NeedsInterpreterIndex = Array.IndexOf(Categories, NeedsInterpreter);
    private static readonly int UnknownIndex = Array.IndexOf(Categories, Stratifier.Unknown);

    internal static string Categorize(PatientFact patient) =>
        IndexOf(patient.NeedsInterpreter, patient.LanguageCode, out _) is var i and >= 0 ? Categories[i] : NameOf(patient.LanguageCode)!;

    /// <summary>
    /// The position in <see cref="Categories"/> of the patient's category, or -1 for a language outside them (named by
    /// <see cref="NameOf"/>), without allocating; <paramref name="hasLanguage"/> is <see cref="HasLanguage"/>.
    /// </summary>
    internal static int IndexOf(bool? needsInterpreter, string? code, out bool hasLanguage)
    {
        var index = UnknownIndex;
        hasLanguage = false;
        if (TryPrimarySubtag(code, out var subtag))
        {
            if (NamesBySpan.TryGetValue(subtag, out var entry))
            {
                hasLanguage = true;
                index = entry.Index;
            }
            else if (IsLanguage(subtag))
            {
                hasLanguage = true;
                index = -1;
            }
        }

        return needsInterpreter == true ? NeedsInterpreterIndex : index;
    }

    /// <summary>
    /// The display name of <paramref name="code"/>'s primary subtag: from the table, else the subtag itself in lower
    /// case; null when there is no usable language (absent, malformed, or <c>und</c>, <c>mis</c>, <c>mul</c>,
    /// <c>zxx</c>).
    /// </summary>
    internal static string? NameOf(string? code)
    {
        if (!TryPrimarySubtag(code, out var subtag))
        {
            return null;
        }

        if (NamesBySpan.TryGetValue(subtag, out var entry))
        {
            return entry.Name;
        }

        if (!IsLanguage(subtag))
        {
            return null;
        }

        // Outside the table: the subtag itself, in lower case; the patient's own string when it already is that.
        if (code!.Length == subtag.Length && !HasUpper(subtag))
        {
            return code;
        }

        return subtag.ToString().ToLowerInvariant();
    }

    /// <summary>Whether <paramref name="code"/> names a language (see <see cref="NameOf"/>), without allocating.</summary>
    internal static bool HasLanguage(string? code) => TryPrimarySubtag(code, out var subtag) && IsLanguage(subtag);

    /// <summary>False for the ISO 639 special codes: undetermined, uncoded, multiple, no linguistic content.</summary>
    private static bool IsLanguage(ReadOnlySpan<char> subtag) =>
        !subtag.Equals("und", StringComparison.OrdinalIgnoreCase) && !subtag.Equals("mis", StringComparison.OrdinalIgnoreCase)
        && !subtag.Equals("mul", StringComparison.OrdinalIgnoreCase) && !subtag.Equals("zxx", StringComparison.OrdinalIgnoreCase);

    /// <summary>The primary language subtag: 2-3 letters (ISO 639) or 5-8 letters (registered), before the first
    /// <c>-</c> (or <c>_</c>, as some systems write it).</summary>
    internal static bool TryPrimarySubtag(string? code, out ReadOnlySpan<char> subtag)
    {
        subtag = code.AsSpan().Trim();
        var end = subtag.IndexOfAny('-', '_');
        if (end >= 0)
        {
            subtag = subtag[..end];
        }

        if (subtag.Length is not (>= 2 and <= 3) and not (>= 5 and <= 8))
        {
            return false;
        }

        foreach (var c in subtag)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasUpper(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return true;
            }
        }

        return false;
    }
}

namespace RadEquity.Web.Features.Outreach;

/// <summary>
/// The Flesch–Kincaid grade level (Kincaid et al., 1975): 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
/// Outreach keeps every English message at or below grade 8 so that most adults can read it.
/// </summary>
internal static class Readability
{
    /// <summary>The grade level of English <paramref name="text"/>; 0 for text without words.</summary>
    /// <remarks>
    /// Web addresses, e-mail addresses and tokens with digits (phone numbers, dates) are left out: they are read as a
    /// unit, not sounded out, and would otherwise count as long words. Sentences end at '.', '!', '?', ':' or a line
    /// break (a greeting line or a sign-off reads as a sentence of its own).
    /// </remarks>
    public static double FleschKincaidGrade(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = 0;
        var words = 0;
        var syllables = 0;
        var inSentence = false;
        foreach (var raw in text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var (part, last) in SplitLines(raw))
            {
                if (!(part.Contains("://", StringComparison.Ordinal) || part.Contains('@', StringComparison.Ordinal) || part.Any(char.IsDigit)))
                {
                    var letters = new string(part.Where(char.IsLetter).ToArray());
                    if (letters.Length > 0)
                    {
                        words++;
                        syllables += Syllables(letters);
                        inSentence = true;
                    }
                }

                if (inSentence && (last || part.EndsWith('.') || part.EndsWith('!') || part.EndsWith('?') || part.EndsWith(':')))
                {
                    sentences++;
                    inSentence = false;
                }
            }
        }

        if (inSentence)
        {
            sentences++;
        }

        return words == 0 ? 0 : (0.39 * words / sentences) + (11.8 * syllables / words) - 15.59;
    }

    // A token may hold line breaks ("you.\n\nThank"): each line's end closes a sentence.
    private static IEnumerable<(string Part, bool EndsLine)> SplitLines(string token)
    {
        var lines = token.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            yield return (lines[i], i < lines.Length - 1);
        }
    }

    /// <summary>
    /// Syllables in an English word by the usual heuristic: count groups of vowels (y counts as a vowel after the first
    /// letter), drop a silent final "e" (but not "-le" after a consonant, as in "simple"), count "-ed" only after t or d,
    /// and give every word at least one.
    /// </summary>
    public static int Syllables(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var w = word.ToLowerInvariant();
        if (w.Length <= 3)
        {
            return 1;
        }

        var count = 0;
        var previousVowel = false;
        for (var i = 0; i < w.Length; i++)
        {
            var vowel = "aeiou".Contains(w[i], StringComparison.Ordinal) || (w[i] == 'y' && i > 0);
            if (vowel && !previousVowel)
            {
                count++;
            }

            previousVowel = vowel;
        }

        if (w.EndsWith('e') && !(w.EndsWith("le", StringComparison.Ordinal) && !"aeiouy".Contains(w[^3], StringComparison.Ordinal))
            && !"aeiouy".Contains(w[^2], StringComparison.Ordinal))
        {
            count--;
        }
        else if (w.EndsWith("ed", StringComparison.Ordinal) && w[^3] is not ('t' or 'd') && !"aeiouy".Contains(w[^3], StringComparison.Ordinal))
        {
            count--;
        }
        else if (w.EndsWith("es", StringComparison.Ordinal) && w[^3] is not ('s' or 'x' or 'z' or 'c' or 'g' or 'h') && !"aeiouy".Contains(w[^3], StringComparison.Ordinal))
        {
            count--;
        }

        return Math.Max(1, count);
    }
}

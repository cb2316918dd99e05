using RadEquity.Engine.Facts;
using RadEquity.Engine.Terminology;

namespace RadEquity.Data.Measures;

/// <summary>
/// One string instance per distinct value during one load (statuses, units, kinds, postal codes repeat millions of
/// times). Looked up by span, so a value already seen costs no allocation. Not thread-safe; lives for one load.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public StringPool() => _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Intern(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (_bySpan.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        var text = value.ToString();
        _strings.Add(text, text);
        return text;
    }
}

/// <summary>Stored codings (<see cref="Coding.Join"/> text) read once: the codings and the value sets they belong to.</summary>
/// <param name="Codings">The codings, shared by every row with the same text.</param>
/// <param name="Mask">The value sets any of them belongs to.</param>
internal readonly record struct ClassifiedCodes(IReadOnlyList<Coding> Codings, ValueSetMask Mask);

/// <summary>
/// <see cref="Coding.Split"/> and <see cref="CodeIndex.Classify"/> cached by the stored text: the same
/// <c>system|code</c> strings repeat across millions of rows, so each distinct text is parsed and classified once per
/// load. Not thread-safe; lives for one load.
/// </summary>
internal sealed class CodingCache
{
    private static readonly ClassifiedCodes Empty = new([], ValueSetMask.None);

    private readonly CodeIndex? _index;
    private readonly Dictionary<string, ClassifiedCodes> _byText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClassifiedCodes>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <summary>Classifies with <paramref name="index"/>; without one every mask is empty.</summary>
    public CodingCache(CodeIndex? index)
    {
        _index = index;
        _bySpan = _byText.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public ClassifiedCodes Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return Empty;
        }

        if (_bySpan.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var key = text.ToString();
        var codings = Coding.Split(key);
        var classified = new ClassifiedCodes(codings, _index?.Classify(codings) ?? ValueSetMask.None);
        _byText.Add(key, classified);
        return classified;
    }
}

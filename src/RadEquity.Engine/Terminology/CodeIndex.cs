using System.Collections.Frozen;
using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Terminology;

/// <summary>
/// A set of value sets, one bit each: an event's codes are classified once (at load) into the value sets they belong
/// to, so measures test membership with a bit operation instead of a lookup per code.
/// </summary>
public readonly record struct ValueSetMask(UInt128 Bits)
{
    /// <summary>No value set.</summary>
    public static ValueSetMask None => default;

    /// <summary>True when no value set is in the mask.</summary>
    public bool IsEmpty => Bits == UInt128.Zero;

    /// <summary>True when any value set of <paramref name="other"/> is also in this mask.</summary>
    public bool Overlaps(ValueSetMask other) => (Bits & other.Bits) != UInt128.Zero;

    /// <summary>The union of two masks.</summary>
    public static ValueSetMask operator |(ValueSetMask a, ValueSetMask b) => new(a.Bits | b.Bits);

    /// <summary>The union of two masks.</summary>
    public ValueSetMask BitwiseOr(ValueSetMask other) => this | other;
}

/// <summary>
/// The value sets the measures use (<see cref="ValueSetUrls"/>), compiled from a catalog into a code → mask map.
/// Immutable and thread-safe.
/// </summary>
public sealed class CodeIndex
{
    private static readonly string[] MeasureUrls = typeof(ValueSetUrls)
        .GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The URLs of every value set the measures use (<see cref="ValueSetUrls"/>).</summary>
    public static IReadOnlyList<string> RequiredUrls => MeasureUrls;

    private readonly FrozenDictionary<Coding, ValueSetMask> _byCode;
    private readonly FrozenDictionary<string, int> _bitByUrl;
    private readonly ValueSet[] _sets;

    private CodeIndex(ValueSet[] sets)
    {
        _sets = sets;
        var byCode = new Dictionary<Coding, ValueSetMask>();
        for (var bit = 0; bit < sets.Length; bit++)
        {
            var mask = new ValueSetMask(UInt128.One << bit);
            foreach (var code in sets[bit].Codes)
            {
                byCode[code] = byCode.TryGetValue(code, out var existing) ? existing | mask : mask;
            }
        }

        _byCode = byCode.ToFrozenDictionary();
        _bitByUrl = sets.Select((s, i) => (s.Url, i)).ToFrozenDictionary(p => p.Url, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Compiles the measure value sets from <paramref name="valueSets"/> (a catalog's sets, defaults or
    /// loaded expansions) and the <see cref="DirectCodes"/>. Every URL in <see cref="ValueSetUrls"/> must be present.</summary>
    /// <exception cref="KeyNotFoundException">A value set the measures need is missing.</exception>
    public static CodeIndex Compile(IEnumerable<ValueSet> valueSets)
    {
        ArgumentNullException.ThrowIfNull(valueSets);
        var byUrl = new Dictionary<string, ValueSet>(StringComparer.Ordinal);
        foreach (var set in valueSets)
        {
            byUrl[set.Url] = set;
        }

        var sets = new ValueSet[MeasureUrls.Length + DirectCodes.All.Count];
        for (var i = 0; i < DirectCodes.All.Count; i++)
        {
            sets[MeasureUrls.Length + i] = DirectCodes.All[i];
        }

        for (var i = 0; i < MeasureUrls.Length; i++)
        {
            sets[i] = byUrl.TryGetValue(MeasureUrls[i], out var set)
                ? set
                : throw new KeyNotFoundException($"Value set {MeasureUrls[i]} is needed by the measures but was not loaded.");
        }

        return new CodeIndex(sets);
    }

    /// <summary>The value sets compiled, by bit index.</summary>
    public IReadOnlyList<ValueSet> ValueSets => _sets;

    /// <summary>The mask of one value set.</summary>
    public ValueSetMask MaskOf(string url) =>
        _bitByUrl.TryGetValue(url, out var bit)
            ? new ValueSetMask(UInt128.One << bit)
            : throw new KeyNotFoundException($"Value set {url} is not one the measures use.");

    /// <summary>The union of several value sets' masks.</summary>
    public ValueSetMask MaskOf(params ReadOnlySpan<string> urls)
    {
        var mask = ValueSetMask.None;
        foreach (var url in urls)
        {
            mask |= MaskOf(url);
        }

        return mask;
    }

    /// <summary>The value sets any of <paramref name="codes"/> belongs to.</summary>
    public ValueSetMask Classify(IReadOnlyList<Coding> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var mask = ValueSetMask.None;
        for (var i = 0; i < codes.Count; i++)
        {
            if (_byCode.TryGetValue(codes[i], out var m))
            {
                mask |= m;
            }
        }

        return mask;
    }
}

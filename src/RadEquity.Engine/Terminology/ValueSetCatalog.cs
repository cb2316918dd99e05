using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Terminology;

/// <summary>
/// The value sets the measures use, by canonical URL (ARCHITECTURE idea 2: codes are data). The defaults ship with the
/// engine (<see cref="LoadDefault"/>): the VSAC value sets of the CMS125FHIR and CMS130FHIR eCQMs (v0.4.000, 2026
/// performance period) with the Synthea codes documented in <c>docs/value-sets.md</c>, and RadEquity's own value sets
/// for lung screening, BI-RADS and Lung-RADS follow-up. Official expansions read with <see cref="Read"/> replace
/// defaults whole through <see cref="With"/>. Immutable: every change returns a new catalog.
/// </summary>
public sealed class ValueSetCatalog
{
    private const string DefaultResourcePrefix = "RadEquity.Engine.Terminology.Defaults.";
    private const string DefaultSource = "default";

    private readonly FrozenDictionary<string, Entry> _entries;

    private ValueSetCatalog(FrozenDictionary<string, Entry> entries)
    {
        _entries = entries;
        All = entries.Values.Select(entry => entry.ValueSet).OrderBy(set => set.Url, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every value set, ordered by URL.</summary>
    public IReadOnlyCollection<ValueSet> All { get; }

    /// <summary>The value set with this URL (a <c>|version</c> suffix is ignored).</summary>
    /// <exception cref="KeyNotFoundException">No value set has this URL.</exception>
    public ValueSet this[string url] => Find(url).ValueSet;

    /// <summary>
    /// Parses the value sets shipped with the engine (embedded FHIR ValueSet bundles under
    /// <c>Terminology/Defaults/</c>). Each call parses afresh, so no state is shared between callers.
    /// </summary>
    public static ValueSetCatalog LoadDefault()
    {
        var assembly = typeof(ValueSetCatalog).Assembly;
        var resources = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(DefaultResourcePrefix, StringComparison.Ordinal)
                           && name.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (resources.Length == 0)
        {
            throw new InvalidOperationException("The engine assembly carries no default value sets (Terminology/Defaults/*.json).");
        }

        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var fileName = "Terminology/Defaults/" + resource[DefaultResourcePrefix.Length..];
            using var stream = assembly.GetManifestResourceStream(resource)
                               ?? throw new InvalidOperationException($"Embedded resource {resource} cannot be opened.");
            foreach (var valueSet in ValueSetReader.Read(stream, fileName, DefaultSource))
            {
                if (!entries.TryAdd(Key(valueSet.Url), new Entry(valueSet)))
                {
                    throw new InvalidOperationException($"{fileName}: value set {valueSet.Url} is defined twice in the defaults.");
                }
            }
        }

        return new ValueSetCatalog(entries.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>
    /// Reads FHIR R4 JSON: one ValueSet, or a Bundle of ValueSets (the VSAC/eCQM expansion bundles; other resource
    /// types in a Bundle are skipped). Codes come from <c>expansion.contains</c>, nested entries included; a value set
    /// without an expansion uses the explicit concepts of <c>compose.include</c> (filters are refused).
    /// </summary>
    /// <param name="json">The JSON stream; not closed.</param>
    /// <param name="sourceName">Names the input in errors and becomes <see cref="ValueSet.Source"/>.</param>
    /// <exception cref="InvalidDataException">The input is not such JSON; the message names the source, the JSON path
    /// (e.g. <c>entry[3].resource.expansion.contains[7]</c>) and the problem.</exception>
    public static IReadOnlyList<ValueSet> Read(Stream json, string sourceName) => ValueSetReader.Read(json, sourceName);

    /// <summary>
    /// A new catalog where each given value set replaces the one with the same URL whole (its codes are not merged
    /// with the default's) and value sets with new URLs are added.
    /// </summary>
    /// <exception cref="ArgumentException">The same URL is given twice with different codes.</exception>
    public ValueSetCatalog With(IEnumerable<ValueSet> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        var entries = new Dictionary<string, Entry>(_entries, StringComparer.Ordinal);
        var replaced = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var valueSet in replacements)
        {
            if (valueSet is null)
            {
                throw new ArgumentException("A replacement value set is null.", nameof(replacements));
            }

            var key = Key(valueSet.Url);
            var entry = new Entry(valueSet);
            // The CMS125 and CMS130 bundles both carry the shared libraries' value sets: identical copies are fine.
            if (replaced.TryGetValue(key, out var earlier))
            {
                if (!earlier.Members.SetEquals(entry.ValueSet.Codes))
                {
                    throw new ArgumentException(
                        $"Value set {key} is given twice with different codes ({earlier.ValueSet.Source}, {valueSet.Source}).",
                        nameof(replacements));
                }

                continue;
            }

            replaced.Add(key, entry);
            entries[key] = entry;
        }

        return new ValueSetCatalog(entries.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Finds the value set with this URL (a <c>|version</c> suffix is ignored).</summary>
    public bool TryGet(string url, [NotNullWhen(true)] out ValueSet? valueSet)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_entries.TryGetValue(Key(url), out var entry))
        {
            valueSet = entry.ValueSet;
            return true;
        }

        valueSet = null;
        return false;
    }

    /// <summary>Whether the value set with this URL contains the coding (system and code match exactly).</summary>
    /// <exception cref="KeyNotFoundException">No value set has this URL.</exception>
    public bool Contains(string url, Coding coding) => Find(url).Members.Contains(coding);

    private Entry Find(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return _entries.TryGetValue(Key(url), out var entry)
            ? entry
            : throw new KeyNotFoundException($"No value set with URL {url} in the catalog.");
    }

    /// <summary>Canonical references may pin a version (<c>url|version</c>); the catalog holds one version per URL.</summary>
    private static string Key(string url)
    {
        var bar = url.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? url : url[..bar];
    }

    private sealed class Entry(ValueSet valueSet)
    {
        public ValueSet ValueSet { get; } = valueSet;

        // A HashSet, not a FrozenSet: building 60 frozen sets costs more than LoadDefault's whole budget. Never mutated.
        public HashSet<Coding> Members { get; } = valueSet.Codes.ToHashSet();
    }
}

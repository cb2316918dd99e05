using System.Text.Json;
using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Terminology;

/// <summary>
/// Reads FHIR R4 ValueSet JSON (one <c>ValueSet</c>, or a <c>Bundle</c> of them such as the VSAC/eCQM expansion
/// bundles) into <see cref="ValueSet"/> records. The codes are <c>expansion.contains</c>, nested <c>contains</c>
/// included; a value set without <c>expansion.contains</c> falls back to the explicit concepts of
/// <c>compose.include</c> (minus <c>compose.exclude</c>). Filters and value-set imports need a terminology server and
/// are refused, so a value set is never silently read as smaller than it is.
/// </summary>
internal static class ValueSetReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    /// <summary>Reads value sets, naming <paramref name="sourceName"/> in errors and as <see cref="ValueSet.Source"/>.</summary>
    public static IReadOnlyList<ValueSet> Read(Stream json, string sourceName) => Read(json, sourceName, sourceName);

    /// <summary>Reads value sets, naming <paramref name="sourceName"/> in errors and <paramref name="sourceLabel"/> as the source.</summary>
    public static IReadOnlyList<ValueSet> Read(Stream json, string sourceName, string sourceLabel)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceLabel);

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{sourceName}: not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var context = new Context(sourceName, sourceLabel);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw context.Error("", "expected a JSON object (a FHIR ValueSet or Bundle)");
            }

            var resourceType = OptionalString(root, "resourceType", "", context);
            return resourceType switch
            {
                "ValueSet" => [ReadValueSet(root, "", context)],
                "Bundle" => ReadBundle(root, context),
                null => throw context.Error("", "'resourceType' is missing"),
                _ => throw context.Error("", $"resourceType is '{resourceType}'; expected ValueSet or Bundle"),
            };
        }
    }

    private static List<ValueSet> ReadBundle(JsonElement bundle, Context context)
    {
        var valueSets = new List<ValueSet>();
        if (bundle.TryGetProperty("entry", out var entries))
        {
            RequireKind(entries, JsonValueKind.Array, "entry", context);
            var index = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                var path = $"entry[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
                index++;
                RequireKind(entry, JsonValueKind.Object, path, context);
                if (!entry.TryGetProperty("resource", out var resource))
                {
                    throw context.Error(path, "'resource' is missing");
                }

                var resourcePath = path + ".resource";
                RequireKind(resource, JsonValueKind.Object, resourcePath, context);
                // Measure packages bundle Libraries and Measures with their ValueSets; only the ValueSets matter here.
                if (string.Equals(OptionalString(resource, "resourceType", resourcePath, context), "ValueSet", StringComparison.Ordinal))
                {
                    valueSets.Add(ReadValueSet(resource, resourcePath, context));
                }
            }
        }

        return valueSets.Count > 0 ? valueSets : throw context.Error("", "the Bundle contains no ValueSet");
    }

    private static ValueSet ReadValueSet(JsonElement resource, string path, Context context)
    {
        var url = OptionalString(resource, "url", path, context) ?? throw context.Error(path, "'url' is missing");
        var name = OptionalString(resource, "name", path, context)
                   ?? OptionalString(resource, "title", path, context)
                   ?? url[(url.LastIndexOf('/') + 1)..];
        var version = OptionalString(resource, "version", path, context);

        var codes = new List<Coding>();
        var seen = new HashSet<Coding>();
        var hasExpansion = resource.TryGetProperty("expansion", out var expansion);
        if (hasExpansion)
        {
            RequireKind(expansion, JsonValueKind.Object, Join(path, "expansion"), context);
        }

        if (hasExpansion && expansion.TryGetProperty("contains", out var contains))
        {
            ReadContains(contains, Join(path, "expansion.contains"), codes, seen, context);
        }
        else if (resource.TryGetProperty("compose", out var compose))
        {
            ReadCompose(compose, Join(path, "compose"), codes, seen, context);
        }
        else if (!hasExpansion)
        {
            throw context.Error(path, "has neither 'expansion.contains' nor 'compose.include'");
        }

        return new ValueSet(url, name, version, context.SourceLabel, codes);
    }

    private static void ReadContains(JsonElement contains, string path, List<Coding> codes, HashSet<Coding> seen, Context context)
    {
        RequireKind(contains, JsonValueKind.Array, path, context);
        var index = 0;
        foreach (var item in contains.EnumerateArray())
        {
            var itemPath = $"{path}[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            index++;
            RequireKind(item, JsonValueKind.Object, itemPath, context);
            var code = OptionalString(item, "code", itemPath, context);
            var hasChildren = item.TryGetProperty("contains", out var children);
            if (code is null && !hasChildren)
            {
                throw context.Error(itemPath, "'code' is missing");
            }

            // FHIR: an abstract entry is there for navigation only and is not a selectable member.
            var isAbstract = item.TryGetProperty("abstract", out var abstractFlag) && abstractFlag.ValueKind == JsonValueKind.True;
            if (code is not null && !isAbstract)
            {
                var system = OptionalString(item, "system", itemPath, context) ?? throw context.Error(itemPath, "'system' is missing");
                Add(new Coding(system, code), codes, seen);
            }

            if (hasChildren)
            {
                ReadContains(children, itemPath + ".contains", codes, seen, context);
            }
        }
    }

    private static void ReadCompose(JsonElement compose, string path, List<Coding> codes, HashSet<Coding> seen, Context context)
    {
        RequireKind(compose, JsonValueKind.Object, path, context);
        if (!compose.TryGetProperty("include", out var include))
        {
            throw context.Error(path, "'include' is missing");
        }

        ReadConceptSets(include, path + ".include", code => Add(code, codes, seen), context);
        if (compose.TryGetProperty("exclude", out var exclude))
        {
            var excluded = new HashSet<Coding>();
            ReadConceptSets(exclude, path + ".exclude", code => excluded.Add(code), context);
            codes.RemoveAll(excluded.Contains);
        }
    }

    private static void ReadConceptSets(JsonElement sets, string path, Action<Coding> add, Context context)
    {
        RequireKind(sets, JsonValueKind.Array, path, context);
        var index = 0;
        foreach (var set in sets.EnumerateArray())
        {
            var setPath = $"{path}[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            index++;
            RequireKind(set, JsonValueKind.Object, setPath, context);
            if (set.TryGetProperty("filter", out _))
            {
                throw context.Error(setPath, "'filter' needs a terminology server to expand; load the expanded value set (expansion.contains)");
            }

            if (set.TryGetProperty("valueSet", out _))
            {
                throw context.Error(setPath, "'valueSet' imports are not expanded here; load the expanded value set (expansion.contains)");
            }

            var system = OptionalString(set, "system", setPath, context) ?? throw context.Error(setPath, "'system' is missing");
            if (!set.TryGetProperty("concept", out var concepts))
            {
                throw context.Error(setPath, "has no 'concept' list (a whole code system cannot be enumerated here)");
            }

            RequireKind(concepts, JsonValueKind.Array, setPath + ".concept", context);
            var conceptIndex = 0;
            foreach (var concept in concepts.EnumerateArray())
            {
                var conceptPath = $"{setPath}.concept[{conceptIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
                conceptIndex++;
                RequireKind(concept, JsonValueKind.Object, conceptPath, context);
                var code = OptionalString(concept, "code", conceptPath, context) ?? throw context.Error(conceptPath, "'code' is missing");
                add(new Coding(system, code));
            }
        }
    }

    private static void Add(Coding coding, List<Coding> codes, HashSet<Coding> seen)
    {
        // Expansions list a code once per code-system version; membership only needs it once.
        if (seen.Add(coding))
        {
            codes.Add(coding);
        }
    }

    private static string? OptionalString(JsonElement element, string property, string path, Context context)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw context.Error(path, $"'{property}' is not a string");
        }

        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? throw context.Error(path, $"'{property}' is empty") : text;
    }

    private static void RequireKind(JsonElement element, JsonValueKind kind, string path, Context context)
    {
        if (element.ValueKind != kind)
        {
            throw context.Error(path, kind == JsonValueKind.Array ? "expected an array" : "expected an object");
        }
    }

    private static string Join(string path, string member) => path.Length == 0 ? member : path + "." + member;

    private sealed record Context(string SourceName, string SourceLabel)
    {
        public InvalidDataException Error(string path, string problem) =>
            new(path.Length == 0 ? $"{SourceName}: {problem}" : $"{SourceName}: {path}: {problem}");
    }
}

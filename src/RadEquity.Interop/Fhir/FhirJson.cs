using System.Runtime.InteropServices;
using System.Text.Json;
using RadEquity.Engine.Facts;

namespace RadEquity.Interop.Fhir;

/// <summary>A resource that cannot be projected: the field at fault and why, for the quarantine table.</summary>
internal sealed class ProjectionException : Exception
{
    public ProjectionException()
    {
    }

    public ProjectionException(string message)
        : base(message)
    {
    }

    public ProjectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProjectionException(string field, string reason)
        : base(reason) => Field = field;

    public string? Field { get; }
}

/// <summary>Typed, strict reads of FHIR JSON elements: a wrong JSON type or an impossible date is an error
/// naming the field, never a silent null.</summary>
internal static class FhirJson
{
    public static bool TryProperty(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static string? String(JsonElement obj, string name, string path)
    {
        if (!TryProperty(obj, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw WrongType(path, "a string", value);
    }

    public static bool? Boolean(JsonElement obj, string name, string path)
    {
        if (!TryProperty(obj, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(path, "true or false", value),
        };
    }

    public static decimal? Decimal(JsonElement obj, string name, string path)
    {
        if (!TryProperty(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw WrongType(path, "a number", value);
        }

        return value.TryGetDecimal(out var d) ? d : throw new ProjectionException(path, "number out of range");
    }

    public static double? Double(JsonElement obj, string name, string path)
    {
        var d = Decimal(obj, name, path);
        return d is null ? null : (double)d.Value;
    }

    public static JsonElement? Object(JsonElement obj, string name, string path)
    {
        if (!TryProperty(obj, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw WrongType(path, "an object", value);
    }

    /// <summary>The elements of an array property; an absent property is an empty array.</summary>
    public static JsonElement.ArrayEnumerator Array(JsonElement obj, string name, string path)
    {
        if (!TryProperty(obj, name, out var value))
        {
            return default;
        }

        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw WrongType(path, "an array", value);
    }

    public static DateOnly? Date(JsonElement obj, string name, string path) =>
        ParseDate(obj, name, path, "date") is { } value ? DateOnly.FromDateTime(value.DateTime) : null;

    public static DateTimeOffset? DateTime(JsonElement obj, string name, string path) => ParseDate(obj, name, path, "dateTime");

    /// <summary>Parses a date string from its UTF-8 bytes, without allocating a string (dates are ASCII).</summary>
    private static DateTimeOffset? ParseDate(JsonElement obj, string name, string path, string kind)
    {
        if (!TryProperty(obj, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw WrongType(path, "a string", value);
        }

        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length is > 2 and < 64 && raw.IndexOf((byte)'\\') < 0)
        {
            Span<char> chars = stackalloc char[raw.Length - 2];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)raw[i + 1];
            }

            if (FhirDates.TryParse(chars, out var parsed))
            {
                return parsed;
            }
        }

        var text = value.GetString() ?? string.Empty;
        return FhirDates.TryParse(text, out var slow)
            ? slow
            : throw new ProjectionException(path, "not a valid FHIR " + kind);
    }

    /// <summary>Adds the codings of a Coding element (system and code; codes without a code are skipped).
    /// Hot path: paths are built only on error, well-known systems are not re-allocated.</summary>
    public static void AddCoding(JsonElement coding, List<Coding> into, string path)
    {
        if (coding.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(path, "a Coding object", coding);
        }

        if (!coding.TryGetProperty("code"u8, out var code) || code.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (code.ValueKind != JsonValueKind.String)
        {
            throw WrongType(path + ".code", "a string", code);
        }

        var text = code.GetString();
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var system = string.Empty;
        if (coding.TryGetProperty("system"u8, out var s) && s.ValueKind != JsonValueKind.Null)
        {
            system = s.ValueKind == JsonValueKind.String ? KnownStrings.Get(s) : throw WrongType(path + ".system", "a string", s);
        }

        into.Add(new Coding(system, text));
    }

    /// <summary>Adds the codings of a CodeableConcept property (an object).</summary>
    public static void AddConcept(JsonElement obj, string name, List<Coding> into, string path)
    {
        var concept = Object(obj, name, path);
        if (concept is { } cc)
        {
            AddConceptValue(cc, into, path);
        }
    }

    public static void AddConceptValue(JsonElement concept, List<Coding> into, string path)
    {
        if (concept.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(path, "a CodeableConcept object", concept);
        }

        if (!concept.TryGetProperty("coding"u8, out var codings) || codings.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (codings.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(path + ".coding", "an array", codings);
        }

        foreach (var coding in codings.EnumerateArray())
        {
            AddCoding(coding, into, path);
        }
    }

    /// <summary>Adds the codings of a property holding an array of CodeableConcepts.</summary>
    public static void AddConcepts(JsonElement obj, string name, List<Coding> into, string path)
    {
        foreach (var concept in Array(obj, name, path))
        {
            AddConceptValue(concept, into, path);
        }
    }

    /// <summary>The <c>reference</c> string of a Reference property, when present.</summary>
    public static string? Reference(JsonElement obj, string name, string path)
    {
        var reference = Object(obj, name, path);
        return reference is { } r ? String(r, "reference", path + ".reference") : null;
    }

    public static IReadOnlyList<Coding> ToList(List<Coding>? codings) =>
        codings is null || codings.Count == 0 ? [] : codings.ToArray();

    public static ProjectionException WrongType(string path, string expected, JsonElement found) =>
        new(path, "expected " + expected + ", found " + KindName(found.ValueKind));

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Undefined => "nothing",
        _ => kind.ToString(),
    };

}

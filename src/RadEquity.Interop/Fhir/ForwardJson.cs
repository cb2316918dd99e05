using System.Runtime.CompilerServices;
using System.Text.Json;
using RadEquity.Engine.Facts;

namespace RadEquity.Interop.Fhir;

/// <summary>
/// Reads of FHIR JSON values from a forward <see cref="Utf8JsonReader"/> positioned on the value (after the property
/// name). They accept only the plain shapes the document path accepts; on anything else — a wrong JSON type, an
/// impossible date, a duplicate property, an escaped property name — they <see cref="Decline"/>, and the caller
/// re-reads the resource through the document path, which decides and words any quarantine. So the forward pass
/// can never be more lenient than <see cref="FhirJson"/>.
/// </summary>
internal static class ForwardJson
{
    public static readonly JsonReaderOptions Options = new() { MaxDepth = 128 };

    /// <summary>The signal that the forward pass hands the resource to the document path.</summary>
    public static ProjectionException Decline() => new("forward pass declined");

    /// <summary>The current property name (the reader is on a PropertyName token).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Name(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? throw Decline() : reader.ValueSpan;

    /// <summary>Marks a property as read; a second occurrence declines (the document path reads the last one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Once(ref int seen, int bit)
    {
        if ((seen & (1 << bit)) != 0)
        {
            throw Decline();
        }

        seen |= 1 << bit;
    }

    public static string? String(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw Decline(),
    };

    /// <summary>A string that recurs (a code, a status, a unit), shared through the cache.</summary>
    public static string? Cached(ref Utf8JsonReader reader, Utf8StringCache strings) => reader.TokenType switch
    {
        JsonTokenType.String => strings.Get(ref reader),
        JsonTokenType.Null => null,
        _ => throw Decline(),
    };

    public static bool? Boolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw Decline(),
    };

    public static decimal? Decimal(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.TryGetDecimal(out var d) ? d : throw Decline(),
        JsonTokenType.Null => null,
        _ => throw Decline(),
    };

    /// <summary>A FHIR date, dateTime or instant, parsed from its UTF-8 bytes (through <paramref name="recurring"/>
    /// for values that repeat from resource to resource).</summary>
    public static DateTimeOffset? DateTime(ref Utf8JsonReader reader, Utf8StringCache? recurring = null)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
        {
            throw Decline();
        }

        var ok = recurring is null
            ? FhirDates.TryParse(reader.ValueSpan, out var value)
            : recurring.TryParseDate(reader.ValueSpan, out value);
        return ok ? value : throw Decline();
    }

    /// <summary>True when the value is an object (the reader then iterates its properties); false for null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool StartObject(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.Null => false,
        _ => throw Decline(),
    };

    /// <summary>True when the value is an array (the reader then iterates its elements); false for null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool StartArray(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartArray => true,
        JsonTokenType.Null => false,
        _ => throw Decline(),
    };

    /// <summary>Moves to the next property of the current object: true with the reader on its value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NextProperty(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        if (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            name = Name(ref reader);
            reader.Read();
            return true;
        }

        name = default;
        return false;
    }

    /// <summary>Moves to the next element of the current array; elements other than objects decline.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NextObject(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.EndArray => false,
            JsonTokenType.StartObject => true,
            _ => throw Decline(),
        };
    }

    /// <summary>A Coding object (the reader on its start): system and code, or null when it has no code.</summary>
    public static Coding? Coding(ref Utf8JsonReader reader, Utf8StringCache strings)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Decline();
        }

        string? system = null, code = null;
        var seen = 0;
        while (NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("code"u8))
            {
                Once(ref seen, 0);
                code = Cached(ref reader, strings);
            }
            else if (name.SequenceEqual("system"u8))
            {
                Once(ref seen, 1);
                system = reader.TokenType switch
                {
                    JsonTokenType.String => KnownStrings.Get(ref reader, strings),
                    JsonTokenType.Null => null,
                    _ => throw Decline(),
                };
            }
            else
            {
                reader.Skip();
            }
        }

        return string.IsNullOrEmpty(code) ? null : new Coding(system ?? string.Empty, code);
    }

    /// <summary>A CodeableConcept object: its codings added to <paramref name="into"/>; returns its text when
    /// <paramref name="wantText"/> (otherwise the text is only checked to be a string).</summary>
    public static string? Concept(ref Utf8JsonReader reader, ref List<Coding>? into, Utf8StringCache strings, bool wantText = false)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Decline();
        }

        string? text = null;
        var seen = 0;
        while (NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("coding"u8))
            {
                Once(ref seen, 0);
                if (StartArray(ref reader))
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (Coding(ref reader, strings) is { } coding)
                        {
                            (into ??= new List<Coding>(2)).Add(coding);
                        }
                    }
                }
            }
            else if (name.SequenceEqual("text"u8))
            {
                Once(ref seen, 1);
                if (wantText)
                {
                    text = String(ref reader);
                }
                else if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                {
                    throw Decline();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return text;
    }

    /// <summary>A CodeableConcept property (null is absent).</summary>
    public static void ConceptProperty(ref Utf8JsonReader reader, ref List<Coding>? into, Utf8StringCache strings)
    {
        if (reader.TokenType != JsonTokenType.Null)
        {
            Concept(ref reader, ref into, strings);
        }
    }

    /// <summary>A property holding an array of CodeableConcepts (null is absent).</summary>
    public static void Concepts(ref Utf8JsonReader reader, ref List<Coding>? into, Utf8StringCache strings)
    {
        if (StartArray(ref reader))
        {
            while (NextObject(ref reader))
            {
                Concept(ref reader, ref into, strings);
            }
        }
    }

    /// <summary>The <c>reference</c> string of a Reference property (null is absent).</summary>
    public static string? Reference(ref Utf8JsonReader reader)
    {
        if (!StartObject(ref reader))
        {
            return null;
        }

        string? reference = null;
        var seen = 0;
        while (NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("reference"u8))
            {
                Once(ref seen, 0);
                reference = String(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return reference;
    }

    /// <summary>
    /// The Patient id a Reference names, resolved as <see cref="References.None"/> resolves it (the forward pass runs
    /// outside Bundles only) but from the UTF-8 bytes, the id shared through the cache. A missing, null or
    /// non-Patient reference declines: the document path words the quarantine.
    /// </summary>
    public static string PatientReference(ref Utf8JsonReader reader, Utf8StringCache strings)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Decline();
        }

        string? id = null;
        while (NextProperty(ref reader, out var name))
        {
            if (!name.SequenceEqual("reference"u8))
            {
                reader.Skip();
                continue;
            }

            if (id is not null || reader.TokenType != JsonTokenType.String)
            {
                throw Decline();
            }

            if (reader.ValueIsEscaped || reader.HasValueSequence)
            {
                id = Fhir.References.None.TryResolve(reader.GetString(), "Patient", out var resolved) ? resolved : throw Decline();
            }
            else
            {
                id = TryPatientId(reader.ValueSpan, out var bytes) ? strings.Get(bytes) : throw Decline();
            }
        }

        return id ?? throw Decline();
    }

    /// <summary><see cref="References.TryResolve"/> for a resolver without fullUrls, on UTF-8 bytes (the ASCII
    /// delimiters it looks for never occur inside a multi-byte sequence).</summary>
    internal static bool TryPatientId(ReadOnlySpan<byte> reference, out ReadOnlySpan<byte> id)
    {
        id = default;
        if (reference.IsEmpty || reference[0] == (byte)'#' || reference.StartsWith("urn:"u8) || reference.Contains((byte)'?'))
        {
            return false;
        }

        var history = reference.IndexOf("/_history/"u8);
        if (history >= 0)
        {
            reference = reference[..history];
        }

        var slash = reference.LastIndexOf((byte)'/');
        if (slash <= 0 || slash == reference.Length - 1)
        {
            return false;
        }

        var typePart = reference[..slash];
        var typeSlash = typePart.LastIndexOf((byte)'/');
        if (typeSlash >= 0)
        {
            typePart = typePart[(typeSlash + 1)..];
        }

        if (!typePart.SequenceEqual("Patient"u8))
        {
            return false;
        }

        id = reference[(slash + 1)..];
        return true;
    }

    /// <summary>The reference strings of an array of References (null is absent).</summary>
    public static void References(ref Utf8JsonReader reader, ref List<string?>? into)
    {
        if (StartArray(ref reader))
        {
            while (NextObject(ref reader))
            {
                (into ??= new List<string?>(1)).Add(Reference(ref reader));
            }
        }
    }

    /// <summary>A Period property's start and end (null is absent).</summary>
    public static void Period(ref Utf8JsonReader reader, out DateTimeOffset? start, out DateTimeOffset? end)
    {
        start = end = null;
        if (!StartObject(ref reader))
        {
            return;
        }

        var seen = 0;
        while (NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("start"u8))
            {
                Once(ref seen, 0);
                start = DateTime(ref reader);
            }
            else if (name.SequenceEqual("end"u8))
            {
                Once(ref seen, 1);
                end = DateTime(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
    }
}

using System.Text.Json;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Interop.Fhir;

/// <summary>
/// The fast path for resources no measure reads (Claim, ExplanationOfBenefit, DocumentReference, Immunization,
/// ...: about a quarter of a Synthea export, and its largest resources). One Utf8JsonReader pass validates the
/// JSON and reads only resourceType, id and meta — no document is built. Resources with a fact, or whose
/// resourceType is not the first property, take the JsonDocument path.
/// </summary>
internal static class HeaderProjection
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 128 };

    /// <summary>The resourceType when it is the first property of the object; null otherwise.</summary>
    public static string? LeadingResourceType(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject &&
                   reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("resourceType"u8) &&
                   reader.Read() && reader.TokenType == JsonTokenType.String
                ? ResourceTypes.Get(ref reader)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether a resource type is projected onto a fact (and so needs the document path).</summary>
    public static bool HasFact(string type) => type switch
    {
        "Patient" or "Coverage" or "Encounter" or "Procedure" or "ImagingStudy" or "DiagnosticReport" or "Observation"
            or "Condition" or "MedicationRequest" or "MedicationDispense" or "MedicationAdministration" or "DeviceRequest"
            or "DeviceUseStatement" or "Appointment" or "Location" or "Bundle" => true,
        _ => false,
    };

    /// <summary>Reads a fact-less resource: key, version and raw bytes, or a quarantine record.</summary>
    /// <exception cref="JsonException">The line is not valid JSON (the caller quarantines it).</exception>
    public static IngestItem Project(string type, byte[] raw, RecordLocation location, ResourceProjector projector)
    {
        var reader = new Utf8JsonReader(raw, ReaderOptions);
        reader.Read();
        string? id = null, versionId = null;
        DateTimeOffset? lastUpdated = null;
        string? fault = null, reason = null, subject = null, patient = null, beneficiary = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Most properties are none of the five below: skip them on the length of the (unescaped) name.
            if (!reader.ValueIsEscaped && reader.ValueSpan.Length is not (2 or 4 or 7 or 11))
            {
                reader.Read();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    id = reader.GetString();
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    (fault, reason) = ("id", "expected a string");
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("meta"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadMeta(ref reader, projector.Strings, ref versionId, ref lastUpdated, ref fault, ref reason);
                }
                else
                {
                    if (reader.TokenType != JsonTokenType.Null)
                    {
                        (fault, reason) = ("meta", "expected an object");
                    }

                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("subject"u8))
            {
                subject = PatientOf(ref reader, projector.Strings);
            }
            else if (reader.ValueTextEquals("patient"u8))
            {
                patient = PatientOf(ref reader, projector.Strings);
            }
            else if (reader.ValueTextEquals("beneficiary"u8))
            {
                beneficiary = PatientOf(ref reader, projector.Strings);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Anything after the object is an error the reader raises here.
        while (reader.Read())
        {
        }

        if (fault is not null)
        {
            return projector.Quarantine(location, fault, type, id, reason!, raw);
        }

        return string.IsNullOrEmpty(id)
            ? projector.Quarantine(location, "id", type, null, "id is missing", raw)
            : new ProjectedResource(location, new ResourceKey(projector.Source, type, id), versionId, lastUpdated, raw, null)
            {
                PatientId = subject ?? patient ?? beneficiary,
            };
    }

    /// <summary>The Patient id a Reference value names (the reader on its property name); null for anything else,
    /// which is skipped, as <see cref="ResourceProjector.PatientOf(JsonElement, References)"/> ignores it.</summary>
    private static string? PatientOf(ref Utf8JsonReader reader, Utf8StringCache strings)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? reference = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isReference = reader.ValueTextEquals("reference"u8);
            reader.Read();
            if (isReference && reader.TokenType == JsonTokenType.String)
            {
                reference = reader.ValueIsEscaped || reader.HasValueSequence
                    ? References.None.TryResolve(reader.GetString(), "Patient", out var id) ? id : null
                    : ForwardJson.TryPatientId(reader.ValueSpan, out var bytes) ? strings.Get(bytes) : null;
            }
            else
            {
                reader.Skip();
            }
        }

        return reference;
    }

    private static void ReadMeta(ref Utf8JsonReader reader, Utf8StringCache strings, ref string? versionId, ref DateTimeOffset? lastUpdated,
        ref string? fault, ref string? reason)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isVersion = reader.ValueTextEquals("versionId"u8);
            var isUpdated = !isVersion && reader.ValueTextEquals("lastUpdated"u8);
            reader.Read();
            if (!isVersion && !isUpdated)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            var field = isVersion ? "meta.versionId" : "meta.lastUpdated";
            if (reader.TokenType != JsonTokenType.String)
            {
                (fault, reason) = (field, "expected a string");
                reader.Skip();
                continue;
            }

            if (isVersion)
            {
                versionId = strings.Get(ref reader);
            }
            else if (reader.ValueIsEscaped || reader.HasValueSequence
                         ? FhirDates.TryParse(reader.GetString(), out var value)
                         : strings.TryParseDate(reader.ValueSpan, out value))
            {
                lastUpdated = value;
            }
            else
            {
                (fault, reason) = (field, "not a valid FHIR dateTime");
            }
        }
    }
}

/// <summary>Resource type names as shared strings (not one allocation per resource).</summary>
internal static class ResourceTypes
{
    private static readonly string[] Names =
    [
        "Patient", "Coverage", "Encounter", "Procedure", "ImagingStudy", "DiagnosticReport", "Observation", "Condition",
        "MedicationRequest", "MedicationDispense", "MedicationAdministration", "DeviceRequest", "DeviceUseStatement",
        "Appointment", "Location", "Bundle", "Organization", "Practitioner", "PractitionerRole", "Claim",
        "ExplanationOfBenefit", "Immunization", "DocumentReference", "AllergyIntolerance", "CarePlan", "CareTeam", "Goal",
        "Device", "Provenance", "ServiceRequest", "Medication", "SupplyDelivery", "QuestionnaireResponse",
    ];

    private static readonly byte[][] Utf8 = Names.Select(n => System.Text.Encoding.UTF8.GetBytes(n)).ToArray();

    public static string Get(JsonElement element)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element);
        if (raw.Length > 2)
        {
            var content = raw[1..^1];
            for (var i = 0; i < Utf8.Length; i++)
            {
                if (content.SequenceEqual(Utf8[i]))
                {
                    return Names[i];
                }
            }
        }

        return element.GetString()!;
    }

    public static string Get(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            var span = reader.ValueSpan;
            for (var i = 0; i < Utf8.Length; i++)
            {
                if (span.SequenceEqual(Utf8[i]))
                {
                    return Names[i];
                }
            }
        }

        return reader.GetString()!;
    }
}

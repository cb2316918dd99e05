using System.Text;
using System.Text.Json;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Interop.Fhir;

/// <summary>
/// Projects one parsed FHIR resource onto a <see cref="ProjectedResource"/> (key, version, raw bytes and at most
/// one fact) or, when it cannot be read, a <see cref="QuarantinedRecord"/> naming the field at fault.
/// </summary>
internal sealed class ResourceProjector(string source)
{
    /// <summary>Excerpts in the quarantine table are at most this many characters.</summary>
    public const int ExcerptChars = 200;

    public string Source { get; } = source;

    /// <summary>Recurring strings (codes, status values, patient ids) shared across the resources of one read.</summary>
    public Utf8StringCache Strings { get; } = new();

    /// <summary>The forward pass's scratch, reused from resource to resource.</summary>
    public ForwardFields ForwardFields => _forwardFields ??= new ForwardFields(Strings);

    private ForwardFields? _forwardFields;

    /// <param name="resource">The resource object.</param>
    /// <param name="raw">Its UTF-8 bytes, owned by the result (not a reused buffer).</param>
    /// <param name="location">Where it was read.</param>
    /// <param name="references">The Bundle's fullUrl map, or <see cref="References.None"/>.</param>
    /// <param name="fallbackId">The id to use when the resource has none (a Bundle entry's urn:uuid fullUrl).</param>
    public IngestItem Project(JsonElement resource, ReadOnlyMemory<byte> raw, RecordLocation location, References references, string? fallbackId = null)
    {
        if (resource.ValueKind != JsonValueKind.Object)
        {
            return Quarantine(location, null, null, null, "a resource must be a JSON object", raw.Span);
        }

        string? type = null, id = null;
        try
        {
            type = FhirJson.TryProperty(resource, "resourceType", out var typeElement)
                ? typeElement.ValueKind == JsonValueKind.String
                    ? ResourceTypes.Get(typeElement)
                    : throw FhirJson.WrongType("resourceType", "a string", typeElement)
                : null;
            if (string.IsNullOrEmpty(type))
            {
                return Quarantine(location, "resourceType", null, null, "resourceType is missing", raw.Span);
            }

            id = FhirJson.String(resource, "id", "id");
            if (string.IsNullOrEmpty(id))
            {
                id = fallbackId;
            }

            if (string.IsNullOrEmpty(id))
            {
                return Quarantine(location, "id", type, null, "id is missing", raw.Span);
            }

            string? versionId = null;
            DateTimeOffset? lastUpdated = null;
            if (FhirJson.Object(resource, "meta", "meta") is { } meta)
            {
                versionId = FhirJson.String(meta, "versionId", "meta.versionId");
                lastUpdated = FhirJson.DateTime(meta, "lastUpdated", "meta.lastUpdated");
            }

            var fact = ProjectFact(type, id, resource, references);
            return new ProjectedResource(location, new ResourceKey(Source, type, id), versionId, lastUpdated, raw, fact)
            {
                PatientId = fact is null ? PatientOf(resource, references) : PatientOf(fact),
            };
        }
        catch (ProjectionException e)
        {
            return Quarantine(location, e.Field, type, id, e.Message, raw.Span);
        }
    }

    /// <summary>The patient a fact is about (a Patient's own id); null for a Location.</summary>
    public static string? PatientOf(Fact? fact) => fact switch
    {
        ClinicalEvent e => e.PatientId,
        PatientFact p => p.PatientId,
        CoverageFact c => c.PatientId,
        AppointmentFact a => a.PatientId,
        _ => null,
    };

    /// <summary>The patient a resource without a fact is about: the first of subject, patient and beneficiary that
    /// names a Patient. Lenient (a malformed reference is no patient), since nothing else reads these types.</summary>
    public static string? PatientOf(JsonElement resource, References references)
    {
        foreach (var name in PatientReferenceNames)
        {
            if (resource.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object &&
                value.TryGetProperty("reference"u8, out var reference) && reference.ValueKind == JsonValueKind.String &&
                references.TryResolve(reference.GetString(), "Patient", out var id))
            {
                return id;
            }
        }

        return null;
    }

    private static readonly string[] PatientReferenceNames = ["subject", "patient", "beneficiary"];

    public QuarantinedRecord Quarantine(RecordLocation location, string? field, string? type, string? id, string reason, ReadOnlySpan<byte> raw) =>
        new(location with { Field = field ?? location.Field }, Source, type, id, reason, Excerpt(raw));

    /// <summary>The start of a record as text, at most <see cref="ExcerptChars"/> characters; invalid UTF-8 is
    /// replaced, so the excerpt of a non-UTF-8 line is still readable.</summary>
    public static string? Excerpt(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            return null;
        }

        var head = raw.Length > ExcerptChars * 4 ? raw[..(ExcerptChars * 4)] : raw;
        var text = Encoding.UTF8.GetString(head);
        return text.Length > ExcerptChars ? text[..ExcerptChars] : text;
    }

    private static Fact? ProjectFact(string type, string id, JsonElement r, References refs) => type switch
    {
        "Patient" => PatientProjection.Project(id, r),
        "Coverage" => CoverageProjection.Project(r, refs),
        "Encounter" => ClinicalProjection.Encounter(r, refs),
        "Procedure" => ClinicalProjection.Procedure(r, refs),
        "ImagingStudy" => ClinicalProjection.ImagingStudy(r, refs),
        "DiagnosticReport" => ClinicalProjection.DiagnosticReport(r, refs),
        "Observation" => ClinicalProjection.Observation(r, refs),
        "Condition" => ClinicalProjection.Condition(r, refs),
        "MedicationRequest" => MedicationDeviceProjection.MedicationRequest(r, refs),
        "MedicationDispense" => MedicationDeviceProjection.MedicationDispense(r, refs),
        "MedicationAdministration" => MedicationDeviceProjection.MedicationAdministration(r, refs),
        "DeviceRequest" => MedicationDeviceProjection.DeviceRequest(r, refs),
        "DeviceUseStatement" => MedicationDeviceProjection.DeviceUseStatement(r, refs),
        "Appointment" => SchedulingProjection.Appointment(r, refs),
        "Location" => SchedulingProjection.Site(id, r, refs),
        _ => null,
    };
}

using System.Text.Json;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Interop.Fhir;

/// <summary>
/// The fast path for the fact-bearing resources that dominate an export (Observation, Encounter, Procedure,
/// Condition, DiagnosticReport, ImagingStudy, MedicationRequest, Coverage, Patient): one forward
/// <see cref="Utf8JsonReader"/> pass collects just the fields the projection reads, in whatever order they come,
/// and skips the rest; no document is built. It handles the well-formed resource only: on any input it does not
/// read exactly as the document path would (a wrong type, a bad date, a duplicate property, invalid JSON, a
/// missing or unresolvable patient) it returns null and the caller takes the document path, so the quarantine
/// rules and their wording are unchanged by construction.
/// </summary>
internal static class ForwardProjection
{
    /// <summary>Whether a resource type has a forward reader.</summary>
    public static bool Handles(string type) => ForwardFields.KindOf(type) != ForwardKind.None;

    /// <summary>The projected resource, or null when the document path must decide.</summary>
    /// <param name="type">The resourceType, read as the first property.</param>
    /// <param name="raw">The resource's UTF-8 bytes, owned by the result.</param>
    /// <param name="location">Where it was read.</param>
    /// <param name="projector">The projector (source name).</param>
    public static ProjectedResource? TryProject(string type, byte[] raw, RecordLocation location, ResourceProjector projector)
    {
        var kind = ForwardFields.KindOf(type);
        if (kind == ForwardKind.None)
        {
            return null;
        }

        var fields = projector.ForwardFields.Reset(kind);

        try
        {
            var reader = new Utf8JsonReader(raw, ForwardJson.Options);
            reader.Read();
            reader.Read();

            // The leading resourceType: its value.
            reader.Read();
            while (ForwardJson.NextProperty(ref reader, out var name))
            {
                if (!fields.Common(ref reader, name) && !fields.Specific(ref reader, name))
                {
                    reader.Skip();
                }
            }

            // Anything after the object is an error the reader raises here.
            while (reader.Read())
            {
            }

            if (string.IsNullOrEmpty(fields.Id))
            {
                return null;
            }

            var fact = fields.Build(type, References.None);
            return new ProjectedResource(location, new ResourceKey(projector.Source, type, fields.Id), fields.VersionId,
                fields.LastUpdated, raw, fact)
            { PatientId = ResourceProjector.PatientOf(fact) };
        }
        catch (Exception e) when (e is JsonException or ProjectionException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>The resource types with a forward reader.</summary>
internal enum ForwardKind
{
    None,
    Observation,
    Encounter,
    Procedure,
    Condition,
    DiagnosticReport,
    ImagingStudy,
    MedicationRequest,
    Coverage,
    Patient,
}

/// <summary>What the forward pass collects from one resource, in the order the projection needs it.</summary>
/// <remarks>One per projector, reused from resource to resource (<see cref="Reset"/>); not thread-safe.</remarks>
internal sealed partial class ForwardFields(Utf8StringCache strings)
{
    private readonly Utf8StringCache _strings = strings;
    private int _seen;

    public ForwardKind Kind { get; private set; }

    public string? Id { get; private set; }

    public string? VersionId { get; private set; }

    public DateTimeOffset? LastUpdated { get; private set; }

    public static ForwardKind KindOf(string type) => type switch
    {
        "Observation" => ForwardKind.Observation,
        "Encounter" => ForwardKind.Encounter,
        "Procedure" => ForwardKind.Procedure,
        "Condition" => ForwardKind.Condition,
        "DiagnosticReport" => ForwardKind.DiagnosticReport,
        "ImagingStudy" => ForwardKind.ImagingStudy,
        "MedicationRequest" => ForwardKind.MedicationRequest,
        "Coverage" => ForwardKind.Coverage,
        "Patient" => ForwardKind.Patient,
        _ => ForwardKind.None,
    };

    /// <summary>Properties every resource has: id and meta (and a second resourceType, which declines).</summary>
    public bool Common(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
    {
        if (name.Length is not (2 or 4 or 12))
        {
            return false;
        }

        if (name.SequenceEqual("id"u8))
        {
            ForwardJson.Once(ref _seen, 0);
            Id = ForwardJson.String(ref reader);
            return true;
        }

        if (name.SequenceEqual("meta"u8))
        {
            ForwardJson.Once(ref _seen, 1);
            ReadMeta(ref reader);
            return true;
        }

        if (name.SequenceEqual("resourceType"u8))
        {
            throw ForwardJson.Decline();
        }

        return false;
    }

    private void ReadMeta(ref Utf8JsonReader reader)
    {
        if (!ForwardJson.StartObject(ref reader))
        {
            return;
        }

        var seen = 0;
        while (ForwardJson.NextProperty(ref reader, out var name))
        {
            if (name.SequenceEqual("versionId"u8))
            {
                ForwardJson.Once(ref seen, 0);
                VersionId = ForwardJson.Cached(ref reader, _strings);
            }
            else if (name.SequenceEqual("lastUpdated"u8))
            {
                ForwardJson.Once(ref seen, 1);
                LastUpdated = ForwardJson.DateTime(ref reader, _strings);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>Marks a type-specific property as read (bits 2..31).</summary>
    private void Once(int bit) => ForwardJson.Once(ref _seen, bit);
}

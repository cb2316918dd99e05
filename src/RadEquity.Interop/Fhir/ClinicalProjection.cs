using System.Text.Json;
using RadEquity.Engine.Facts;

namespace RadEquity.Interop.Fhir;

/// <summary>Encounter, Procedure, ImagingStudy, DiagnosticReport, Observation and Condition →
/// <see cref="ClinicalEvent"/>.</summary>
internal static class ClinicalProjection
{
    public static ClinicalEvent Encounter(JsonElement r, References refs)
    {
        var patient = RequirePatient(r, "subject", refs);
        var codes = new List<Coding>(2);
        FhirJson.AddConcepts(r, "type", codes, "type");
        var categories = new List<Coding>(1);
        if (FhirJson.Object(r, "class", "class") is { } cls)
        {
            FhirJson.AddCoding(cls, categories, "class");
        }

        var values = new List<Coding>(1);
        if (FhirJson.Object(r, "hospitalization", "hospitalization") is { } stay)
        {
            FhirJson.AddConcept(stay, "dischargeDisposition", values, "hospitalization.dischargeDisposition");
        }

        var (start, end) = Period(r, "period");
        string? location = null;
        foreach (var loc in FhirJson.Array(r, "location", "location"))
        {
            location = refs.ResolveLoose(FhirJson.Reference(loc, "location", "location.location"), "Location");
            if (location is not null)
            {
                break;
            }
        }

        return Event(patient, EventKind.Encounter, codes, categories, FhirJson.String(r, "status", "status"),
            start, end, values, null, null, null, location, BasedOn(r, refs, "basedOn", "partOf"));
    }

    public static ClinicalEvent Procedure(JsonElement r, References refs)
    {
        var patient = RequirePatient(r, "subject", refs);
        var codes = new List<Coding>(2);
        FhirJson.AddConcept(r, "code", codes, "code");
        var categories = new List<Coding>(1);
        FhirJson.AddConcept(r, "category", categories, "category");
        var values = new List<Coding>(0);
        FhirJson.AddConcept(r, "outcome", values, "outcome");
        var body = new List<Coding>(0);
        FhirJson.AddConcepts(r, "bodySite", body, "bodySite");
        var (start, end) = Choice(r, "performed");
        return Event(patient, EventKind.Procedure, codes, categories, FhirJson.String(r, "status", "status"), start, end,
            values, null, null, body, refs.ResolveLoose(FhirJson.Reference(r, "location", "location"), "Location"),
            BasedOn(r, refs, "basedOn", "partOf"));
    }

    public static ClinicalEvent ImagingStudy(JsonElement r, References refs)
    {
        var patient = RequirePatient(r, "subject", refs);
        var codes = new List<Coding>(2);
        FhirJson.AddConcepts(r, "procedureCode", codes, "procedureCode");
        var modalities = new List<Coding>(2);
        foreach (var modality in FhirJson.Array(r, "modality", "modality"))
        {
            FhirJson.AddCoding(modality, modalities, "modality");
        }

        var body = new List<Coding>(1);
        foreach (var series in FhirJson.Array(r, "series", "series"))
        {
            if (FhirJson.Object(series, "modality", "series.modality") is { } m)
            {
                AddDistinct(m, modalities, "series.modality");
            }

            if (FhirJson.Object(series, "bodySite", "series.bodySite") is { } site)
            {
                AddDistinct(site, body, "series.bodySite");
            }

            if (FhirJson.Object(series, "laterality", "series.laterality") is { } side)
            {
                AddDistinct(side, body, "series.laterality");
            }
        }

        var started = FhirJson.DateTime(r, "started", "started");
        return Event(patient, EventKind.ImagingStudy, codes, null, FhirJson.String(r, "status", "status"), started, started,
            modalities, null, null, body, refs.ResolveLoose(FhirJson.Reference(r, "location", "location"), "Location"),
            BasedOn(r, refs, "basedOn", "partOf"));
    }

    public static ClinicalEvent DiagnosticReport(JsonElement r, References refs)
    {
        var patient = RequirePatient(r, "subject", refs);
        var codes = new List<Coding>(2);
        FhirJson.AddConcept(r, "code", codes, "code");
        var categories = new List<Coding>(1);
        FhirJson.AddConcepts(r, "category", categories, "category");
        var values = new List<Coding>(0);
        FhirJson.AddConcepts(r, "conclusionCode", values, "conclusionCode");
        var (start, end) = Choice(r, "effective");
        start ??= FhirJson.DateTime(r, "issued", "issued");
        end ??= start;
        return Event(patient, EventKind.DiagnosticReport, codes, categories, FhirJson.String(r, "status", "status"),
            start, end, values, null, null, null, null, BasedOn(r, refs, "basedOn", "partOf"));
    }

    public static ClinicalEvent Observation(JsonElement r, References refs)
    {
        var patient = RequirePatient(r, "subject", refs);
        var codes = new List<Coding>(2);
        FhirJson.AddConcept(r, "code", codes, "code");
        var categories = new List<Coding>(1);
        FhirJson.AddConcepts(r, "category", categories, "category");
        var values = new List<Coding>(0);
        FhirJson.AddConcept(r, "valueCodeableConcept", values, "valueCodeableConcept");
        decimal? quantity = null;
        string? unit = null;
        if (FhirJson.Object(r, "valueQuantity", "valueQuantity") is { } q)
        {
            quantity = FhirJson.Decimal(q, "value", "valueQuantity.value");
            unit = FhirJson.String(q, "unit", "valueQuantity.unit") ?? FhirJson.String(q, "code", "valueQuantity.code");
        }

        var body = new List<Coding>(0);
        FhirJson.AddConcept(r, "bodySite", body, "bodySite");
        var (start, end) = Choice(r, "effective");
        return Event(patient, EventKind.Observation, codes, categories, FhirJson.String(r, "status", "status"), start, end,
            values, quantity, unit, body, null, BasedOn(r, refs, "basedOn", "partOf"));
    }

    public static ClinicalEvent Condition(JsonElement r, References refs)
    {
        var patient = RequirePatient(r, "subject", refs);
        var codes = new List<Coding>(2);
        FhirJson.AddConcept(r, "code", codes, "code");
        var categories = new List<Coding>(1);
        FhirJson.AddConcepts(r, "category", categories, "category");
        var body = new List<Coding>(0);
        FhirJson.AddConcepts(r, "bodySite", body, "bodySite");

        // Condition has no status: refuted or entered-in-error (verification) wins, else the clinical status.
        var verification = new List<Coding>(1);
        FhirJson.AddConcept(r, "verificationStatus", verification, "verificationStatus");
        var clinical = new List<Coding>(1);
        FhirJson.AddConcept(r, "clinicalStatus", clinical, "clinicalStatus");
        var status = VerificationOverride(verification) ?? (clinical.Count > 0 ? clinical[0].Code : null);

        var (start, _) = Choice(r, "onset");
        start ??= FhirJson.DateTime(r, "recordedDate", "recordedDate");
        var (abatementStart, abatementEnd) = Choice(r, "abatement");
        return Event(patient, EventKind.Condition, codes, categories, status, start, abatementEnd ?? abatementStart,
            null, null, null, body, null, null);
    }

    /// <summary>A verification status that overrides the clinical status: <c>entered-in-error</c> or <c>refuted</c>
    /// (the eCQM <c>verified()</c> filter drops both).</summary>
    internal static string? VerificationOverride(List<Coding>? verification) =>
        verification?.Exists(c => c.Code == "entered-in-error") == true ? "entered-in-error"
        : verification?.Exists(c => c.Code == "refuted") == true ? "refuted"
        : null;

    /// <summary>The Patient id a required reference names; a missing, unresolvable or non-Patient reference
    /// makes the resource unprojectable.</summary>
    internal static string RequirePatient(JsonElement r, string name, References refs)
    {
        var reference = FhirJson.Reference(r, name, name);
        if (reference is null)
        {
            throw new ProjectionException(name, name + " is missing: the resource cannot be linked to a Patient");
        }

        if (refs.TryResolve(reference, "Patient", out var id))
        {
            return id;
        }

        var reason = reference.StartsWith("urn:", StringComparison.Ordinal)
            ? name + ".reference is a urn that no entry of this Bundle carries as fullUrl"
            : name + ".reference does not name a Patient";
        throw new ProjectionException(name + ".reference", reason);
    }

    /// <summary>A period element's start and end.</summary>
    internal static (DateTimeOffset? Start, DateTimeOffset? End) Period(JsonElement r, string name)
    {
        if (FhirJson.Object(r, name, name) is not { } period)
        {
            return (null, null);
        }

        var (startPath, endPath) = name switch
        {
            "period" => ("period.start", "period.end"),
            "effectivePeriod" => ("effectivePeriod.start", "effectivePeriod.end"),
            "performedPeriod" => ("performedPeriod.start", "performedPeriod.end"),
            "onsetPeriod" => ("onsetPeriod.start", "onsetPeriod.end"),
            "abatementPeriod" => ("abatementPeriod.start", "abatementPeriod.end"),
            _ => (name + ".start", name + ".end"),
        };
        return (FhirJson.DateTime(period, "start", startPath), FhirJson.DateTime(period, "end", endPath));
    }

    /// <summary>A choice element (<c>effective[x]</c>, <c>performed[x]</c>, ...) read as a start and end: dateTime
    /// and instant give start = end; Period gives both; Age, Range and string forms are not dates (null).</summary>
    internal static (DateTimeOffset? Start, DateTimeOffset? End) Choice(JsonElement r, string prefix)
    {
        var (dateTime, instant, period) = ChoiceNames(prefix);
        var at = FhirJson.DateTime(r, dateTime, dateTime) ?? FhirJson.DateTime(r, instant, instant);
        return at is not null ? (at, at) : Period(r, period);
    }

    /// <summary>The property names of a choice element's date forms, without concatenating per resource.</summary>
    private static (string DateTime, string Instant, string Period) ChoiceNames(string prefix) => prefix switch
    {
        "effective" => ("effectiveDateTime", "effectiveInstant", "effectivePeriod"),
        "performed" => ("performedDateTime", "performedInstant", "performedPeriod"),
        "onset" => ("onsetDateTime", "onsetInstant", "onsetPeriod"),
        "abatement" => ("abatementDateTime", "abatementInstant", "abatementPeriod"),
        "occurrence" => ("occurrenceDateTime", "occurrenceInstant", "occurrencePeriod"),
        "timing" => ("timingDateTime", "timingInstant", "timingPeriod"),
        _ => (prefix + "DateTime", prefix + "Instant", prefix + "Period"),
    };

    /// <summary>The id of the first basedOn / partOf reference that resolves.</summary>
    internal static string? BasedOn(JsonElement r, References refs, string first, string? second)
    {
        foreach (var reference in FhirJson.Array(r, first, first))
        {
            if (refs.IdOf(FhirJson.String(reference, "reference", first + ".reference")) is { } id)
            {
                return id;
            }
        }

        if (second is null)
        {
            return null;
        }

        if (FhirJson.TryProperty(r, second, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            return refs.IdOf(FhirJson.String(value, "reference", second + ".reference"));
        }

        return BasedOn(r, refs, second, null);
    }

    internal static ClinicalEvent Event(string patient, EventKind kind, List<Coding> codes, List<Coding>? categories,
        string? status, DateTimeOffset? start, DateTimeOffset? end, List<Coding>? values, decimal? quantity, string? unit,
        List<Coding>? body, string? location, string? basedOn) =>
        new(patient, kind, FhirJson.ToList(codes), FhirJson.ToList(categories), status, start, end,
            FhirJson.ToList(values), quantity, unit, FhirJson.ToList(body), location, basedOn);

    private static void AddDistinct(JsonElement coding, List<Coding> into, string path)
    {
        var before = into.Count;
        FhirJson.AddCoding(coding, into, path);
        if (into.Count > before && into.IndexOf(into[^1]) < before)
        {
            into.RemoveAt(into.Count - 1);
        }
    }
}

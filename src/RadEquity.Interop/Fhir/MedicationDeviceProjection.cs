using System.Text.Json;
using RadEquity.Engine.Facts;

namespace RadEquity.Interop.Fhir;

/// <summary>MedicationRequest / Dispense / Administration and DeviceRequest / DeviceUseStatement →
/// <see cref="ClinicalEvent"/>.</summary>
internal static class MedicationDeviceProjection
{
    public static ClinicalEvent MedicationRequest(JsonElement r, References refs)
    {
        var patient = ClinicalProjection.RequirePatient(r, "subject", refs);
        var codes = Medication(r);
        var categories = new List<Coding>(1);
        FhirJson.AddConcepts(r, "category", categories, "category");
        var authored = FhirJson.DateTime(r, "authoredOn", "authoredOn");
        return ClinicalProjection.Event(patient, EventKind.Medication, codes, categories, FhirJson.String(r, "status", "status"),
            authored, authored, null, null, null, null, null, ClinicalProjection.BasedOn(r, refs, "basedOn", null));
    }

    public static ClinicalEvent MedicationDispense(JsonElement r, References refs)
    {
        var patient = ClinicalProjection.RequirePatient(r, "subject", refs);
        var codes = Medication(r);
        var categories = new List<Coding>(1);
        FhirJson.AddConcept(r, "category", categories, "category");
        var at = FhirJson.DateTime(r, "whenHandedOver", "whenHandedOver") ?? FhirJson.DateTime(r, "whenPrepared", "whenPrepared");
        decimal? quantity = null;
        string? unit = null;
        if (FhirJson.Object(r, "quantity", "quantity") is { } q)
        {
            quantity = FhirJson.Decimal(q, "value", "quantity.value");
            unit = FhirJson.String(q, "unit", "quantity.unit") ?? FhirJson.String(q, "code", "quantity.code");
        }

        return ClinicalProjection.Event(patient, EventKind.Medication, codes, categories, FhirJson.String(r, "status", "status"),
            at, at, null, quantity, unit, null, refs.ResolveLoose(FhirJson.Reference(r, "location", "location"), "Location"),
            ClinicalProjection.BasedOn(r, refs, "authorizingPrescription", "partOf"));
    }

    public static ClinicalEvent MedicationAdministration(JsonElement r, References refs)
    {
        var patient = ClinicalProjection.RequirePatient(r, "subject", refs);
        var codes = Medication(r);
        var categories = new List<Coding>(1);
        FhirJson.AddConcept(r, "category", categories, "category");
        var (start, end) = ClinicalProjection.Choice(r, "effective");
        var basedOn = refs.IdOf(FhirJson.Reference(r, "request", "request")) ?? ClinicalProjection.BasedOn(r, refs, "partOf", null);
        return ClinicalProjection.Event(patient, EventKind.Medication, codes, categories, FhirJson.String(r, "status", "status"),
            start, end, null, null, null, null, null, basedOn);
    }

    public static ClinicalEvent DeviceRequest(JsonElement r, References refs)
    {
        var patient = ClinicalProjection.RequirePatient(r, "subject", refs);
        var codes = new List<Coding>(1);
        FhirJson.AddConcept(r, "codeCodeableConcept", codes, "codeCodeableConcept");
        var (start, end) = ClinicalProjection.Choice(r, "occurrence");
        if (start is null)
        {
            start = end = FhirJson.DateTime(r, "authoredOn", "authoredOn");
        }

        return ClinicalProjection.Event(patient, EventKind.Device, codes, null, FhirJson.String(r, "status", "status"),
            start, end, null, null, null, null, null, ClinicalProjection.BasedOn(r, refs, "basedOn", null));
    }

    public static ClinicalEvent DeviceUseStatement(JsonElement r, References refs)
    {
        var patient = ClinicalProjection.RequirePatient(r, "subject", refs);

        // DeviceUseStatement carries no code of its own (the Device does); its reasons are the closest codes.
        var codes = new List<Coding>(0);
        FhirJson.AddConcepts(r, "reasonCode", codes, "reasonCode");
        var body = new List<Coding>(0);
        FhirJson.AddConcept(r, "bodySite", body, "bodySite");
        var (start, end) = ClinicalProjection.Choice(r, "timing");
        if (start is null)
        {
            start = end = FhirJson.DateTime(r, "recordedOn", "recordedOn");
        }

        return ClinicalProjection.Event(patient, EventKind.Device, codes, null, FhirJson.String(r, "status", "status"),
            start, end, null, null, null, body, null, ClinicalProjection.BasedOn(r, refs, "basedOn", null));
    }

    private static List<Coding> Medication(JsonElement r)
    {
        var codes = new List<Coding>(1);
        FhirJson.AddConcept(r, "medicationCodeableConcept", codes, "medicationCodeableConcept");
        return codes;
    }
}

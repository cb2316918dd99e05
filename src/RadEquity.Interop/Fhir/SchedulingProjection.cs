using System.Text.Json;
using RadEquity.Engine.Facts;

namespace RadEquity.Interop.Fhir;

/// <summary>Appointment → <see cref="AppointmentFact"/>; Location → <see cref="SiteFact"/>.</summary>
internal static class SchedulingProjection
{
    private const string PhysicalType = "http://terminology.hl7.org/CodeSystem/location-physical-type";
    private const string RoleCode = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

    public static AppointmentFact Appointment(JsonElement r, References refs)
    {
        string? patient = null, location = null;
        foreach (var participant in FhirJson.Array(r, "participant", "participant"))
        {
            var actor = FhirJson.Reference(participant, "actor", "participant.actor");
            if (patient is null && refs.TryResolve(actor, "Patient", out var p))
            {
                patient = p;
            }
            else if (location is null && refs.ResolveLoose(actor, "Location") is { } l)
            {
                location = l;
            }
        }

        if (patient is null)
        {
            throw new ProjectionException("participant.actor", "no participant.actor resolves to a Patient");
        }

        var status = FhirJson.String(r, "status", "status")
                     ?? throw new ProjectionException("status", "status is missing");
        var codes = new List<Coding>(2);
        FhirJson.AddConcepts(r, "serviceType", codes, "serviceType");
        FhirJson.AddConcepts(r, "reasonCode", codes, "reasonCode");
        return new AppointmentFact(patient, status, FhirJson.ToList(codes),
            FhirJson.DateTime(r, "start", "start"), FhirJson.DateTime(r, "end", "end"),
            FhirJson.DateTime(r, "created", "created"), location);
    }

    public static SiteFact Site(string id, JsonElement r, References refs)
    {
        var physical = new List<Coding>(1);
        FhirJson.AddConcept(r, "physicalType", physical, "physicalType");
        var types = new List<Coding>(1);
        FhirJson.AddConcepts(r, "type", types, "type");
        var isKind = FhirJson.String(r, "mode", "mode") == "kind";
        var mobile = physical.Exists(c => c.Code == "ve" && c.System is PhysicalType or "")
                     || (isKind && types.Exists(c => c.System == RoleCode && c.Code is "MOBL" or "AMB"));

        string? postal = null;
        if (FhirJson.Object(r, "address", "address") is { } address)
        {
            postal = PatientProjection.NormalisePostalCode(FhirJson.String(address, "postalCode", "address.postalCode"));
        }

        double? lat = null, lon = null;
        if (FhirJson.Object(r, "position", "position") is { } position)
        {
            lat = FhirJson.Double(position, "latitude", "position.latitude");
            lon = FhirJson.Double(position, "longitude", "position.longitude");
        }

        string? organization = null;
        if (FhirJson.Object(r, "managingOrganization", "managingOrganization") is { } org)
        {
            organization = refs.ResolveLoose(FhirJson.String(org, "reference", "managingOrganization.reference"), "Organization");
            if (organization is null && FhirJson.Object(org, "identifier", "managingOrganization.identifier") is { } identifier)
            {
                organization = FhirJson.String(identifier, "value", "managingOrganization.identifier.value");
            }
        }

        return new SiteFact(id, FhirJson.String(r, "name", "name") ?? string.Empty, mobile, postal, lat, lon, organization);
    }
}

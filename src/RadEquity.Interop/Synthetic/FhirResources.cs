using System.Globalization;

namespace RadEquity.Interop.Synthetic;

/// <summary>
/// Writes the US Core shaped administrative resources: Organization, Location, Patient, Coverage, Encounter,
/// Condition and Appointment. Clinical imaging resources are in FhirResources.Clinical.cs.
/// </summary>
internal sealed partial class FhirResources(NdjsonExport export, ProfileData profile)
{
    public const string PracticeId = "org-practice";

    private static readonly string[] Families =
        ["Garcia", "Smith", "Nguyen", "Johnson", "Martinez", "Brown", "Lee", "Lopez", "Williams", "Reyes",
         "Davis", "Santos", "Miller", "Tran", "Wilson", "Hernandez", "Moore", "Chen", "Taylor", "Whitehorse"];

    private static readonly string[] FemaleGiven =
        ["Maria", "Linda", "Mai", "Susan", "Ana", "Patricia", "Grace", "Rosa", "Karen", "Lena", "Joy", "Ruth"];

    private static readonly string[] MaleGiven =
        ["Jose", "James", "Minh", "Robert", "Luis", "John", "Daniel", "Carlos", "David", "Wei", "Paul", "Sam"];

    private static readonly (string Category, string Id, string Name, string Sopt)[] Payers =
    [
        ("medicare", "org-payer-medicare", "Medicare", "1"),
        ("medicaid", "org-payer-medicaid", "State Medicaid Program", "2"),
        ("private", "org-payer-private", "Sagebrush Health Plan", "5"),
        ("private", "org-payer-bcbs", "Blue Cross Blue Shield (illustrative)", "6"),
        ("other", "org-payer-other", "Veterans health benefits (illustrative)", "3"),
    ];

    private int _counter;

    private NdjsonExport X => export;

    /// <summary>Starts a patient's resources; ids of its resources are <c>{patient}-{n}</c>.</summary>
    public void StartPatient() => _counter = 0;

    public string NextId(SyntheticPatient p) =>
        p.Id + "-" + (++_counter).ToString(CultureInfo.InvariantCulture);

    public void WriteOrganizationsAndLocations()
    {
        var j = X.Json;
        X.Begin("Organization", PracticeId);
        j.WriteBoolean("active", true);
        X.ConceptArray("type", "http://terminology.hl7.org/CodeSystem/organization-type", "prov");
        j.WriteString("name", profile.Region.PracticeName);
        X.End();
        foreach (var (_, id, name, _) in Payers)
        {
            X.Begin("Organization", id);
            j.WriteBoolean("active", true);
            X.ConceptArray("type", "http://terminology.hl7.org/CodeSystem/organization-type", "pay");
            j.WriteString("name", name);
            X.End();
        }

        foreach (var s in profile.Region.Sites)
        {
            var zip = profile.Region.Zips.FirstOrDefault(z => z.Zip == s.Zip);
            X.Begin("Location", s.Id);
            j.WriteString("status", "active");
            j.WriteString("name", s.Name);
            j.WriteString("mode", "instance");
            j.WriteStartObject("address");
            j.WriteString("city", zip?.City ?? profile.Region.Name);
            j.WriteString("state", profile.Region.State);
            j.WriteString("postalCode", s.Zip);
            j.WriteString("country", "US");
            j.WriteEndObject();
            X.Concept("physicalType", Codes.LocationPhysicalType, s.Mobile ? "ve" : "bu");
            j.WriteStartObject("position");
            j.WriteNumber("longitude", s.Longitude);
            j.WriteNumber("latitude", s.Latitude);
            j.WriteEndObject();
            X.Reference("managingOrganization", "Organization/" + PracticeId);
            X.End();
        }
    }

    public void WritePatient(SyntheticPatient p, ref Rng contact)
    {
        var j = X.Json;
        var demo = profile.Demographics;
        X.Begin("Patient", p.Id);
        j.WriteStartObject("meta");
        j.WriteStartArray("profile");
        j.WriteStringValue("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient");
        j.WriteEndArray();
        j.WriteEndObject();
        j.WriteStartArray("extension");
        var race = demo.Races[p.Race];
        OmbExtension(Codes.UsCoreRace, race.Omb, race.Detailed, race.Text);
        var eth = demo.Ethnicities[p.Ethnicity];
        OmbExtension(Codes.UsCoreEthnicity, eth.Omb, eth.Detailed, eth.Text);
        j.WriteStartObject();
        j.WriteString("url", Codes.UsCoreBirthSex);
        j.WriteString("valueCode", p.Female ? "F" : "M");
        j.WriteEndObject();
        if (demo.Languages[p.Language].Code != "en")
        {
            j.WriteStartObject();
            j.WriteString("url", Codes.InterpreterRequired);
            j.WriteBoolean("valueBoolean", p.Interpreter);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("identifier");
        j.WriteStartObject();
        j.WriteString("system", Codes.MrnSystem);
        j.WriteString("value", "MRN" + (p.Index + 1).ToString("D8", CultureInfo.InvariantCulture));
        j.WriteEndObject();
        j.WriteEndArray();
        j.WriteStartArray("name");
        j.WriteStartObject();
        j.WriteString("family", Families[(int)((p.Index * 7919) % Families.Length)]);
        j.WriteStartArray("given");
        var given = p.Female ? FemaleGiven : MaleGiven;
        j.WriteStringValue(given[(int)((p.Index * 104729 / 7) % given.Length)]);
        j.WriteEndArray();
        j.WriteEndObject();
        j.WriteEndArray();
        WriteTelecom(p, ref contact);
        j.WriteString("gender", p.Female ? "female" : "male");
        X.Date("birthDate", p.BirthDate);
        var zip = profile.Region.Zips[p.Zip];
        j.WriteStartArray("address");
        j.WriteStartObject();
        j.WriteStartArray("extension");
        j.WriteStartObject();
        j.WriteString("url", Codes.Geolocation);
        j.WriteStartArray("extension");
        j.WriteStartObject();
        j.WriteString("url", "latitude");
        j.WriteNumber("valueDecimal", p.Latitude);
        j.WriteEndObject();
        j.WriteStartObject();
        j.WriteString("url", "longitude");
        j.WriteNumber("valueDecimal", p.Longitude);
        j.WriteEndObject();
        j.WriteEndArray();
        j.WriteEndObject();
        j.WriteEndArray();
        j.WriteString("use", "home");
        j.WriteString("city", zip.City);
        j.WriteString("state", profile.Region.State);
        j.WriteString("postalCode", zip.Zip);
        j.WriteString("country", "US");
        j.WriteEndObject();
        j.WriteEndArray();
        j.WriteStartArray("communication");
        j.WriteStartObject();
        X.Concept("language", Codes.Bcp47, demo.Languages[p.Language].Code);
        j.WriteBoolean("preferred", true);
        j.WriteEndObject();
        j.WriteEndArray();
        X.End();
    }

    /// <summary>Coverage with a Source of Payment Typology type; none at all for the "unknown" payer.</summary>
    // Most patients have a mobile phone, fewer an e-mail address, some neither: outreach must meet all three cases.
    // Numbers are in the 555-01xx range reserved for fiction and addresses under example.org (RFC 2606).
    private void WriteTelecom(SyntheticPatient p, ref Rng contact)
    {
        var hasPhone = contact.Chance(0.88);
        var hasEmail = contact.Chance(0.55);
        if (!hasPhone && !hasEmail)
        {
            return;
        }

        var j = X.Json;
        j.WriteStartArray("telecom");
        if (hasPhone)
        {
            j.WriteStartObject();
            j.WriteString("system", "phone");
            j.WriteString("value", string.Create(CultureInfo.InvariantCulture, $"+1{contact.Between(201, 989)}55501{contact.Next(100):D2}"));
            j.WriteString("use", "mobile");
            j.WriteEndObject();
        }

        if (hasEmail)
        {
            j.WriteStartObject();
            j.WriteString("system", "email");
            j.WriteString("value", string.Create(CultureInfo.InvariantCulture, $"patient{p.Index + 1}@example.org"));
            j.WriteEndObject();
        }

        j.WriteEndArray();
    }

    public void WriteCoverage(SyntheticPatient p, DateOnly asOf)
    {
        if (p.PayerKey == "unknown")
        {
            return;
        }

        var j = X.Json;
        string sopt;
        string payor;
        if (p.PayerKey == "uninsured")
        {
            sopt = p.Index % 5 == 0 ? "8" : "81";
            payor = "Patient/" + p.Id;
        }
        else
        {
            var options = Payers.Where(x => x.Category == p.PayerKey).ToArray();
            var chosen = options[(int)(p.Index % options.Length)];
            sopt = chosen.Sopt;
            payor = "Organization/" + chosen.Id;
        }

        X.Begin("Coverage", p.Id + "-cov");
        j.WriteString("status", "active");
        X.Concept("type", Codes.Sopt, sopt);
        j.WriteString("subscriberId", "S" + (p.Index + 1).ToString("D8", CultureInfo.InvariantCulture));
        X.Reference("beneficiary", "Patient/" + p.Id);
        X.Concept("relationship", "http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self");
        j.WriteStartObject("period");
        X.Date("start", asOf.AddYears(-5 - (int)(p.Index % 5)));
        j.WriteEndObject();
        j.WriteStartArray("payor");
        j.WriteStartObject();
        j.WriteString("reference", payor);
        j.WriteEndObject();
        j.WriteEndArray();
        X.End();
    }

    public void WriteEncounter(SyntheticPatient p, (string System, string Code) type, string classCode, DateTime start, string siteId)
    {
        var j = X.Json;
        X.Begin("Encounter", NextId(p));
        j.WriteString("status", "finished");
        j.WriteStartObject("class");
        j.WriteString("system", Codes.ActCode);
        j.WriteString("code", classCode);
        j.WriteEndObject();
        X.ConceptArray("type", type.System, type.Code);
        X.Reference("subject", "Patient/" + p.Id);
        j.WriteStartObject("period");
        X.DateTime("start", start);
        X.DateTime("end", start.AddMinutes(30));
        j.WriteEndObject();
        j.WriteStartArray("location");
        j.WriteStartObject();
        X.Reference("location", "Location/" + siteId);
        j.WriteEndObject();
        j.WriteEndArray();
        X.Reference("serviceProvider", "Organization/" + PracticeId);
        X.End();
    }

    public void WriteCondition(SyntheticPatient p, ReadOnlySpan<(string System, string Code)> code, DateOnly onset)
    {
        var j = X.Json;
        X.Begin("Condition", NextId(p));
        X.Concept("clinicalStatus", Codes.ConditionClinical, "active");
        X.Concept("verificationStatus", Codes.ConditionVerification, "confirmed");
        X.ConceptArray("category", Codes.ConditionCategory, "problem-list-item");
        X.Concept("code", code);
        X.Reference("subject", "Patient/" + p.Id);
        X.Date("onsetDateTime", onset);
        X.Date("recordedDate", onset);
        X.End();
    }

    public void WriteAppointment(SyntheticPatient p, string status, (string System, string Code) service,
        DateTime start, DateTime created, string siteId)
    {
        var j = X.Json;
        X.Begin("Appointment", NextId(p));
        j.WriteString("status", status);
        X.ConceptArray("serviceType", service.System, service.Code);
        X.DateTime("start", start);
        X.DateTime("end", start.AddMinutes(30));
        X.DateTime("created", created);
        j.WriteStartArray("participant");
        j.WriteStartObject();
        X.Reference("actor", "Patient/" + p.Id);
        j.WriteString("status", "accepted");
        j.WriteEndObject();
        j.WriteStartObject();
        X.Reference("actor", "Location/" + siteId);
        j.WriteString("status", "accepted");
        j.WriteEndObject();
        j.WriteEndArray();
        X.End();
    }

    private void OmbExtension(string url, List<string> omb, List<string> detailed, string text)
    {
        var j = X.Json;
        j.WriteStartObject();
        j.WriteString("url", url);
        j.WriteStartArray("extension");
        foreach (var code in omb)
        {
            SubCoding("ombCategory", code is "UNK" or "ASKU" ? Codes.NullFlavor : Codes.CdcRace, code);
        }

        foreach (var code in detailed)
        {
            SubCoding("detailed", Codes.CdcRace, code);
        }

        j.WriteStartObject();
        j.WriteString("url", "text");
        j.WriteString("valueString", text);
        j.WriteEndObject();
        j.WriteEndArray();
        j.WriteEndObject();
    }

    private void SubCoding(string url, string system, string code)
    {
        var j = X.Json;
        j.WriteStartObject();
        j.WriteString("url", url);
        j.WriteStartObject("valueCoding");
        j.WriteString("system", system);
        j.WriteString("code", code);
        j.WriteEndObject();
        j.WriteEndObject();
    }
}

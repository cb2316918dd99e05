using System.Text;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Data.Tests;

/// <summary>Hand-built ingest items shaped like a small FHIR Bulk Data export of a breast-imaging practice.</summary>
internal static class SampleItems
{
    public const string Source = "northside-ris";

    public static readonly DateTimeOffset Updated = new(2025, 3, 4, 9, 15, 30, 123, TimeSpan.FromHours(-5));

    public static ProjectedResource Patient(string id, string version = "1", DateTimeOffset? lastUpdated = null, string postalCode = "60617") =>
        Projected(
            "Patient", id, version, lastUpdated ?? Updated,
            $$$"""{"resourceType":"Patient","id":"{{{id}}}","meta":{"versionId":"{{{version}}}"},"gender":"female","birthDate":"1961-07-14","address":[{"postalCode":"{{{postalCode}}}","state":"IL"}]}""",
            new PatientFact(
                id, new DateOnly(1961, 7, 14), AdministrativeSex.Female, "F",
                [new Coding(Coding.CdcRaceEthnicity, "2054-5")], [new Coding(Coding.CdcRaceEthnicity, "2186-5")],
                "es", true, postalCode, "IL", 41.7266, -87.5508, null));

    public static ProjectedResource Coverage(string id, string patientId) =>
        Projected(
            "Coverage", id, "1", Updated,
            $$$"""{"resourceType":"Coverage","id":"{{{id}}}","status":"active","beneficiary":{"reference":"Patient/{{{patientId}}}"},"type":{"coding":[{"system":"urn:oid:2.16.840.1.113883.3.221.5","code":"2"}]},"period":{"start":"2024-01-01"}}""",
            new CoverageFact(patientId, PayerCategory.Medicaid, [new Coding(Coding.PaymentTypology, "2")], "active", new DateOnly(2024, 1, 1), null, "Illinois Medicaid"));

    /// <summary>A screening mammogram's BI-RADS assessment (Observation); <paramref name="biRads"/> is the LOINC answer.</summary>
    public static ProjectedResource BiRads(string id, string patientId, string? version = "1", string biRads = "LA6576-8", DateTimeOffset? lastUpdated = null, decimal? density = 2.5m) =>
        Projected(
            "Observation", id, version, lastUpdated ?? Updated,
            $$$"""{"resourceType":"Observation","id":"{{{id}}}","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"24606-6"}]},"subject":{"reference":"Patient/{{{patientId}}}"},"effectiveDateTime":"2024-10-02T14:20:00-05:00","valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"{{{biRads}}}"}]}}""",
            new ClinicalEvent(
                patientId, EventKind.Observation, [new Coding(Coding.Loinc, "24606-6")],
                [new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "imaging")], "final",
                new DateTimeOffset(2024, 10, 2, 14, 20, 0, TimeSpan.FromHours(-5)), new DateTimeOffset(2024, 10, 2, 14, 20, 0, TimeSpan.FromHours(-5)),
                [new Coding(Coding.Loinc, biRads)], density, "{score}", [new Coding(Coding.Snomed, "80248007")], "loc-south", "sr-" + id));

    public static ProjectedResource Appointment(string id, string patientId) =>
        Projected(
            "Appointment", id, "1", Updated,
            $$$"""{"resourceType":"Appointment","id":"{{{id}}}","status":"noshow","start":"2025-02-10T08:30:00-06:00","participant":[{"actor":{"reference":"Patient/{{{patientId}}}"}}]}""",
            new AppointmentFact(
                patientId, "noshow", [new Coding(Coding.Cpt, "77067")],
                new DateTimeOffset(2025, 2, 10, 8, 30, 0, TimeSpan.FromHours(-6)), new DateTimeOffset(2025, 2, 10, 8, 50, 0, TimeSpan.FromHours(-6)),
                new DateTimeOffset(2025, 1, 6, 16, 2, 11, 500, TimeSpan.FromHours(-6)), "loc-south"));

    public static ProjectedResource Site(string id) =>
        Projected(
            "Location", id, null, null,
            $$$"""{"resourceType":"Location","id":"{{{id}}}","name":"Southside Mobile Mammography","mode":"kind","address":{"postalCode":"60619"}}""",
            new SiteFact(id, "Southside Mobile Mammography", true, "60619", 41.7450, -87.6050, "org-northside"));

    /// <summary>A resource type no measure reads: stored raw, no fact.</summary>
    public static ProjectedResource Claim(string id, string patientId) =>
        Projected(
            "Claim", id, "1", Updated,
            $$$"""{"resourceType":"Claim","id":"{{{id}}}","status":"active","patient":{"reference":"Patient/{{{patientId}}}"},"total":{"value":212.40,"currency":"USD"}}""",
            null);

    public static DeletedResource Delete(string resourceType, string id) =>
        new(new RecordLocation("bundle/transaction-0007.json", 3), new ResourceKey(Source, resourceType, id));

    public static QuarantinedRecord Quarantined(long line, string reason = "birthDate '1961-13-40' is not a valid date") =>
        new(new RecordLocation("export/Patient.ndjson", line, "birthDate"), Source, "Patient", "pt-bad-" + line, reason,
            """{"resourceType":"Patient","id":"pt-bad","birthDate":"1961-13-40","name":[{"family":"Doe"}]}""");

    /// <summary>One patient's record: patient, coverage, BI-RADS, no-show, a claim; plus a site and a quarantined line.</summary>
    public static IReadOnlyList<IngestItem> PatientRecord(string patientId = "pt-1001") =>
    [
        Patient(patientId),
        Coverage("cov-" + patientId, patientId),
        BiRads("obs-" + patientId, patientId),
        Appointment("appt-" + patientId, patientId),
        Claim("claim-" + patientId, patientId),
        Site("loc-south"),
        Quarantined(17),
    ];

    private static ProjectedResource Projected(string type, string id, string? version, DateTimeOffset? lastUpdated, string json, Fact? fact) =>
        new(new RecordLocation($"export/{type}.ndjson", 1), new ResourceKey(Source, type, id), version, lastUpdated, Encoding.UTF8.GetBytes(json), fact);
}

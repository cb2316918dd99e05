using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace RadEquity.Benchmarks.Ingest;

/// <summary>
/// A deterministic, realistic FHIR R4 NDJSON corpus built in memory: per patient a US Core Patient, a Coverage,
/// encounters with their Claim and ExplanationOfBenefit (as Synthea writes them), observations (vitals, smoking
/// status, BI-RADS), procedures, an imaging study, a report, conditions and medication requests.
/// </summary>
public static partial class NdjsonCorpus
{
    private static readonly string[] Races = ["2106-3", "2054-5", "2028-9", "1002-5", "2076-8"];
    private static readonly string[] Languages = ["en", "es", "vi", "zh", "ar"];
    private static readonly string[] Sopt = ["1", "2", "5", "62", "81"];

    /// <summary>The corpus bytes (one resource a line) and the number of resources.</summary>
    public static (byte[] Bytes, int Resources) Build(int patients)
    {
        var random = new Random(20250101);
        var buffer = new ArrayBufferWriter<byte>(patients * 16 * 1024);
        var resources = 0;
        for (var p = 0; p < patients; p++)
        {
            var id = "pat-" + p.ToString("D6", CultureInfo.InvariantCulture);
            Line(buffer, w => Patient(w, id, random), ref resources);
            Line(buffer, w => Coverage(w, id, random), ref resources);
            for (var e = 0; e < 4; e++)
            {
                var encounter = id + "-enc-" + e.ToString(CultureInfo.InvariantCulture);
                var day = Day(random);
                Line(buffer, w => Encounter(w, encounter, id, day), ref resources);
                Line(buffer, w => Observation(w, encounter + "-bp", id, encounter, day, "8480-6", "Systolic blood pressure", "vital-signs", 100 + random.Next(60), "mm[Hg]"), ref resources);
                Line(buffer, w => Observation(w, encounter + "-bmi", id, encounter, day, "39156-5", "Body mass index", "vital-signs", 18 + random.Next(20), "kg/m2"), ref resources);
                Line(buffer, w => CodedObservation(w, encounter + "-smoke", id, day, "72166-2", "Tobacco smoking status", "social-history", "http://snomed.info/sct", random.Next(3) == 0 ? "8517006" : "266919005"), ref resources);
                Line(buffer, w => Procedure(w, encounter + "-proc", id, encounter, day, random.Next(2) == 0 ? "77067" : "71271"), ref resources);

                // Synthea writes one Claim and one ExplanationOfBenefit per encounter (about a quarter of its
                // resources, and the largest); no measure reads them.
                Line(buffer, w => Claim(w, encounter + "-claim", id, encounter, day), ref resources);
                Line(buffer, w => Eob(w, encounter + "-eob", id, encounter, day), ref resources);
            }

            var studyDay = Day(random);
            Line(buffer, w => ImagingStudy(w, id + "-img", id, studyDay), ref resources);
            Line(buffer, w => CodedObservation(w, id + "-birads", id, studyDay, "36625-2", "Breast mammogram BI-RADS assessment", "imaging", "http://loinc.org", "LA10572-3"), ref resources);
            Line(buffer, w => Report(w, id + "-dr", id, studyDay), ref resources);
            Line(buffer, w => Condition(w, id + "-cond-1", id, "44054006", "Diabetes mellitus type 2"), ref resources);
            Line(buffer, w => Condition(w, id + "-cond-2", id, "59621000", "Essential hypertension"), ref resources);
            Line(buffer, w => Medication(w, id + "-med-1", id, studyDay), ref resources);
        }

        return (buffer.WrittenSpan.ToArray(), resources);
    }

    private static DateTimeOffset Day(Random random) =>
        new DateTimeOffset(2020, 1, 1, 8, 0, 0, TimeSpan.FromHours(-5)).AddDays(random.Next(5 * 365)).AddMinutes(random.Next(600));

    private static void Line(ArrayBufferWriter<byte> buffer, Action<Utf8JsonWriter> write, ref int resources)
    {
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        buffer.Write("\n"u8);
        resources++;
    }

    private static void Start(Utf8JsonWriter w, string type, string id)
    {
        w.WriteStartObject();
        w.WriteString("resourceType", type);
        w.WriteString("id", id);
        w.WriteStartObject("meta");
        w.WriteString("versionId", "1");
        w.WriteString("lastUpdated", "2025-06-01T12:00:00Z");
        w.WriteEndObject();
    }

    /// <summary>A CodeableConcept, as a property or (name null) as an array item.</summary>
    private static void Concept(Utf8JsonWriter w, string? name, string system, string code, string display)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteStartArray("coding");
        w.WriteStartObject();
        w.WriteString("system", system);
        w.WriteString("code", code);
        w.WriteString("display", display);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("text", display);
        w.WriteEndObject();
    }

    private static void Reference(Utf8JsonWriter w, string name, string reference)
    {
        w.WriteStartObject(name);
        w.WriteString("reference", reference);
        w.WriteEndObject();
    }

    private static void Patient(Utf8JsonWriter w, string id, Random random)
    {
        Start(w, "Patient", id);
        w.WriteStartArray("extension");
        foreach (var (url, code) in new[]
                 {
                     ("http://hl7.org/fhir/us/core/StructureDefinition/us-core-race", Races[random.Next(Races.Length)]),
                     ("http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity", random.Next(5) == 0 ? "2135-2" : "2186-5"),
                 })
        {
            w.WriteStartObject();
            w.WriteString("url", url);
            w.WriteStartArray("extension");
            w.WriteStartObject();
            w.WriteString("url", "ombCategory");
            w.WriteStartObject("valueCoding");
            w.WriteString("system", "urn:oid:2.16.840.1.113883.6.238");
            w.WriteString("code", code);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteString("url", "text");
            w.WriteString("valueString", code);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteStartObject();
        w.WriteString("url", "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex");
        w.WriteString("valueCode", random.Next(2) == 0 ? "F" : "M");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("identifier");
        w.WriteStartObject();
        w.WriteString("system", "http://hospital.example.org/mrn");
        w.WriteString("value", "MRN" + id);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("name");
        w.WriteStartObject();
        w.WriteString("use", "official");
        w.WriteString("family", "Family" + random.Next(1000).ToString(CultureInfo.InvariantCulture));
        w.WriteStartArray("given");
        w.WriteStringValue("Given" + random.Next(1000).ToString(CultureInfo.InvariantCulture));
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("gender", random.Next(2) == 0 ? "female" : "male");
        w.WriteString("birthDate", new DateOnly(1940 + random.Next(50), 1 + random.Next(12), 1 + random.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteStartArray("address");
        w.WriteStartObject();
        w.WriteStartArray("extension");
        w.WriteStartObject();
        w.WriteString("url", "http://hl7.org/fhir/StructureDefinition/geolocation");
        w.WriteStartArray("extension");
        w.WriteStartObject();
        w.WriteString("url", "latitude");
        w.WriteNumber("valueDecimal", Math.Round(36 + random.NextDouble(), 6));
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("url", "longitude");
        w.WriteNumber("valueDecimal", Math.Round(-120 + random.NextDouble(), 6));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("use", "home");
        w.WriteStartArray("line");
        w.WriteStringValue(random.Next(9999).ToString(CultureInfo.InvariantCulture) + " Main Street");
        w.WriteEndArray();
        w.WriteString("city", "Fresno");
        w.WriteString("state", "CA");
        w.WriteString("postalCode", (93600 + random.Next(100)).ToString(CultureInfo.InvariantCulture));
        w.WriteString("country", "US");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("communication");
        w.WriteStartObject();
        Concept(w, "language", "urn:ietf:bcp:47", Languages[random.Next(Languages.Length)], "Language");
        w.WriteBoolean("preferred", true);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Coverage(Utf8JsonWriter w, string patient, Random random)
    {
        Start(w, "Coverage", patient + "-cov");
        w.WriteString("status", "active");
        Concept(w, "type", "urn:oid:2.16.840.1.113883.3.221.5", Sopt[random.Next(Sopt.Length)], "Payer");
        Reference(w, "beneficiary", "Patient/" + patient);
        w.WriteStartObject("period");
        w.WriteString("start", "2019-01-01");
        w.WriteEndObject();
        w.WriteStartArray("payor");
        w.WriteStartObject();
        w.WriteString("display", "Payer Name");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Encounter(Utf8JsonWriter w, string id, string patient, DateTimeOffset day)
    {
        Start(w, "Encounter", id);
        w.WriteString("status", "finished");
        w.WriteStartObject("class");
        w.WriteString("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode");
        w.WriteString("code", "AMB");
        w.WriteEndObject();
        w.WriteStartArray("type");
        Concept(w, null, "http://snomed.info/sct", "185349003", "Encounter for check up (procedure)");
        w.WriteEndArray();
        Reference(w, "subject", "Patient/" + patient);
        w.WriteStartObject("period");
        w.WriteString("start", day);
        w.WriteString("end", day.AddMinutes(30));
        w.WriteEndObject();
        w.WriteStartArray("location");
        w.WriteStartObject();
        Reference(w, "location", "Location/loc-1");
        w.WriteEndObject();
        w.WriteEndArray();
        Reference(w, "serviceProvider", "Organization/org-1");
        w.WriteEndObject();
    }

    private static void Observation(Utf8JsonWriter w, string id, string patient, string encounter, DateTimeOffset day,
        string code, string display, string category, double value, string unit)
    {
        Start(w, "Observation", id);
        w.WriteString("status", "final");
        w.WriteStartArray("category");
        Concept(w, null, "http://terminology.hl7.org/CodeSystem/observation-category", category, category);
        w.WriteEndArray();
        Concept(w, "code", "http://loinc.org", code, display);
        Reference(w, "subject", "Patient/" + patient);
        Reference(w, "encounter", "Encounter/" + encounter);
        w.WriteString("effectiveDateTime", day);
        w.WriteString("issued", day);
        w.WriteStartObject("valueQuantity");
        w.WriteNumber("value", value);
        w.WriteString("unit", unit);
        w.WriteString("system", "http://unitsofmeasure.org");
        w.WriteString("code", unit);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void CodedObservation(Utf8JsonWriter w, string id, string patient, DateTimeOffset day, string code,
        string display, string category, string valueSystem, string valueCode)
    {
        Start(w, "Observation", id);
        w.WriteString("status", "final");
        w.WriteStartArray("category");
        Concept(w, null, "http://terminology.hl7.org/CodeSystem/observation-category", category, category);
        w.WriteEndArray();
        Concept(w, "code", "http://loinc.org", code, display);
        Reference(w, "subject", "Patient/" + patient);
        w.WriteString("effectiveDateTime", day);
        Concept(w, "valueCodeableConcept", valueSystem, valueCode, "Value");
        w.WriteEndObject();
    }

    private static void Procedure(Utf8JsonWriter w, string id, string patient, string encounter, DateTimeOffset day, string cpt)
    {
        Start(w, "Procedure", id);
        w.WriteString("status", "completed");
        Concept(w, "code", "http://www.ama-assn.org/go/cpt", cpt, "Imaging procedure");
        Reference(w, "subject", "Patient/" + patient);
        Reference(w, "encounter", "Encounter/" + encounter);
        w.WriteStartObject("performedPeriod");
        w.WriteString("start", day);
        w.WriteString("end", day.AddMinutes(20));
        w.WriteEndObject();
        Reference(w, "location", "Location/loc-1");
        w.WriteEndObject();
    }

    private static void ImagingStudy(Utf8JsonWriter w, string id, string patient, DateTimeOffset day)
    {
        Start(w, "ImagingStudy", id);
        w.WriteString("status", "available");
        Reference(w, "subject", "Patient/" + patient);
        w.WriteString("started", day);
        w.WriteStartArray("modality");
        w.WriteStartObject();
        w.WriteString("system", "http://dicom.nema.org/resources/ontology/DCM");
        w.WriteString("code", "MG");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteNumber("numberOfSeries", 1);
        w.WriteNumber("numberOfInstances", 4);
        w.WriteStartArray("series");
        w.WriteStartObject();
        w.WriteString("uid", "2.25." + id.Length.ToString(CultureInfo.InvariantCulture));
        w.WriteStartObject("modality");
        w.WriteString("system", "http://dicom.nema.org/resources/ontology/DCM");
        w.WriteString("code", "MG");
        w.WriteEndObject();
        w.WriteStartObject("bodySite");
        w.WriteString("system", "http://snomed.info/sct");
        w.WriteString("code", "76752008");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Report(Utf8JsonWriter w, string id, string patient, DateTimeOffset day)
    {
        Start(w, "DiagnosticReport", id);
        w.WriteString("status", "final");
        w.WriteStartArray("category");
        Concept(w, null, "http://terminology.hl7.org/CodeSystem/v2-0074", "RAD", "Radiology");
        w.WriteEndArray();
        Concept(w, "code", "http://loinc.org", "24606-6", "MG Breast Screening");
        Reference(w, "subject", "Patient/" + patient);
        w.WriteString("effectiveDateTime", day);
        w.WriteString("issued", day.AddDays(1));
        w.WriteStartArray("conclusionCode");
        Concept(w, null, "http://snomed.info/sct", "397140005", "Negative");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Condition(Utf8JsonWriter w, string id, string patient, string code, string display)
    {
        Start(w, "Condition", id);
        Concept(w, "clinicalStatus", "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active");
        Concept(w, "verificationStatus", "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed");
        w.WriteStartArray("category");
        Concept(w, null, "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item");
        w.WriteEndArray();
        Concept(w, "code", "http://snomed.info/sct", code, display);
        Reference(w, "subject", "Patient/" + patient);
        w.WriteString("onsetDateTime", "2015-03-04T10:00:00-05:00");
        w.WriteString("recordedDate", "2015-03-04T10:00:00-05:00");
        w.WriteEndObject();
    }

    private static void Medication(Utf8JsonWriter w, string id, string patient, DateTimeOffset day)
    {
        Start(w, "MedicationRequest", id);
        w.WriteString("status", "active");
        w.WriteString("intent", "order");
        Concept(w, "medicationCodeableConcept", "http://www.nlm.nih.gov/research/umls/rxnorm", "860975", "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet");
        Reference(w, "subject", "Patient/" + patient);
        w.WriteString("authoredOn", day);
        w.WriteStartArray("dosageInstruction");
        w.WriteStartObject();
        w.WriteNumber("sequence", 1);
        w.WriteString("text", "Take one tablet daily");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

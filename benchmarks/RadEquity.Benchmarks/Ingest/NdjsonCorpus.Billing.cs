using System.Text.Json;

namespace RadEquity.Benchmarks.Ingest;

/// <summary>The billing resources of the corpus (Claim, ExplanationOfBenefit), shaped like Synthea's.</summary>
public static partial class NdjsonCorpus
{
    private static void Claim(Utf8JsonWriter w, string id, string patient, string encounter, DateTimeOffset day)
    {
        Start(w, "Claim", id);
        w.WriteString("status", "active");
        Concept(w, "type", "http://terminology.hl7.org/CodeSystem/claim-type", "professional", "Professional");
        w.WriteString("use", "claim");
        Reference(w, "patient", "Patient/" + patient);
        w.WriteStartObject("billablePeriod");
        w.WriteString("start", day);
        w.WriteString("end", day.AddMinutes(30));
        w.WriteEndObject();
        w.WriteString("created", day.AddMinutes(30));
        Reference(w, "provider", "Organization/org-1");
        Concept(w, "priority", "http://terminology.hl7.org/CodeSystem/processpriority", "normal", "Normal");
        w.WriteStartArray("insurance");
        w.WriteStartObject();
        w.WriteNumber("sequence", 1);
        w.WriteBoolean("focal", true);
        w.WriteStartObject("coverage");
        w.WriteString("display", "Payer Name");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        ClaimItems(w, encounter);
        w.WriteStartObject("total");
        w.WriteNumber("value", 129.16);
        w.WriteString("currency", "USD");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Eob(Utf8JsonWriter w, string id, string patient, string encounter, DateTimeOffset day)
    {
        Start(w, "ExplanationOfBenefit", id);
        w.WriteString("status", "active");
        Concept(w, "type", "http://terminology.hl7.org/CodeSystem/claim-type", "professional", "Professional");
        w.WriteString("use", "claim");
        Reference(w, "patient", "Patient/" + patient);
        w.WriteStartObject("billablePeriod");
        w.WriteString("start", day);
        w.WriteString("end", day.AddYears(1));
        w.WriteEndObject();
        w.WriteString("created", day.AddMinutes(30));
        Reference(w, "insurer", "Organization/payer-1");
        Reference(w, "provider", "Practitioner/dr-1");
        Reference(w, "claim", "Claim/" + id.Replace("-eob", "-claim", StringComparison.Ordinal));
        w.WriteString("outcome", "complete");
        w.WriteStartArray("insurance");
        w.WriteStartObject();
        w.WriteBoolean("focal", true);
        Reference(w, "coverage", "Coverage/" + patient + "-cov");
        w.WriteEndObject();
        w.WriteEndArray();
        ClaimItems(w, encounter);
        w.WriteStartArray("total");
        w.WriteStartObject();
        Concept(w, "category", "http://terminology.hl7.org/CodeSystem/adjudication", "submitted", "Submitted Amount");
        w.WriteStartObject("amount");
        w.WriteNumber("value", 129.16);
        w.WriteString("currency", "USD");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("payment");
        w.WriteStartObject("amount");
        w.WriteNumber("value", 103.33);
        w.WriteString("currency", "USD");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void ClaimItems(Utf8JsonWriter w, string encounter)
    {
        w.WriteStartArray("item");
        for (var i = 1; i <= 3; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", i);
            Concept(w, "productOrService", "http://snomed.info/sct", "185349003", "Encounter for check up (procedure)");
            w.WriteStartArray("encounter");
            w.WriteStartObject();
            w.WriteString("reference", "Encounter/" + encounter);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("net");
            w.WriteNumber("value", 43.05);
            w.WriteString("currency", "USD");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}

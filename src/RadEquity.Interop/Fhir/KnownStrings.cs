using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using RadEquity.Engine.Facts;

namespace RadEquity.Interop.Fhir;

/// <summary>
/// The code-system URIs that recur in nearly every resource, returned as shared strings instead of being
/// allocated per coding (the projection's largest allocation otherwise). Immutable after type initialisation.
/// </summary>
internal static class KnownStrings
{
    private static readonly (byte[] Utf8, string Value)[] Known = Build(
        Coding.Loinc, Coding.Snomed, Coding.Cpt, Coding.Hcpcs, Coding.Icd10Cm, Coding.CdcRaceEthnicity, Coding.PaymentTypology,
        Coding.PaymentTypologyUrl,
        "http://www.nlm.nih.gov/research/umls/rxnorm",
        "http://hl7.org/fhir/sid/cvx",
        "http://unitsofmeasure.org",
        "urn:ietf:bcp:47",
        "http://dicom.nema.org/resources/ontology/DCM",
        "http://terminology.hl7.org/CodeSystem/v3-ActCode",
        "http://terminology.hl7.org/CodeSystem/v3-NullFlavor",
        "http://terminology.hl7.org/CodeSystem/observation-category",
        "http://terminology.hl7.org/CodeSystem/condition-clinical",
        "http://terminology.hl7.org/CodeSystem/condition-ver-status",
        "http://terminology.hl7.org/CodeSystem/condition-category",
        "http://terminology.hl7.org/CodeSystem/v2-0074",
        "http://terminology.hl7.org/CodeSystem/medicationrequest-category",
        "http://terminology.hl7.org/CodeSystem/discharge-disposition",
        "http://terminology.hl7.org/CodeSystem/location-physical-type");

    /// <summary>The string value of a JSON string element, shared when it is a well-known system.</summary>
    public static string Get(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length > 2)
        {
            var content = raw[1..^1];
            foreach (var (utf8, text) in Known)
            {
                if (utf8.Length == content.Length && content.SequenceEqual(utf8))
                {
                    return text;
                }
            }
        }

        return value.GetString() ?? string.Empty;
    }

    /// <summary>The string value of the reader's current string token, shared when it is a well-known system or
    /// recurs.</summary>
    public static string Get(ref Utf8JsonReader reader, Utf8StringCache strings)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var content = reader.ValueSpan;
            foreach (var (utf8, text) in Known)
            {
                if (utf8.Length == content.Length && content.SequenceEqual(utf8))
                {
                    return text;
                }
            }
        }

        return strings.Get(ref reader);
    }

    private static (byte[], string)[] Build(params string[] values) =>
        values.Select(v => (Encoding.UTF8.GetBytes(v), v)).ToArray();
}

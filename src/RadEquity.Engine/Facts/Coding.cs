namespace RadEquity.Engine.Facts;

/// <summary>
/// A code from a code system, as in FHIR <c>Coding</c> (system URI and code). Value sets match on both.
/// </summary>
/// <param name="System">The code system URI, e.g. <c>http://loinc.org</c>; empty when the source gave none.</param>
/// <param name="Code">The code within the system.</param>
public readonly record struct Coding(string System, string Code)
{
    /// <summary>LOINC, <c>http://loinc.org</c>.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>SNOMED CT, <c>http://snomed.info/sct</c>.</summary>
    public const string Snomed = "http://snomed.info/sct";

    /// <summary>CPT, <c>http://www.ama-assn.org/go/cpt</c>.</summary>
    public const string Cpt = "http://www.ama-assn.org/go/cpt";

    /// <summary>HCPCS Level II, <c>http://www.nlm.nih.gov/research/umls/hcpcs</c> (the system URI the eCQM value sets use).</summary>
    public const string Hcpcs = "http://www.nlm.nih.gov/research/umls/hcpcs";

    /// <summary>ICD-10-CM, <c>http://hl7.org/fhir/sid/icd-10-cm</c>.</summary>
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";

    /// <summary>CDC Race and Ethnicity, <c>urn:oid:2.16.840.1.113883.6.238</c>.</summary>
    public const string CdcRaceEthnicity = "urn:oid:2.16.840.1.113883.6.238";

    /// <summary>Source of Payment Typology (PHDSC) by its OID, <c>urn:oid:2.16.840.1.113883.3.221.5</c> (US Core 3-5).</summary>
    public const string PaymentTypology = "urn:oid:2.16.840.1.113883.3.221.5";

    /// <summary>Source of Payment Typology by its URL, <c>https://nahdo.org/sopt</c> (US Core 6+, the eCQM value sets).</summary>
    public const string PaymentTypologyUrl = "https://nahdo.org/sopt";

    /// <inheritdoc />
    public override string ToString() => System + "|" + Code;

    /// <summary>Parses the <c>system|code</c> form written by <see cref="ToString"/>.</summary>
    public static Coding Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bar = text.LastIndexOf('|');
        return bar < 0 ? new Coding(string.Empty, text) : new Coding(text[..bar], text[(bar + 1)..]);
    }

    /// <summary>Writes codings as one string, space-separated <c>system|code</c> tokens (for storage).</summary>
    public static string Join(IEnumerable<Coding> codings) => string.Join(' ', codings);

    /// <summary>Reads the string written by <see cref="Join"/>.</summary>
    public static IReadOnlyList<Coding> Split(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToArray();
}

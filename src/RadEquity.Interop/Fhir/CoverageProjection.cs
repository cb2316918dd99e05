using System.Text.Json;
using RadEquity.Engine.Facts;

namespace RadEquity.Interop.Fhir;

/// <summary>Coverage → <see cref="CoverageFact"/>.</summary>
internal static class CoverageProjection
{
    public static CoverageFact Project(JsonElement r, References refs)
    {
        var patientId = ClinicalProjection.RequirePatient(r, "beneficiary", refs);
        var codes = new List<Coding>(2);
        FhirJson.AddConcept(r, "type", codes, "type");
        var typeText = FhirJson.Object(r, "type", "type") is { } type ? FhirJson.String(type, "text", "type.text") : null;

        DateOnly? start = null, end = null;
        if (FhirJson.Object(r, "period", "period") is { } period)
        {
            start = ToDate(FhirJson.DateTime(period, "start", "period.start"));
            end = ToDate(FhirJson.DateTime(period, "end", "period.end"));
        }

        string? payer = null;
        foreach (var payor in FhirJson.Array(r, "payor", "payor"))
        {
            payer = FhirJson.String(payor, "display", "payor.display") ?? FhirJson.String(payor, "reference", "payor.reference");
            if (payer is not null)
            {
                break;
            }
        }

        var category = PayerCategories.FromCodes(codes);
        if (category == PayerCategory.Unknown)
        {
            category = PayerCategories.FromText(typeText);
        }

        if (category == PayerCategory.Unknown)
        {
            category = PayerCategories.FromText(payer);
        }

        return new CoverageFact(patientId, category, FhirJson.ToList(codes), FhirJson.String(r, "status", "status"), start, end, payer);
    }

    private static DateOnly? ToDate(DateTimeOffset? value) => value is { } v ? DateOnly.FromDateTime(v.DateTime) : null;
}

/// <summary>
/// Payer categories from codes and, failing that, from words. SOPT (urn:oid:2.16.840.1.113883.3.221.5, or
/// https://nahdo.org/sopt as the eCQM value sets and US Core 6+ write it) by the
/// first digit: 1 Medicare, 2 Medicaid, 5 and 6 Private, 8 Uninsured, 3/4/7/9 Other. HL7 v3 ActCode and the
/// coverage self-pay code cover FHIR examples; words cover CSV exports and Coverage.type.text / payor names.
/// </summary>
internal static class PayerCategories
{
    private const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    private const string SelfPay = "http://terminology.hl7.org/CodeSystem/coverage-selfpay";

    public static PayerCategory FromCodes(IReadOnlyList<Coding> codes)
    {
        foreach (var coding in codes)
        {
            if (coding.System is Coding.PaymentTypology or Coding.PaymentTypologyUrl && coding.Code.Length > 0)
            {
                return FromSopt(coding.Code);
            }
        }

        foreach (var coding in codes)
        {
            var category = coding.System switch
            {
                SelfPay => PayerCategory.Uninsured,
                ActCode => coding.Code switch
                {
                    "PUBLICPOL" or "SUBSIDIZ" or "SUBSIDMC" or "SUBSIDFFS" or "MANDPOL" or "WCBPOL" => PayerCategory.Other,
                    "EHCPOL" or "HMO" or "PPO" or "POS" or "MCPOL" or "HIP" or "DENTAL" or "DISEASEPRG" or "DRUGPOL" => PayerCategory.Private,
                    "PAY" => PayerCategory.Uninsured,
                    _ => PayerCategory.Unknown,
                },
                _ => PayerCategory.Unknown,
            };
            if (category != PayerCategory.Unknown)
            {
                return category;
            }
        }

        return PayerCategory.Unknown;
    }

    /// <summary>The SOPT family of a code (its first digit).</summary>
    public static PayerCategory FromSopt(string code) => code[0] switch
    {
        '1' => PayerCategory.Medicare,
        '2' => PayerCategory.Medicaid,
        '5' or '6' => PayerCategory.Private,
        '8' => PayerCategory.Uninsured,
        '3' or '4' or '7' or '9' => PayerCategory.Other,
        _ => PayerCategory.Unknown,
    };

    /// <summary>A payer category from a plan or payer name, by common words; Unknown when none matches.</summary>
    public static PayerCategory FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return PayerCategory.Unknown;
        }

        var t = text.ToUpperInvariant();
        if (Has(t, "MEDICAID") || Has(t, "MEDI-CAL") || Has(t, "CHIP") || Has(t, "MASSHEALTH"))
        {
            return PayerCategory.Medicaid;
        }

        if (Has(t, "MEDICARE") || Has(t, "DUAL ELIGIBLE"))
        {
            return PayerCategory.Medicare;
        }

        if (Has(t, "SELF PAY") || Has(t, "SELF-PAY") || Has(t, "SELFPAY") || Has(t, "UNINSURED") ||
            Has(t, "NO INSURANCE") || Has(t, "NO_INSURANCE") || Has(t, "CHARITY") || Has(t, "NO CHARGE"))
        {
            return PayerCategory.Uninsured;
        }

        if (Has(t, "TRICARE") || Has(t, "VETERAN") || Has(t, "INDIAN HEALTH") || Has(t, "CORRECTION") ||
            Has(t, "WORKERS COMP") || Has(t, "GOVERNMENT"))
        {
            return PayerCategory.Other;
        }

        if (Has(t, "BLUE CROSS") || Has(t, "BLUE SHIELD") || Has(t, "BCBS") || Has(t, "AETNA") || Has(t, "CIGNA") ||
            Has(t, "UNITED") || Has(t, "HUMANA") || Has(t, "ANTHEM") || Has(t, "KAISER") || Has(t, "COMMERCIAL") ||
            Has(t, "PRIVATE") || Has(t, "HMO") || Has(t, "PPO") || Has(t, "EMPLOYER"))
        {
            return PayerCategory.Private;
        }

        return PayerCategory.Unknown;
    }

    private static bool Has(string text, string word) => text.Contains(word, StringComparison.Ordinal);
}

using System.Runtime.InteropServices;
using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Strata;

/// <summary>The seven minimum race and ethnicity categories of OMB SPD 15 (2024 revision), as flags.</summary>
[Flags]
public enum RaceEthnicityCategories
{
    /// <summary>No minimum category reported.</summary>
    None = 0,
    /// <summary>American Indian or Alaska Native.</summary>
    AmericanIndianOrAlaskaNative = 1 << 0,
    /// <summary>Asian.</summary>
    Asian = 1 << 1,
    /// <summary>Black or African American.</summary>
    BlackOrAfricanAmerican = 1 << 2,
    /// <summary>Hispanic or Latino.</summary>
    HispanicOrLatino = 1 << 3,
    /// <summary>Middle Eastern or North African.</summary>
    MiddleEasternOrNorthAfrican = 1 << 4,
    /// <summary>Native Hawaiian or Pacific Islander.</summary>
    NativeHawaiianOrPacificIslander = 1 << 5,
    /// <summary>White.</summary>
    White = 1 << 6,
}

/// <summary>Whether a race or ethnicity field was reported, declined or is unknown.</summary>
internal enum ReportStatus
{
    /// <summary>No code the stratifier can read, or only <c>UNK</c> (or another null flavour).</summary>
    Unknown,
    /// <summary>No code the stratifier can read, and <c>ASKU</c> (asked but declined).</summary>
    Declined,
    /// <summary>At least one CDC Race and Ethnicity code the stratifier reads.</summary>
    Reported,
}

/// <summary>
/// Race and ethnicity in the OMB SPD 15 (2024 revision) combined format, read from US Core race and ethnicity
/// codings (CDC Race and Ethnicity code set, <c>urn:oid:2.16.840.1.113883.6.238</c>).
/// </summary>
/// <remarks>
/// <para>Both lists are read together, as one combined question. Every CDC code is mapped to its minimum category
/// by the code-set hierarchy (US Core CodeSystem <c>cdcrec</c> 1.0.1); Middle Eastern or North African (CDC 2118-8
/// and its detail, and 2129-5 Arab, all filed under White in the code set) is split out of White, and a bare White
/// <c>ombCategory</c> that only accompanies MENA detail is absorbed by it.</para>
/// <para>One category per patient: Hispanic or Latino whatever the race reported (FHIR US Core data are collected
/// with SPD 15's two separate questions, whose long-standing tabulation is "Hispanic, of any race"; counting
/// Hispanic-plus-race as multiethnic would put most Hispanic patients into one heterogeneous group and hide their
/// gaps); otherwise exactly one minimum category is that category (alone) and two or more is Multiracial and/or
/// Multiethnic. For SPD 15 "alone or in combination" tabulations use <see cref="MinimumCategories"/>.</para>
/// <para>CDC 2131-1 Other Race counts only when nothing else is reported ("Other race"); <c>ASKU</c> is Declined;
/// no data, <c>UNK</c> or only unreadable codes is Unknown. See <c>docs/stratifiers.md</c>.</para>
/// </remarks>
public static class RaceEthnicity
{
    /// <summary>CDC Race and Ethnicity code system by its former THO URI, still found in older data.</summary>
    internal const string CdcRaceEthnicityLegacy = "http://terminology.hl7.org/CodeSystem/PHRaceAndEthnicityCDC";

    /// <summary>HL7 v3 Race (same codes as the CDC set).</summary>
    internal const string V3Race = "http://terminology.hl7.org/CodeSystem/v3-Race";

    /// <summary>HL7 v3 Ethnicity (same codes as the CDC set).</summary>
    internal const string V3Ethnicity = "http://terminology.hl7.org/CodeSystem/v3-Ethnicity";

    /// <summary>HL7 v3 NullFlavor (UNK, ASKU).</summary>
    internal const string NullFlavor = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";

    internal const string AmericanIndianOrAlaskaNative = "American Indian or Alaska Native";
    internal const string Asian = "Asian";
    internal const string BlackOrAfricanAmerican = "Black or African American";
    internal const string HispanicOrLatino = "Hispanic or Latino";
    internal const string MiddleEasternOrNorthAfrican = "Middle Eastern or North African";
    internal const string NativeHawaiianOrPacificIslander = "Native Hawaiian or Pacific Islander";
    internal const string White = "White";
    internal const string Multiracial = "Multiracial and/or Multiethnic";
    internal const string OtherRace = "Other race";
    internal const string Declined = "Declined";

    /// <summary>The categories in display order (SPD 15's order, then the rest), ending with Unknown.</summary>
    internal static readonly string[] Categories =
    [
        AmericanIndianOrAlaskaNative, Asian, BlackOrAfricanAmerican, HispanicOrLatino, MiddleEasternOrNorthAfrican,
        NativeHawaiianOrPacificIslander, White, Multiracial, OtherRace, Declined, Stratifier.Unknown,
    ];

    /// <summary>
    /// The minimum categories <paramref name="patient"/> reported, from race and ethnicity codes together (for
    /// "alone or in combination" tabulations, where a patient counts in each of their categories).
    /// </summary>
    public static RaceEthnicityCategories MinimumCategories(PatientFact patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return Read(patient).Categories;
    }

    /// <summary>The single category of <paramref name="patient"/> (see the class remarks).</summary>
    internal static string Categorize(PatientFact patient) => Categories[IndexOf(patient, out _, out _)];

    /// <summary>The position in <see cref="Categories"/> of <paramref name="patient"/>'s category, and whether each
    /// field was reported (<see cref="StatusOf"/>), from one reading of the codes.</summary>
    internal static int IndexOf(PatientFact patient, out ReportStatus race, out ReportStatus ethnicity)
    {
        var state = default(Accumulator);
        race = state.Add(patient.RaceCodes);
        ethnicity = state.Add(patient.EthnicityCodes);
        var response = state.ToResponse();
        if ((response.Categories & RaceEthnicityCategories.HispanicOrLatino) != 0)
        {
            return HispanicOrLatinoIndex;
        }

        return response.Categories switch
        {
            RaceEthnicityCategories.None => response.OtherRace ? OtherRaceIndex
                : response.Declined ? DeclinedIndex
                : UnknownIndex,
            RaceEthnicityCategories.AmericanIndianOrAlaskaNative => AmericanIndianOrAlaskaNativeIndex,
            RaceEthnicityCategories.Asian => AsianIndex,
            RaceEthnicityCategories.BlackOrAfricanAmerican => BlackOrAfricanAmericanIndex,
            RaceEthnicityCategories.HispanicOrLatino => HispanicOrLatinoIndex,
            RaceEthnicityCategories.MiddleEasternOrNorthAfrican => MiddleEasternOrNorthAfricanIndex,
            RaceEthnicityCategories.NativeHawaiianOrPacificIslander => NativeHawaiianOrPacificIslanderIndex,
            RaceEthnicityCategories.White => WhiteIndex,
            _ => MultiracialIndex,
        };
    }

    private static readonly int AmericanIndianOrAlaskaNativeIndex = Array.IndexOf(Categories, AmericanIndianOrAlaskaNative);
    private static readonly int AsianIndex = Array.IndexOf(Categories, Asian);
    private static readonly int BlackOrAfricanAmericanIndex = Array.IndexOf(Categories, BlackOrAfricanAmerican);
    private static readonly int HispanicOrLatinoIndex = Array.IndexOf(Categories, HispanicOrLatino);
    private static readonly int MiddleEasternOrNorthAfricanIndex = Array.IndexOf(Categories, MiddleEasternOrNorthAfrican);
    private static readonly int NativeHawaiianOrPacificIslanderIndex = Array.IndexOf(Categories, NativeHawaiianOrPacificIslander);
    private static readonly int WhiteIndex = Array.IndexOf(Categories, White);
    private static readonly int MultiracialIndex = Array.IndexOf(Categories, Multiracial);
    private static readonly int OtherRaceIndex = Array.IndexOf(Categories, OtherRace);
    private static readonly int DeclinedIndex = Array.IndexOf(Categories, Declined);
    private static readonly int UnknownIndex = Array.IndexOf(Categories, Stratifier.Unknown);

    /// <summary>Whether one field (race or ethnicity codings) was reported, declined or is unknown.</summary>
    internal static ReportStatus StatusOf(IReadOnlyList<Coding> codings) => default(Accumulator).Add(codings);

    private static Response Read(PatientFact patient)
    {
        var state = default(Accumulator);
        state.Add(patient.RaceCodes);
        state.Add(patient.EthnicityCodes);
        return state.ToResponse();
    }

    private struct Accumulator
    {
        public RaceEthnicityCategories Categories;
        public bool Mena, WhiteOmb, WhiteDetail, OtherRace, Declined;

        /// <summary>Reads one field's codings; returns whether that field was reported, declined or is unknown.</summary>
        public ReportStatus Add(IReadOnlyList<Coding> codings)
        {
            var status = ReportStatus.Unknown;
            foreach (ref readonly var coding in AsSpan(codings))
            {
                var code = Classify(coding);
                switch (code)
                {
                    case CodeClass.AmericanIndianOrAlaskaNative:
                        Categories |= RaceEthnicityCategories.AmericanIndianOrAlaskaNative;
                        break;
                    case CodeClass.Asian:
                        Categories |= RaceEthnicityCategories.Asian;
                        break;
                    case CodeClass.BlackOrAfricanAmerican:
                        Categories |= RaceEthnicityCategories.BlackOrAfricanAmerican;
                        break;
                    case CodeClass.HispanicOrLatino:
                        Categories |= RaceEthnicityCategories.HispanicOrLatino;
                        break;
                    case CodeClass.NativeHawaiianOrPacificIslander:
                        Categories |= RaceEthnicityCategories.NativeHawaiianOrPacificIslander;
                        break;
                    case CodeClass.MiddleEasternOrNorthAfrican:
                        Mena = true;
                        break;
                    case CodeClass.WhiteOmb:
                        WhiteOmb = true;
                        break;
                    case CodeClass.WhiteDetail:
                        WhiteDetail = true;
                        break;
                    case CodeClass.OtherRace:
                        OtherRace = true;
                        break;
                    case CodeClass.Asked:
                        Declined = true;
                        break;
                    case CodeClass.NotHispanic:
                    case CodeClass.NullFlavor:
                    case CodeClass.Unreadable:
                        break;
                }

                // Any CDC code reports the field, whatever else is there; ASKU alone declines it.
                status = code switch
                {
                    CodeClass.Unreadable or CodeClass.NullFlavor => status,
                    CodeClass.Asked => status == ReportStatus.Reported ? status : ReportStatus.Declined,
                    _ => ReportStatus.Reported,
                };
            }

            return status;
        }

        public readonly Response ToResponse()
        {
            var categories = Categories;
            if (Mena)
            {
                categories |= RaceEthnicityCategories.MiddleEasternOrNorthAfrican;
            }

            // A bare White ombCategory is how US Core carries MENA detail (the code set files MENA under White), so it
            // adds White only when no MENA detail explains it.
            if (WhiteDetail || (WhiteOmb && !Mena))
            {
                categories |= RaceEthnicityCategories.White;
            }

            return new Response(categories, OtherRace, Declined);
        }
    }

    // Patients carry their codings as arrays (or lists); a span reads them without an interface call per element.
    private static ReadOnlySpan<Coding> AsSpan(IReadOnlyList<Coding> codings) => codings switch
    {
        Coding[] array => array,
        List<Coding> list => CollectionsMarshal.AsSpan(list),
        _ => codings.ToArray(),
    };

    private readonly record struct Response(RaceEthnicityCategories Categories, bool OtherRace, bool Declined);

    private enum CodeClass
    {
        Unreadable,
        NullFlavor,
        Asked,
        AmericanIndianOrAlaskaNative,
        Asian,
        BlackOrAfricanAmerican,
        HispanicOrLatino,
        NotHispanic,
        MiddleEasternOrNorthAfrican,
        NativeHawaiianOrPacificIslander,
        WhiteOmb,
        WhiteDetail,
        OtherRace,
    }

    private static CodeClass Classify(in Coding coding)
    {
        var system = coding.System ?? string.Empty;
        var code = (coding.Code ?? string.Empty).AsSpan().Trim();

        // The usual case first: a CDC code (neither branch below applies to a CDC system).
        if (IsCdcSystem(system))
        {
            return TryNumber(code, out var cdc) ? ClassifyCdc(cdc) : CodeClass.Unreadable;
        }

        var nullFlavor = string.Equals(system, NullFlavor, StringComparison.Ordinal);
        if (nullFlavor || system.Length == 0)
        {
            if (code.Equals("ASKU", StringComparison.OrdinalIgnoreCase))
            {
                return CodeClass.Asked;
            }

            if (nullFlavor || code.Equals("UNK", StringComparison.OrdinalIgnoreCase))
            {
                return CodeClass.NullFlavor;
            }
        }
        else if (!IsCdcSystem(system))
        {
            return CodeClass.Unreadable;
        }

        return TryNumber(code, out var n) ? ClassifyCdc(n) : CodeClass.Unreadable;
    }

    private static bool IsCdcSystem(string system) =>
        string.Equals(system, Coding.CdcRaceEthnicity, StringComparison.Ordinal)
        || string.Equals(system, CdcRaceEthnicityLegacy, StringComparison.Ordinal)
        || string.Equals(system, V3Race, StringComparison.Ordinal)
        || string.Equals(system, V3Ethnicity, StringComparison.Ordinal);

    /// <summary>The number of a CDC code <c>NNNN-C</c> (four digits, a hyphen, a check digit).</summary>
    private static bool TryNumber(ReadOnlySpan<char> code, out int number)
    {
        number = 0;
        if (code.Length != 6 || code[4] != '-' || !char.IsAsciiDigit(code[5]))
        {
            return false;
        }

        for (var i = 0; i < 4; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return false;
            }

            number = (number * 10) + (code[i] - '0');
        }

        return true;
    }

    /// <summary>
    /// The code set assigns numbers in blocks by hierarchy (verified against US Core CodeSystem cdcrec 1.0.1,
    /// 966 concepts): 1002-2026 AIAN, 2028-2052 Asian, 2054-2075 Black, 2076-2104 and 2500 NHPI, 2106-2129 White
    /// (with the MENA codes inside), 2131 Other Race, 2135-2184 Hispanic or Latino, 2186 Not Hispanic. 1000-9 (Race)
    /// and 2133-7 (Ethnicity) are abstract groupers and read as nothing.
    /// </summary>
    private static CodeClass ClassifyCdc(int n) => n switch
    {
        >= 1002 and <= 2026 => CodeClass.AmericanIndianOrAlaskaNative,
        >= 2028 and <= 2052 => CodeClass.Asian,
        >= 2054 and <= 2075 => CodeClass.BlackOrAfricanAmerican,
        (>= 2076 and <= 2104) or 2500 => CodeClass.NativeHawaiianOrPacificIslander,
        2106 => CodeClass.WhiteOmb,
        // 2118-8 Middle Eastern or North African; 2119-6 .. 2127-9 its detail (Assyrian, Egyptian, Iranian, Iraqi,
        // Lebanese, Palestinian, Syrian, Afghanistani, Israeli); 2129-5 Arab.
        (>= 2118 and <= 2127) or 2129 => CodeClass.MiddleEasternOrNorthAfrican,
        >= 2107 and <= 2117 => CodeClass.WhiteDetail,
        2131 => CodeClass.OtherRace,
        >= 2135 and <= 2184 => CodeClass.HispanicOrLatino,
        2186 => CodeClass.NotHispanic,
        _ => CodeClass.Unreadable,
    };
}

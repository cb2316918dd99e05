using System.Text.Json;
using RadEquity.Engine.Facts;

namespace RadEquity.Interop.Fhir;

/// <summary>Patient → <see cref="PatientFact"/> (US Core 3.1+/6 extensions).</summary>
internal static class PatientProjection
{
    private const string UsCore = "http://hl7.org/fhir/us/core/StructureDefinition/";
    private const string Race = UsCore + "us-core-race";
    private const string Ethnicity = UsCore + "us-core-ethnicity";
    private const string BirthSex = UsCore + "us-core-birthsex";
    private const string SexExtension = UsCore + "us-core-sex";
    private const string Interpreter = "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired";
    private const string Geolocation = "http://hl7.org/fhir/StructureDefinition/geolocation";

    /// <summary>
    /// The US Core 6 <c>us-core-sex</c> extension (QI-Core 6 <c>Patient.sex</c>, which CMS125 tests against SNOMED
    /// 248152002 "Female"), when present, takes precedence over <c>gender</c>: female 248152002, male 248153007,
    /// indeterminate 32570681000036106; any other code (unknown, declined) leaves <c>gender</c> to decide.
    /// </summary>
    internal static AdministrativeSex? SexFromExtension(string? code) => code switch
    {
        "248152002" => AdministrativeSex.Female,
        "248153007" => AdministrativeSex.Male,
        "32570681000036106" => AdministrativeSex.Other,
        _ => null,
    };

    public static PatientFact Project(string id, JsonElement r)
    {
        var sex = FhirJson.String(r, "gender", "gender") switch
        {
            null or "unknown" => AdministrativeSex.Unknown,
            "female" => AdministrativeSex.Female,
            "male" => AdministrativeSex.Male,
            "other" => AdministrativeSex.Other,
            _ => throw new ProjectionException("gender", "gender must be male, female, other or unknown"),
        };
        var birthDate = FhirJson.Date(r, "birthDate", "birthDate");
        DateOnly? deceased = FhirJson.DateTime(r, "deceasedDateTime", "deceasedDateTime") is { } d
            ? DateOnly.FromDateTime(d.DateTime)
            : null;

        List<Coding>? race = null, ethnicity = null;
        string? birthSex = null, sexCode = null;
        bool? interpreter = null;
        foreach (var ext in FhirJson.Array(r, "extension", "extension"))
        {
            switch (FhirJson.String(ext, "url", "extension.url"))
            {
                case Race:
                    race = OmbCodes(ext, "extension(us-core-race)");
                    break;
                case Ethnicity:
                    ethnicity = OmbCodes(ext, "extension(us-core-ethnicity)");
                    break;
                case BirthSex:
                    birthSex = FhirJson.String(ext, "valueCode", "extension(us-core-birthsex).valueCode");
                    break;
                case SexExtension:
                    sexCode = FhirJson.String(ext, "valueCode", "extension(us-core-sex).valueCode");
                    break;
                case Interpreter:
                    interpreter = FhirJson.Boolean(ext, "valueBoolean", "extension(patient-interpreterRequired).valueBoolean");
                    break;
                default:
                    break;
            }
        }

        sex = SexFromExtension(sexCode) ?? sex;
        var language = PreferredLanguage(r);
        var (postal, state, lat, lon) = HomeAddress(r);
        return new PatientFact(id, birthDate, sex, birthSex, FhirJson.ToList(race), FhirJson.ToList(ethnicity),
            language, interpreter, postal, state, lat, lon, deceased);
    }

    /// <summary>ombCategory and detailed codings (including the null-flavour UNK / ASKU) of a race or
    /// ethnicity extension; the text sub-extension is not a code and is ignored.</summary>
    private static List<Coding> OmbCodes(JsonElement ext, string path)
    {
        var codes = new List<Coding>(2);
        foreach (var sub in FhirJson.Array(ext, "extension", path + ".extension"))
        {
            var url = FhirJson.String(sub, "url", path + ".extension.url");
            if (url is "ombCategory" or "detailed" && FhirJson.Object(sub, "valueCoding", path + "." + url) is { } coding)
            {
                FhirJson.AddCoding(coding, codes, path + "." + url);
            }
        }

        return codes;
    }

    private static string? PreferredLanguage(JsonElement r)
    {
        string? first = null;
        foreach (var comm in FhirJson.Array(r, "communication", "communication"))
        {
            var code = LanguageCode(comm);
            if (code is null)
            {
                continue;
            }

            if (FhirJson.Boolean(comm, "preferred", "communication.preferred") == true)
            {
                return code;
            }

            first ??= code;
        }

        return first;
    }

    private static string? LanguageCode(JsonElement comm)
    {
        if (FhirJson.Object(comm, "language", "communication.language") is not { } language)
        {
            return null;
        }

        foreach (var coding in FhirJson.Array(language, "coding", "communication.language.coding"))
        {
            if (FhirJson.String(coding, "code", "communication.language.coding.code") is { Length: > 0 } code)
            {
                return code;
            }
        }

        return null;
    }

    private static (string? Postal, string? State, double? Lat, double? Lon) HomeAddress(JsonElement r)
    {
        JsonElement? chosen = null;
        foreach (var address in FhirJson.Array(r, "address", "address"))
        {
            var use = FhirJson.String(address, "use", "address.use");
            if (use == "home")
            {
                chosen = address;
                break;
            }

            if (chosen is null && use is not ("old" or "billing" or "temp"))
            {
                chosen = address;
            }
        }

        if (chosen is not { } a)
        {
            return (null, null, null, null);
        }

        var (lat, lon) = GeoLocation(a, "address.extension(geolocation)");
        return (NormalisePostalCode(FhirJson.String(a, "postalCode", "address.postalCode")),
            FhirJson.String(a, "state", "address.state"), lat, lon);
    }

    /// <summary>The FHIR geolocation extension on an element (an Address).</summary>
    internal static (double? Lat, double? Lon) GeoLocation(JsonElement element, string path)
    {
        foreach (var ext in FhirJson.Array(element, "extension", path))
        {
            if (FhirJson.String(ext, "url", path + ".url") != Geolocation)
            {
                continue;
            }

            double? lat = null, lon = null;
            foreach (var sub in FhirJson.Array(ext, "extension", path + ".extension"))
            {
                switch (FhirJson.String(sub, "url", path + ".extension.url"))
                {
                    case "latitude":
                        lat = FhirJson.Double(sub, "valueDecimal", path + ".latitude");
                        break;
                    case "longitude":
                        lon = FhirJson.Double(sub, "valueDecimal", path + ".longitude");
                        break;
                    default:
                        break;
                }
            }

            return (lat, lon);
        }

        return (null, null);
    }

    /// <summary>US ZIP and ZIP+4 (with or without the dash) become the five-digit ZIP; other codes are kept.</summary>
    internal static string? NormalisePostalCode(string? postal)
    {
        if (string.IsNullOrWhiteSpace(postal))
        {
            return null;
        }

        postal = postal.Trim();
        if (postal.Length is 9 or 10 && AllDigits(postal.AsSpan(0, 5)) &&
            (postal.Length == 9 ? AllDigits(postal.AsSpan(5)) : postal[5] == '-' && AllDigits(postal.AsSpan(6))))
        {
            return postal[..5];
        }

        return postal;
    }

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Globalization;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;
using RadEquity.Interop.Fhir;

namespace RadEquity.Interop.Csv;

/// <summary>CSV rows → facts, one method per file kind (columns in docs/csv-format.md).</summary>
internal static class CsvRows
{
    private const string NullFlavor = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";

    private static readonly Dictionary<string, string> OmbCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["American Indian or Alaska Native"] = "1002-5",
        ["Asian"] = "2028-9",
        ["Black or African American"] = "2054-5",
        ["Black"] = "2054-5",
        ["Native Hawaiian or Other Pacific Islander"] = "2076-8",
        ["White"] = "2106-3",
        ["Middle Eastern or North African"] = "2118-8",
        ["Other Race"] = "2131-1",
        ["Hispanic or Latino"] = "2135-2",
        ["Hispanic"] = "2135-2",
        ["Not Hispanic or Latino"] = "2186-5",
        ["Non-Hispanic"] = "2186-5",
    };

    private static readonly Dictionary<string, string> Systems = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CPT"] = Coding.Cpt,
        ["HCPCS"] = Coding.Hcpcs,
        ["LOINC"] = Coding.Loinc,
        ["SNOMED"] = Coding.Snomed,
        ["SNOMEDCT"] = Coding.Snomed,
        ["SNOMED CT"] = Coding.Snomed,
        ["ICD10"] = Coding.Icd10Cm,
        ["ICD-10-CM"] = Coding.Icd10Cm,
        ["SOPT"] = Coding.PaymentTypology,
    };

    public static string[] RequiredColumns(CsvFileKind kind) => kind switch
    {
        CsvFileKind.Patients => ["patient_id"],
        CsvFileKind.Coverage => ["coverage_id", "patient_id"],
        CsvFileKind.Exams => ["exam_id", "patient_id", "code"],
        CsvFileKind.Appointments => ["appointment_id", "patient_id", "status"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string ResourceType(CsvFileKind kind) => kind switch
    {
        CsvFileKind.Patients => "Patient",
        CsvFileKind.Coverage => "Coverage",
        CsvFileKind.Exams => "Procedure",
        CsvFileKind.Appointments => "Appointment",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static IEnumerable<IngestItem> Project(CsvFileKind kind, CsvRow row, RecordLocation location, byte[] raw, ResourceProjector projector)
    {
        var type = ResourceType(kind);
        var idColumn = RequiredColumns(kind)[0];
        var id = row.Get(idColumn);
        if (id is null)
        {
            yield return projector.Quarantine(location, row.Field(idColumn), type, null, row.Field(idColumn) + " is empty", raw);
            yield break;
        }

        var items = new List<IngestItem>(2);
        try
        {
            switch (kind)
            {
                case CsvFileKind.Patients:
                    items.Add(Resource(projector, location, type, id, raw, Patient(id, row)));
                    break;
                case CsvFileKind.Coverage:
                    items.Add(Resource(projector, location, type, id, raw, Coverage(row)));
                    break;
                case CsvFileKind.Exams:
                    var (procedure, observation) = Exam(id, row);
                    items.Add(Resource(projector, location, type, id, raw, procedure));
                    if (observation is not null)
                    {
                        items.Add(Resource(projector, location, "Observation", id + "-result", raw, observation));
                    }

                    break;
                case CsvFileKind.Appointments:
                    items.Add(Resource(projector, location, type, id, raw, Appointment(row)));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind));
            }
        }
        catch (ProjectionException e)
        {
            items.Clear();
            items.Add(projector.Quarantine(location, e.Field, type, id, e.Message, raw));
        }

        foreach (var item in items)
        {
            yield return item;
        }
    }

    private static ProjectedResource Resource(ResourceProjector projector, RecordLocation location, string type, string id, byte[] raw, Fact fact) =>
        new(location, new ResourceKey(projector.Source, type, id), null, null, raw, fact);

    private static PatientFact Patient(string id, CsvRow row)
    {
        var sex = row.Get("sex")?.ToUpperInvariant() switch
        {
            null or "U" or "UNKNOWN" => AdministrativeSex.Unknown,
            "F" or "FEMALE" => AdministrativeSex.Female,
            "M" or "MALE" => AdministrativeSex.Male,
            "O" or "OTHER" or "X" => AdministrativeSex.Other,
            _ => throw new ProjectionException(row.Field("sex"), row.Field("sex") + " must be female, male, other or unknown (or map it)"),
        };
        return new PatientFact(id, Date(row, "birth_date"), sex, row.Get("birth_sex"), RaceCodes(row, "race"),
            RaceCodes(row, "ethnicity"), row.Get("language"), Bool(row, "interpreter_needed"),
            PatientProjection.NormalisePostalCode(row.Get("postal_code")), row.Get("state"),
            Number(row, "latitude"), Number(row, "longitude"), Date(row, "deceased_date"));
    }

    private static CoverageFact Coverage(CsvRow row)
    {
        var patient = row.Require("patient_id");
        var codes = new List<Coding>(1);
        var sopt = row.Get("sopt_code");
        if (sopt is not null)
        {
            codes.Add(new Coding(Coding.PaymentTypology, sopt));
        }

        var payer = row.Get("payer_name");
        var text = row.Get("payer_category");
        var category = sopt is not null ? PayerCategories.FromSopt(sopt) : PayerCategory.Unknown;
        if (category == PayerCategory.Unknown && text is not null)
        {
            category = Enum.TryParse<PayerCategory>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : PayerCategories.FromText(text);
        }

        if (category == PayerCategory.Unknown)
        {
            category = PayerCategories.FromText(payer);
        }

        return new CoverageFact(patient, category, codes, row.Get("status"), Date(row, "start_date"), Date(row, "end_date"), payer);
    }

    private static (ClinicalEvent Procedure, ClinicalEvent? Observation) Exam(string id, CsvRow row)
    {
        var patient = row.Require("patient_id");
        Coding[] codes = [new Coding(SystemUri(row.Get("code_system")), row.Require("code"))];
        var date = DateTime(row, "exam_date");
        var body = new List<Coding>(1);
        if (row.Get("laterality") is { } side)
        {
            body.Add(side.ToUpperInvariant() switch
            {
                "L" or "LEFT" => new Coding(Coding.Snomed, "7771000"),
                "R" or "RIGHT" => new Coding(Coding.Snomed, "24028007"),
                "B" or "BOTH" or "BILATERAL" => new Coding(Coding.Snomed, "51440002"),
                _ => throw new ProjectionException(row.Field("laterality"), row.Field("laterality") + " must be left, right or bilateral"),
            });
        }

        var status = row.Get("status") ?? "completed";
        var location = row.Get("location_id");
        var procedure = new ClinicalEvent(patient, EventKind.Procedure, codes, [], status, date, date, [], null, null, body, location, null);
        if (row.Get("result_code") is not { } result)
        {
            return (procedure, null);
        }

        IReadOnlyList<Coding> observationCode = row.Get("result_type_code") is { } typeCode
            ? [new Coding(SystemUri(row.Get("result_type_system")), typeCode)]
            : codes;
        var observation = new ClinicalEvent(patient, EventKind.Observation, observationCode, [], "final", date, date,
            [new Coding(SystemUri(row.Get("result_system")), result)], null, null, body, location, id);
        return (procedure, observation);
    }

    private static AppointmentFact Appointment(CsvRow row)
    {
        var codes = new List<Coding>(1);
        if (row.Get("service_code") is { } service)
        {
            codes.Add(new Coding(SystemUri(row.Get("service_system")), service));
        }

        return new AppointmentFact(row.Require("patient_id"), row.Require("status").ToLowerInvariant(), codes,
            DateTime(row, "start"), DateTime(row, "end"), DateTime(row, "created"), row.Get("location_id"));
    }

    private static string SystemUri(string? alias) =>
        alias is null ? string.Empty : Systems.TryGetValue(alias, out var uri) ? uri : alias;

    private static Coding[] RaceCodes(CsvRow row, string column)
    {
        if (row.Get(column) is not { } value)
        {
            return [];
        }

        var tokens = value.Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var codes = new Coding[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = row.Translate(column, tokens[i]);
            codes[i] = token.ToUpperInvariant() switch
            {
                "UNK" or "UNKNOWN" => new Coding(NullFlavor, "UNK"),
                "ASKU" or "DECLINED" or "ASKED BUT UNKNOWN" => new Coding(NullFlavor, "ASKU"),
                _ when token.Length == 6 && token[4] == '-' => new Coding(Coding.CdcRaceEthnicity, token),
                _ when OmbCodes.TryGetValue(token, out var code) => new Coding(Coding.CdcRaceEthnicity, code),
                _ => throw new ProjectionException(row.Field(column),
                    row.Field(column) + " has a value that is neither a CDC code nor an OMB category name (map it in the CSV mapping)"),
            };
        }

        return codes;
    }

    private static bool? Bool(CsvRow row, string column) => row.Get(column)?.ToUpperInvariant() switch
    {
        null => null,
        "Y" or "YES" or "TRUE" or "1" => true,
        "N" or "NO" or "FALSE" or "0" => false,
        _ => throw new ProjectionException(row.Field(column), row.Field(column) + " must be yes or no"),
    };

    private static double? Number(CsvRow row, string column)
    {
        var value = row.Get(column);
        if (value is null)
        {
            return null;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new ProjectionException(row.Field(column), row.Field(column) + " is not a number");
    }

    private static DateOnly? Date(CsvRow row, string column) =>
        DateTime(row, column) is { } value ? DateOnly.FromDateTime(value.DateTime) : null;

    private static DateTimeOffset? DateTime(CsvRow row, string column)
    {
        var value = row.Get(column);
        if (value is null)
        {
            return null;
        }

        if (FhirDates.TryParse(value, out var parsed))
        {
            return parsed;
        }

        foreach (var format in row.DateFormats)
        {
            if (System.DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
            {
                return new DateTimeOffset(d, TimeSpan.Zero);
            }
        }

        throw new ProjectionException(row.Field(column), row.Field(column) + " is not a valid date (or not in a mapped date format)");
    }
}

using System.Globalization;

namespace RadEquity.Interop.Synthetic;

internal enum ImagingKind
{
    ScreeningMammogram,
    DiagnosticMammogram,
    LowDoseCt,
    ChestCt,
    CtColonography,
}

/// <summary>What an imaging exam reports: a BI-RADS category (0-6), a Lung-RADS index (0-5), or nothing.</summary>
internal readonly record struct Assessment(bool IsBiRads, int Category)
{
    public static readonly Assessment None = new(false, -1);
}

internal sealed partial class FhirResources
{
    /// <summary>The code an exam is booked and reported under (Appointment.serviceType, DiagnosticReport.code).</summary>
    public static (string System, string Code) ExamCode(ImagingKind kind) => kind switch
    {
        ImagingKind.ScreeningMammogram => (Codes.Loinc, Codes.MammoScreeningBilateral),
        ImagingKind.DiagnosticMammogram => (Codes.Loinc, Codes.MammoDiagnosticBilateral),
        ImagingKind.LowDoseCt => (Codes.Cpt, Codes.LowDoseCtCpt),
        ImagingKind.ChestCt => (Codes.Cpt, Codes.ChestCtCpt),
        ImagingKind.CtColonography => (Codes.Loinc, Codes.CtColonographyLoinc),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// An imaging exam: Procedure (what was done), ImagingStudy (the images), DiagnosticReport (the read) and,
    /// when assessed, an Observation with the BI-RADS or Lung-RADS category that the report's result points to.
    /// </summary>
    public string WriteImagingExam(SyntheticPatient p, ImagingKind kind, DateTime at, string siteId, Assessment assessment)
    {
        var j = X.Json;
        var code = ExamCode(kind);
        var modality = kind is ImagingKind.ScreeningMammogram or ImagingKind.DiagnosticMammogram ? "MG" : "CT";
        var subject = "Patient/" + p.Id;

        var procedureId = NextId(p);
        X.Begin("Procedure", procedureId);
        j.WriteString("status", "completed");
        X.Concept("code", code.System, code.Code);
        X.Reference("subject", subject);
        X.DateTime("performedDateTime", at);
        X.Reference("location", "Location/" + siteId);
        X.End();

        var studyId = NextId(p);
        X.Begin("ImagingStudy", studyId);
        j.WriteString("status", "available");
        j.WriteStartArray("modality");
        X.Coding(Codes.Dicom, modality);
        j.WriteEndArray();
        X.Reference("subject", subject);
        X.DateTime("started", at);
        j.WriteNumber("numberOfSeries", 1);
        j.WriteNumber("numberOfInstances", modality == "MG" ? 4 : 300);
        X.Reference("procedureReference", "Procedure/" + procedureId);
        X.ConceptArray("procedureCode", code.System, code.Code);
        X.Reference("location", "Location/" + siteId);
        j.WriteStartArray("series");
        j.WriteStartObject();
        j.WriteString("uid", "2.25." + (((ulong)p.Index + 1) * 1000UL + (ulong)_counter).ToString(CultureInfo.InvariantCulture));
        j.WriteNumber("number", 1);
        j.WriteStartObject("modality");
        j.WriteString("system", Codes.Dicom);
        j.WriteString("code", modality);
        j.WriteEndObject();
        j.WriteNumber("numberOfInstances", modality == "MG" ? 4 : 300);
        j.WriteEndObject();
        j.WriteEndArray();
        X.End();

        string? observationId = null;
        (string System, string Code) value = (string.Empty, string.Empty);
        if (assessment.Category >= 0)
        {
            observationId = NextId(p);
            value = assessment.IsBiRads
                ? (Codes.Snomed, Codes.BiRads[assessment.Category])
                : (Codes.LungRadsCategory, Codes.LungRads[assessment.Category]);
            X.Begin("Observation", observationId);
            j.WriteString("status", "final");
            X.ConceptArray("category", Codes.ObservationCategory, "imaging");
            X.Concept("code", Codes.Snomed, assessment.IsBiRads ? Codes.BiRadsObservable : Codes.LungRadsObservable);
            X.Reference("subject", subject);
            X.DateTime("effectiveDateTime", at);
            X.Concept("valueCodeableConcept", value.System, value.Code);
            j.WriteStartArray("partOf");
            j.WriteStartObject();
            j.WriteString("reference", "ImagingStudy/" + studyId);
            j.WriteEndObject();
            j.WriteEndArray();
            X.End();
        }

        X.Begin("DiagnosticReport", NextId(p));
        j.WriteString("status", "final");
        X.ConceptArray("category", Codes.DiagnosticServiceSection, "RAD");
        X.Concept("code", code.System, code.Code);
        X.Reference("subject", subject);
        X.DateTime("effectiveDateTime", at);
        X.DateTime("issued", at.AddDays(1));
        if (observationId is not null)
        {
            j.WriteStartArray("result");
            j.WriteStartObject();
            j.WriteString("reference", "Observation/" + observationId);
            j.WriteEndObject();
            j.WriteEndArray();
        }

        j.WriteStartArray("imagingStudy");
        j.WriteStartObject();
        j.WriteString("reference", "ImagingStudy/" + studyId);
        j.WriteEndObject();
        j.WriteEndArray();
        if (observationId is not null)
        {
            j.WriteStartArray("conclusionCode");
            j.WriteStartObject();
            j.WriteStartArray("coding");
            X.Coding(value.System, value.Code);
            j.WriteEndArray();
            j.WriteEndObject();
            j.WriteEndArray();
        }

        X.End();
        return procedureId;
    }

    public void WriteProcedure(SyntheticPatient p, ReadOnlySpan<(string System, string Code)> code, DateTime at, string? siteId)
    {
        var j = X.Json;
        X.Begin("Procedure", NextId(p));
        j.WriteString("status", "completed");
        X.Concept("code", code);
        X.Reference("subject", "Patient/" + p.Id);
        X.DateTime("performedDateTime", at);
        if (siteId is not null)
        {
            X.Reference("location", "Location/" + siteId);
        }

        X.End();
    }

    /// <summary>A stool test result (FIT/FOBT or sDNA-FIT): laboratory Observation with a coded result.</summary>
    public void WriteStoolTest(SyntheticPatient p, string loinc, DateTime at, bool positive)
    {
        var j = X.Json;
        X.Begin("Observation", NextId(p));
        j.WriteString("status", "final");
        X.ConceptArray("category", Codes.ObservationCategory, "laboratory");
        X.Concept("code", Codes.Loinc, loinc);
        X.Reference("subject", "Patient/" + p.Id);
        X.DateTime("effectiveDateTime", at);
        X.Concept("valueCodeableConcept", Codes.Snomed, positive ? Codes.Positive : Codes.Negative);
        X.End();
    }

    /// <summary>Smoking status (72166-2), and for ever-smokers pack-years (8664-5 / SNOMED 401201003) and, for
    /// former smokers, the quit date (74010-0, valueDateTime and effectiveDateTime both the quit date).</summary>
    public void WriteSmoking(SyntheticPatient p, DateTime recorded)
    {
        var j = X.Json;
        var subject = "Patient/" + p.Id;
        var answer = p.Smoking switch
        {
            SmokingStatus.Current => Codes.CurrentEveryDay,
            SmokingStatus.Former => Codes.FormerSmoker,
            SmokingStatus.Never => Codes.NeverSmoker,
            _ => Codes.UnknownIfEverSmoked,
        };
        X.Begin("Observation", NextId(p));
        j.WriteString("status", "final");
        X.ConceptArray("category", Codes.ObservationCategory, "social-history");
        X.Concept("code", Codes.Loinc, Codes.SmokingStatus);
        X.Reference("subject", subject);
        X.DateTime("effectiveDateTime", recorded);
        X.Concept("valueCodeableConcept", Codes.Snomed, answer);
        X.End();
        if (p.Smoking is not (SmokingStatus.Current or SmokingStatus.Former))
        {
            return;
        }

        X.Begin("Observation", NextId(p));
        j.WriteString("status", "final");
        X.ConceptArray("category", Codes.ObservationCategory, "social-history");
        X.Concept("code", [(Codes.Loinc, Codes.PackYearsLoinc), (Codes.Snomed, Codes.PackYearsSnomed)]);
        X.Reference("subject", subject);
        X.DateTime("effectiveDateTime", recorded);
        j.WriteStartObject("valueQuantity");
        j.WriteNumber("value", p.PackYears);
        j.WriteString("unit", "pack-years");
        j.WriteString("system", Codes.Ucum);
        j.WriteString("code", "{pack-years}");
        j.WriteEndObject();
        X.End();
        if (p.QuitDate is not { } quit)
        {
            return;
        }

        X.Begin("Observation", NextId(p));
        j.WriteString("status", "final");
        X.ConceptArray("category", Codes.ObservationCategory, "social-history");
        X.Concept("code", Codes.Loinc, Codes.QuitDateLoinc);
        X.Reference("subject", subject);
        X.Date("effectiveDateTime", quit);
        X.Date("valueDateTime", quit);
        X.End();
    }
}

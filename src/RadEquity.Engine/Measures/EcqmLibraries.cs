using RadEquity.Engine.Terminology;
using static RadEquity.Engine.Measures.Criteria;

namespace RadEquity.Engine.Measures;

/// <summary>
/// The shared eCQM libraries both screening measures include, natively: AdultOutpatientEncounters 4.19.000,
/// Hospice 6.18.000, PalliativeCare 1.18.000 and AdvancedIllnessandFrailty 1.27.000 (QI-Core 6.0.0).
/// </summary>
internal sealed class EcqmLibraries
{
    private readonly ValueSetMask _qualifyingEncounter;
    private readonly ValueSetMask _encounterInpatient;
    private readonly ValueSetMask _hospiceDischarge;
    private readonly ValueSetMask _hospiceEncounter;
    private readonly ValueSetMask _hospiceAssessment;
    private readonly ValueSetMask _yes;
    private readonly ValueSetMask _hospiceAmbulatory;
    private readonly ValueSetMask _hospiceDiagnosis;
    private readonly ValueSetMask _palliativeAssessment;
    private readonly ValueSetMask _palliativeDiagnosis;
    private readonly ValueSetMask _palliativeEncounter;
    private readonly ValueSetMask _palliativeIntervention;
    private readonly ValueSetMask _frailtyDevice;
    private readonly ValueSetMask _equipmentUsed;
    private readonly ValueSetMask _frailtyDiagnosis;
    private readonly ValueSetMask _frailtyEncounter;
    private readonly ValueSetMask _frailtySymptom;
    private readonly ValueSetMask _advancedIllness;
    private readonly ValueSetMask _dementiaMedication;
    private readonly ValueSetMask _housingStatus;
    private readonly ValueSetMask _nursingHome;

    // Every value set of one exclusion: a patient with no event in any of them is answered at once when no evidence
    // is kept (with evidence, each criterion still logs its absence).
    private readonly ValueSetMask _anyHospice;
    private readonly ValueSetMask _anyPalliative;
    private readonly ValueSetMask _anyFrailty;

    public EcqmLibraries(CodeIndex codes)
    {
        _qualifyingEncounter = codes.MaskOf(ValueSetUrls.OfficeVisit, ValueSetUrls.AnnualWellnessVisit,
            ValueSetUrls.PreventiveCareEstablished, ValueSetUrls.PreventiveCareInitial, ValueSetUrls.HomeHealthcareServices,
            ValueSetUrls.VirtualEncounter, ValueSetUrls.TelephoneVisits);
        _encounterInpatient = codes.MaskOf(ValueSetUrls.EncounterInpatient);
        _hospiceDischarge = codes.MaskOf(DirectCodes.HospiceDischarge);
        _hospiceEncounter = codes.MaskOf(ValueSetUrls.HospiceEncounter);
        _hospiceAssessment = codes.MaskOf(DirectCodes.HospiceCareAssessment);
        _yes = codes.MaskOf(DirectCodes.Yes);
        _hospiceAmbulatory = codes.MaskOf(ValueSetUrls.HospiceCareAmbulatory);
        _hospiceDiagnosis = codes.MaskOf(ValueSetUrls.HospiceDiagnosis);
        _palliativeAssessment = codes.MaskOf(DirectCodes.PalliativeCareAssessment);
        _palliativeDiagnosis = codes.MaskOf(ValueSetUrls.PalliativeCareDiagnosis);
        _palliativeEncounter = codes.MaskOf(ValueSetUrls.PalliativeCareEncounter);
        _palliativeIntervention = codes.MaskOf(ValueSetUrls.PalliativeCareIntervention);
        _frailtyDevice = codes.MaskOf(ValueSetUrls.FrailtyDevice);
        _equipmentUsed = codes.MaskOf(DirectCodes.MedicalEquipmentUsed);
        _frailtyDiagnosis = codes.MaskOf(ValueSetUrls.FrailtyDiagnosis);
        _frailtyEncounter = codes.MaskOf(ValueSetUrls.FrailtyEncounter);
        _frailtySymptom = codes.MaskOf(ValueSetUrls.FrailtySymptom);
        _advancedIllness = codes.MaskOf(ValueSetUrls.AdvancedIllness);
        _dementiaMedication = codes.MaskOf(ValueSetUrls.DementiaMedications);
        _housingStatus = codes.MaskOf(DirectCodes.HousingStatus);
        _nursingHome = codes.MaskOf(DirectCodes.LivesInNursingHome);
        _anyHospice = _encounterInpatient | _hospiceEncounter | _hospiceAssessment | _hospiceAmbulatory | _hospiceDiagnosis;
        _anyPalliative = _palliativeAssessment | _palliativeDiagnosis | _palliativeEncounter | _palliativeIntervention;
        _anyFrailty = _frailtyDevice | _equipmentUsed | _frailtyDiagnosis | _frailtyEncounter | _frailtySymptom;
    }

    /// <summary>AdultOutpatientEncounters "Qualifying Encounters": a finished encounter of the seven visit value sets
    /// whose period lies within the measurement period.</summary>
    public bool HasQualifyingEncounter(PatientRecord p, MeasurementPeriod mp, List<Evidence>? log) =>
        Exists(p, _qualifyingEncounter, mp, static (e, mp) =>
            !IsEncounterPerformed(e) ? "encounter status is not finished"
            : !LiesWithin(e, mp.Start, mp.End) ? "encounter period is not within the measurement period"
            : null, log, "Initial population: qualifying outpatient encounter");

    /// <summary>Hospice "Has Hospice Services".</summary>
    public bool HasHospiceServices(PatientRecord p, MeasurementPeriod mp, List<Evidence>? log)
    {
        const string Criterion = "Exclusion: hospice services";
        if (log is null && !p.CodeUnion.Overlaps(_anyHospice))
        {
            return false;
        }

        if (Exists(p, _encounterInpatient, (this, mp), static (e, s) =>
                !IsEncounterPerformed(e) ? "encounter status is not finished"
                : !e.Values.Overlaps(s.Item1._hospiceDischarge) ? "discharge disposition is not to hospice care"
                : !EndsWithin(e, s.mp.Start, s.mp.End) ? "encounter does not end in the measurement period"
                : null, log, Criterion + " (inpatient discharge to hospice)"))
        {
            return true;
        }

        if (Exists(p, _hospiceEncounter, mp, static (e, mp) =>
                !IsEncounterPerformed(e) ? "encounter status is not finished"
                : !Overlaps(e, mp.Start, mp.End) ? "encounter does not overlap the measurement period"
                : null, log, Criterion + " (hospice encounter)"))
        {
            return true;
        }

        if (Exists(p, _hospiceAssessment, (this, mp), static (e, s) =>
                !IsFinalObservation(e) ? "assessment status is not final/amended/corrected"
                : !e.Values.Overlaps(s.Item1._yes) ? "answer is not 'Yes'"
                : !Overlaps(e, s.mp.Start, s.mp.End) ? "assessment does not overlap the measurement period"
                : null, log, Criterion + " (hospice care assessment)"))
        {
            return true;
        }

        if (Exists(p, _hospiceAmbulatory, mp, static (e, mp) =>
                !IsProcedurePerformed(e) ? "not a completed procedure"
                : !Overlaps(e, mp.Start, mp.End) ? "procedure does not overlap the measurement period"
                : null, log, Criterion + " (hospice care procedure)"))
        {
            return true;
        }

        return Exists(p, _hospiceDiagnosis, mp, static (e, mp) =>
                !IsVerifiedCondition(e) ? "not a verified condition"
                : !PrevalenceOverlaps(e, mp.Start, mp.End) ? "condition is not prevalent during the measurement period"
                : null, log, Criterion + " (hospice diagnosis)");
    }

    /// <summary>PalliativeCare "Has Palliative Care in the Measurement Period".</summary>
    public bool HasPalliativeCare(PatientRecord p, MeasurementPeriod mp, List<Evidence>? log)
    {
        const string Criterion = "Exclusion: palliative care";
        if (log is null && !p.CodeUnion.Overlaps(_anyPalliative))
        {
            return false;
        }

        return Exists(p, _palliativeAssessment, mp, static (e, mp) =>
                   !IsFinalObservation(e) ? "assessment status is not final/amended/corrected"
                   : !Overlaps(e, mp.Start, mp.End) ? "assessment does not overlap the measurement period"
                   : null, log, Criterion + " (FACIT-Pal assessment)")
               || Exists(p, _palliativeDiagnosis, mp, static (e, mp) =>
                   !IsVerifiedCondition(e) ? "not a verified condition"
                   : !PrevalenceOverlaps(e, mp.Start, mp.End) ? "condition is not prevalent during the measurement period"
                   : null, log, Criterion + " (diagnosis)")
               || Exists(p, _palliativeEncounter, mp, static (e, mp) =>
                   !IsEncounterPerformed(e) ? "encounter status is not finished"
                   : !Overlaps(e, mp.Start, mp.End) ? "encounter does not overlap the measurement period"
                   : null, log, Criterion + " (encounter)")
               || Exists(p, _palliativeIntervention, mp, static (e, mp) =>
                   !IsProcedurePerformed(e) ? "not a completed procedure"
                   : !Overlaps(e, mp.Start, mp.End) ? "procedure does not overlap the measurement period"
                   : null, log, Criterion + " (intervention)");
    }

    /// <summary>AdvancedIllnessandFrailty "Is Age 66 or Older with Advanced Illness and Frailty".</summary>
    public bool IsFrailWithAdvancedIllness(PatientRecord p, MeasurementPeriod mp, List<Evidence>? log)
    {
        if (p.AgeAt(mp.End) is not >= 66)
        {
            log?.Add(new Evidence("Exclusion: frailty with advanced illness", EvidenceRole.Absent, null, mp.End,
                "does not apply: under 66 at the end of the period"));
            return false;
        }

        if (!HasFrailty(p, mp, log))
        {
            return false;
        }

        var from = mp.Start.AddYears(-1);
        return Exists(p, _advancedIllness, (from, mp.End), static (e, w) =>
                   !IsVerifiedCondition(e) ? "not a verified condition"
                   : Prevalence(e).Start is not { } s || s < w.from || s > w.End
                       ? "condition does not start in the year before or during the measurement period"
                   : null, log, "Exclusion: advanced illness")
               || Exists(p, _dementiaMedication, (from, mp.End), static (e, w) =>
                   !IsMedicationActive(e) ? "medication request is not active"
                   : !Overlaps(e, w.from, w.End) ? "medication period does not overlap the year before or the measurement period"
                   : null, log, "Exclusion: dementia medication");
    }

    private bool HasFrailty(PatientRecord p, MeasurementPeriod mp, List<Evidence>? log)
    {
        const string Criterion = "Exclusion: frailty";
        if (log is null && !p.CodeUnion.Overlaps(_anyFrailty))
        {
            return false;
        }

        return Exists(p, _frailtyDevice, mp, static (e, mp) =>
                   !IsDeviceOrdered(e) ? "not an active or completed device order"
                   : !LiesWithin(e, mp.Start, mp.End) ? "device order is not in the measurement period"
                   : null, log, Criterion + " (device order)")
               || Exists(p, _equipmentUsed, (this, mp), static (e, s) =>
                   !IsFinalObservation(e) ? "assessment status is not final/amended/corrected"
                   : !e.Values.Overlaps(s.Item1._frailtyDevice) ? "equipment is not a frailty device"
                   : !EndsWithin(e, s.mp.Start, s.mp.End) ? "assessment does not end in the measurement period"
                   : null, log, Criterion + " (medical equipment used)")
               || Exists(p, _frailtyDiagnosis, mp, static (e, mp) =>
                   !IsVerifiedCondition(e) ? "not a verified condition"
                   : !PrevalenceOverlaps(e, mp.Start, mp.End) ? "condition is not prevalent during the measurement period"
                   : null, log, Criterion + " (diagnosis)")
               || Exists(p, _frailtyEncounter, mp, static (e, mp) =>
                   !IsEncounterPerformed(e) ? "encounter status is not finished"
                   : !Overlaps(e, mp.Start, mp.End) ? "encounter does not overlap the measurement period"
                   : null, log, Criterion + " (encounter)")
               || Exists(p, _frailtySymptom, mp, static (e, mp) =>
                   !IsSymptom(e) ? "symptom status is not preliminary/final/amended/corrected"
                   : !Overlaps(e, mp.Start, mp.End) ? "symptom does not overlap the measurement period"
                   : null, log, Criterion + " (symptom)");
    }

    /// <summary>AdvancedIllnessandFrailty "Is Age 66 or Older Living Long Term in a Nursing Home": the last housing
    /// status assessment on or before the end of the period says "lives in nursing home".</summary>
    public bool LivesInNursingHome(PatientRecord p, MeasurementPeriod mp, List<Evidence>? log)
    {
        if (p.AgeAt(mp.End) is not >= 66)
        {
            log?.Add(new Evidence("Exclusion: long-term nursing home", EvidenceRole.Absent, null, mp.End,
                "does not apply: under 66 at the end of the period"));
            return false;
        }

        var last = Find(p, _housingStatus, mp, static (e, mp) =>
            !IsFinalObservation(e) ? "assessment status is not final/amended/corrected"
            : e.EndDay is not { } d || d > mp.End ? "assessment is after the measurement period"
            : null, log, "Exclusion: long-term nursing home (last housing status)");
        return last is not null && last.Values.Overlaps(_nursingHome);
    }

    /// <summary>Hospice, frailty with advanced illness, nursing home and palliative care: the exclusions both
    /// screening eCQMs share, in CQL order.</summary>
    public bool HasSharedExclusion(PatientRecord p, MeasurementPeriod mp, List<Evidence>? log) =>
        HasHospiceServices(p, mp, log)
        || IsFrailWithAdvancedIllness(p, mp, log)
        || LivesInNursingHome(p, mp, log)
        || HasPalliativeCare(p, mp, log);
}

namespace RadEquity.Engine.Terminology;

/// <summary>
/// Canonical URLs of the value sets the measures use. The <c>cts.nlm.nih.gov</c> ones are the VSAC value sets named by
/// the CMS125 and CMS130 FHIR eCQMs (v0.4.000, 2026 performance period) and their included libraries (Hospice 6.18,
/// PalliativeCare 1.18, AdvancedIllnessandFrailty 1.27, AdultOutpatientEncounters 4.19). The <c>radequity.org</c> ones
/// are RadEquity's own, for the measures that have no eCQM (lung screening, BI-RADS and Lung-RADS follow-up).
/// </summary>
public static class ValueSetUrls
{
    private const string Vsac = "http://cts.nlm.nih.gov/fhir/ValueSet/";
    private const string Local = "https://radequity.org/fhir/ValueSet/";

    // AdultOutpatientEncounters 4.19.000: "Qualifying Encounters".

    /// <summary>Office Visit.</summary>
    public const string OfficeVisit = Vsac + "2.16.840.1.113883.3.464.1003.101.12.1001";
    /// <summary>Annual Wellness Visit.</summary>
    public const string AnnualWellnessVisit = Vsac + "2.16.840.1.113883.3.526.3.1240";
    /// <summary>Preventive Care Services Established Office Visit, 18 and Up.</summary>
    public const string PreventiveCareEstablished = Vsac + "2.16.840.1.113883.3.464.1003.101.12.1025";
    /// <summary>Preventive Care Services Initial Office Visit, 18 and Up.</summary>
    public const string PreventiveCareInitial = Vsac + "2.16.840.1.113883.3.464.1003.101.12.1023";
    /// <summary>Home Healthcare Services.</summary>
    public const string HomeHealthcareServices = Vsac + "2.16.840.1.113883.3.464.1003.101.12.1016";
    /// <summary>Virtual Encounter.</summary>
    public const string VirtualEncounter = Vsac + "2.16.840.1.113883.3.464.1003.101.12.1089";
    /// <summary>Telephone Visits.</summary>
    public const string TelephoneVisits = Vsac + "2.16.840.1.113883.3.464.1003.101.12.1080";

    // Hospice 6.18.000.

    /// <summary>Encounter Inpatient.</summary>
    public const string EncounterInpatient = Vsac + "2.16.840.1.113883.3.666.5.307";
    /// <summary>Hospice Care Ambulatory.</summary>
    public const string HospiceCareAmbulatory = Vsac + "2.16.840.1.113883.3.526.3.1584";
    /// <summary>Hospice Encounter.</summary>
    public const string HospiceEncounter = Vsac + "2.16.840.1.113883.3.464.1003.1003";
    /// <summary>Hospice Diagnosis.</summary>
    public const string HospiceDiagnosis = Vsac + "2.16.840.1.113883.3.464.1003.1165";

    // PalliativeCare 1.18.000.

    /// <summary>Palliative Care Encounter.</summary>
    public const string PalliativeCareEncounter = Vsac + "2.16.840.1.113883.3.464.1003.101.12.1090";
    /// <summary>Palliative Care Intervention.</summary>
    public const string PalliativeCareIntervention = Vsac + "2.16.840.1.113883.3.464.1003.198.12.1135";
    /// <summary>Palliative Care Diagnosis.</summary>
    public const string PalliativeCareDiagnosis = Vsac + "2.16.840.1.113883.3.464.1003.1167";

    // AdvancedIllnessandFrailty 1.27.000.

    /// <summary>Advanced Illness.</summary>
    public const string AdvancedIllness = Vsac + "2.16.840.1.113883.3.464.1003.110.12.1082";
    /// <summary>Dementia Medications.</summary>
    public const string DementiaMedications = Vsac + "2.16.840.1.113883.3.464.1003.196.12.1510";
    /// <summary>Frailty Device.</summary>
    public const string FrailtyDevice = Vsac + "2.16.840.1.113883.3.464.1003.118.12.1300";
    /// <summary>Frailty Diagnosis.</summary>
    public const string FrailtyDiagnosis = Vsac + "2.16.840.1.113883.3.464.1003.113.12.1074";
    /// <summary>Frailty Encounter.</summary>
    public const string FrailtyEncounter = Vsac + "2.16.840.1.113883.3.464.1003.101.12.1088";
    /// <summary>Frailty Symptom.</summary>
    public const string FrailtySymptom = Vsac + "2.16.840.1.113883.3.464.1003.113.12.1075";

    // CMS125FHIRBreastCancerScreening 0.4.000.

    /// <summary>Mammography.</summary>
    public const string Mammography = Vsac + "2.16.840.1.113883.3.464.1003.108.12.1018";
    /// <summary>Bilateral Mastectomy (procedure).</summary>
    public const string BilateralMastectomy = Vsac + "2.16.840.1.113883.3.464.1003.198.12.1005";
    /// <summary>History of bilateral mastectomy (diagnosis).</summary>
    public const string HistoryOfBilateralMastectomy = Vsac + "2.16.840.1.113883.3.464.1003.198.12.1068";
    /// <summary>Status Post Left Mastectomy (diagnosis).</summary>
    public const string StatusPostLeftMastectomy = Vsac + "2.16.840.1.113883.3.464.1003.198.12.1069";
    /// <summary>Status Post Right Mastectomy (diagnosis).</summary>
    public const string StatusPostRightMastectomy = Vsac + "2.16.840.1.113883.3.464.1003.198.12.1070";
    /// <summary>Unilateral Mastectomy Left (procedure).</summary>
    public const string UnilateralMastectomyLeft = Vsac + "2.16.840.1.113883.3.464.1003.198.12.1133";
    /// <summary>Unilateral Mastectomy Right (procedure).</summary>
    public const string UnilateralMastectomyRight = Vsac + "2.16.840.1.113883.3.464.1003.198.12.1134";
    /// <summary>Unilateral Mastectomy, Unspecified Laterality (diagnosis; laterality from bodySite).</summary>
    public const string UnilateralMastectomyUnspecified = Vsac + "2.16.840.1.113883.3.464.1003.198.12.1071";

    // CMS130FHIRColorectalCancerScreening 0.4.000.

    /// <summary>Colonoscopy.</summary>
    public const string Colonoscopy = Vsac + "2.16.840.1.113883.3.464.1003.108.12.1020";
    /// <summary>CT Colonography.</summary>
    public const string CtColonography = Vsac + "2.16.840.1.113883.3.464.1003.108.12.1038";
    /// <summary>Fecal Occult Blood Test (FOBT).</summary>
    public const string FecalOccultBloodTest = Vsac + "2.16.840.1.113883.3.464.1003.198.12.1011";
    /// <summary>sDNA FIT Test.</summary>
    public const string StoolDnaFitTest = Vsac + "2.16.840.1.113883.3.464.1003.108.12.1039";
    /// <summary>Flexible Sigmoidoscopy.</summary>
    public const string FlexibleSigmoidoscopy = Vsac + "2.16.840.1.113883.3.464.1003.198.12.1010";
    /// <summary>Malignant Neoplasm of Colon.</summary>
    public const string MalignantNeoplasmOfColon = Vsac + "2.16.840.1.113883.3.464.1003.108.12.1001";
    /// <summary>Total Colectomy.</summary>
    public const string TotalColectomy = Vsac + "2.16.840.1.113883.3.464.1003.198.12.1019";

    // RadEquity: lung cancer screening (USPSTF 2021).

    /// <summary>Low-dose CT for lung cancer screening (CPT 71271, HCPCS G0297, and equivalents).</summary>
    public const string LowDoseCtLungScreening = Local + "low-dose-ct-lung-screening";
    /// <summary>Diagnostic CT of the chest (follow-up of Lung-RADS 3, 4A, 4B, 4X).</summary>
    public const string ChestCt = Local + "chest-ct";
    /// <summary>Diagnostic work-up of a suspicious lung nodule: PET/CT, lung biopsy, bronchoscopy.</summary>
    public const string LungNoduleWorkup = Local + "lung-nodule-workup";
    /// <summary>Smoking status observation codes (LOINC 72166-2).</summary>
    public const string SmokingStatusObservation = Local + "smoking-status-observation";
    /// <summary>Smoking status answers meaning a current smoker (every day, some days, heavy, light, unknown frequency).</summary>
    public const string CurrentSmoker = Local + "current-smoker";
    /// <summary>Smoking status answers meaning a former smoker.</summary>
    public const string FormerSmoker = Local + "former-smoker";
    /// <summary>Smoking status answers meaning a never smoker.</summary>
    public const string NeverSmoker = Local + "never-smoker";
    /// <summary>Observation codes carrying tobacco pack-years (LOINC 8664-5, SNOMED 401201003).</summary>
    public const string PackYearsObservation = Local + "pack-years-observation";
    /// <summary>Observation codes carrying the date the patient quit smoking (LOINC 74010-0).</summary>
    public const string SmokingQuitDateObservation = Local + "smoking-quit-date-observation";

    // RadEquity: BI-RADS and Lung-RADS follow-up.

    /// <summary>Observation codes of a BI-RADS assessment category.</summary>
    public const string BiRadsAssessment = Local + "bi-rads-assessment";
    /// <summary>BI-RADS 0: incomplete, needs additional imaging.</summary>
    public const string BiRads0 = Local + "bi-rads-0";
    /// <summary>BI-RADS 1: negative.</summary>
    public const string BiRads1 = Local + "bi-rads-1";
    /// <summary>BI-RADS 2: benign.</summary>
    public const string BiRads2 = Local + "bi-rads-2";
    /// <summary>BI-RADS 3: probably benign.</summary>
    public const string BiRads3 = Local + "bi-rads-3";
    /// <summary>BI-RADS 4: suspicious.</summary>
    public const string BiRads4 = Local + "bi-rads-4";
    /// <summary>BI-RADS 5: highly suggestive of malignancy.</summary>
    public const string BiRads5 = Local + "bi-rads-5";
    /// <summary>BI-RADS 6: known biopsy-proven malignancy.</summary>
    public const string BiRads6 = Local + "bi-rads-6";
    /// <summary>Breast imaging other than mammography (breast ultrasound, breast MRI), for diagnostic resolution.</summary>
    public const string BreastDiagnosticImaging = Local + "breast-diagnostic-imaging";
    /// <summary>Breast biopsy procedures.</summary>
    public const string BreastBiopsy = Local + "breast-biopsy";
    /// <summary>Observation codes of a Lung-RADS assessment category.</summary>
    public const string LungRadsAssessment = Local + "lung-rads-assessment";
    /// <summary>Lung-RADS 1: negative.</summary>
    public const string LungRads1 = Local + "lung-rads-1";
    /// <summary>Lung-RADS 2: benign appearance.</summary>
    public const string LungRads2 = Local + "lung-rads-2";
    /// <summary>Lung-RADS 3: probably benign.</summary>
    public const string LungRads3 = Local + "lung-rads-3";
    /// <summary>Lung-RADS 4A: suspicious.</summary>
    public const string LungRads4A = Local + "lung-rads-4a";
    /// <summary>Lung-RADS 4B: very suspicious.</summary>
    public const string LungRads4B = Local + "lung-rads-4b";
    /// <summary>Lung-RADS 4X: category 3 or 4 with additional features.</summary>
    public const string LungRads4X = Local + "lung-rads-4x";
}

namespace RadEquity.Interop.Synthetic;

/// <summary>
/// The code systems and codes the generator writes. Value-set codes come from the CMS125/CMS130 FHIR eCQM
/// expansions (2026 period); the others are cited in docs/synthetic-population.md. Code numbers only: CPT
/// descriptors belong to the AMA.
/// </summary>
internal static class Codes
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string Cpt = "http://www.ama-assn.org/go/cpt";

    /// <summary>HCPCS as the eCQM value-set expansions spell it.</summary>
    public const string Hcpcs = "http://www.nlm.nih.gov/research/umls/hcpcs";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string CdcRace = "urn:oid:2.16.840.1.113883.6.238";
    public const string NullFlavor = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";
    public const string Sopt = "urn:oid:2.16.840.1.113883.3.221.5";
    public const string Bcp47 = "urn:ietf:bcp:47";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string DiagnosticServiceSection = "http://terminology.hl7.org/CodeSystem/v2-0074";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string ConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public const string ConditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public const string ConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category";
    public const string LocationPhysicalType = "http://terminology.hl7.org/CodeSystem/location-physical-type";

    /// <summary>Lung-RADS categories have no LOINC answer list or SNOMED values; this project-local system
    /// carries the ACR category labels (1, 2, 3, 4A, 4B, 4X) verbatim.</summary>
    public const string LungRadsCategory = "https://radequity.org/fhir/CodeSystem/lung-rads-category";
    public const string MrnSystem = "https://radequity.org/fhir/synthetic/mrn";

    public const string UsCoreRace = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race";
    public const string UsCoreEthnicity = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
    public const string UsCoreBirthSex = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex";
    public const string InterpreterRequired = "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired";
    public const string Geolocation = "http://hl7.org/fhir/StructureDefinition/geolocation";

    // Mammography value set 2.16.840.1.113883.3.464.1003.108.12.1018 (LOINC).
    public const string MammoScreeningBilateral = "26175-0";
    public const string MammoDiagnosticBilateral = "26346-7";

    // Colorectal value sets (CMS130).
    public const string ColonoscopyCpt = "45378";
    public const string ColonoscopySnomed = "444783004";
    public const string FlexSigCpt = "45330";
    public const string FlexSigSnomed = "44441009";
    public const string FitLoinc = "29771-3";
    public const string FobtLoinc = "2335-8";
    public const string SdnaFitLoinc = "77354-9";
    public const string CtColonographyLoinc = "79069-1";

    // Exclusions.
    public const string BilateralMastectomySnomed = "27865001";
    public const string TotalColectomyCpt = "44150";
    public const string TotalColectomySnomed = "26390003";
    public const string ColonCancerSnomed = "363406005";
    public const string ColonCancerIcd = "C18.9";
    public const string HospiceAdmissionSnomed = "305336008";
    public const string HospiceCareSnomed = "385763009";
    public const string PalliativeDiagnosisIcd = "Z51.5";
    public const string PalliativeSeenSnomed = "441874000";
    public const string PalliativeCareSnomed = "103735009";
    public const string FrailtyIcd = "Z99.3";

    // Lung screening and follow-up (CPT; see docs for sources).
    public const string LowDoseCtCpt = "71271";
    public const string ChestCtCpt = "71250";
    public const string BreastBiopsyCpt = "19081";

    // Assessments (SNOMED observables and findings; see docs).
    public const string BiRadsObservable = "146611000146107";
    public const string LungRadsObservable = "1362105002";

    // Smoking (US Core smoking status; LOINC answers per ONC / US Core).
    public const string SmokingStatus = "72166-2";
    public const string PackYearsLoinc = "8664-5";
    public const string PackYearsSnomed = "401201003";
    public const string QuitDateLoinc = "74010-0";
    public const string CurrentEveryDay = "449868002";
    public const string FormerSmoker = "8517006";
    public const string NeverSmoker = "266919005";
    public const string UnknownIfEverSmoked = "266927001";

    public const string Negative = "260385009";
    public const string Positive = "10828004";

    /// <summary>SNOMED mammography assessment findings for BI-RADS 0-6 (index = category).</summary>
    public static readonly string[] BiRads =
        ["397138000", "397140005", "397141009", "397143007", "397144001", "397145000", "6111000179101"];

    /// <summary>Lung-RADS category labels (index order used by the generator).</summary>
    public static readonly string[] LungRads = ["1", "2", "3", "4A", "4B", "4X"];

    /// <summary>Qualifying outpatient visit codes (Office Visit, Preventive Care 18+, Annual Wellness Visit).</summary>
    public static readonly (string System, string Code)[] OfficeVisits =
    [
        (Cpt, "99213"), (Cpt, "99214"), (Cpt, "99212"), (Cpt, "99203"),
        (Cpt, "99396"), (Cpt, "99397"), (Hcpcs, "G0438"), (Hcpcs, "G0439"),
    ];
}

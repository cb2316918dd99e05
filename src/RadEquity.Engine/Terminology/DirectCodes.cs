using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Terminology;

/// <summary>
/// Codes the eCQM libraries reference directly (CQL <c>code</c> declarations, not value sets). They are part of the
/// measure logic, so loading value-set expansions never replaces them; <see cref="CodeIndex"/> compiles them as
/// one-code sets alongside the value sets.
/// </summary>
public static class DirectCodes
{
    private const string Base = "https://radequity.org/fhir/ValueSet/cql-code/";

    /// <summary>Hospice 6.18: "Discharge to home for hospice care" (SNOMED 428361000124107) and "Discharge to
    /// healthcare facility for hospice care" (SNOMED 428371000124100).</summary>
    public const string HospiceDischarge = Base + "hospice-discharge";
    /// <summary>Hospice 6.18: "Hospice care [Minimum Data Set]" (LOINC 45755-6).</summary>
    public const string HospiceCareAssessment = Base + "hospice-care-assessment";
    /// <summary>Hospice 6.18: "Yes (qualifier value)" (SNOMED 373066001).</summary>
    public const string Yes = Base + "yes";
    /// <summary>PalliativeCare 1.18: FACIT-Pal questionnaire (LOINC 71007-9).</summary>
    public const string PalliativeCareAssessment = Base + "facit-pal";
    /// <summary>AdvancedIllnessandFrailty 1.27: "Housing status" (LOINC 71802-3).</summary>
    public const string HousingStatus = Base + "housing-status";
    /// <summary>AdvancedIllnessandFrailty 1.27: "Lives in nursing home (finding)" (SNOMED 160734000).</summary>
    public const string LivesInNursingHome = Base + "lives-in-nursing-home";
    /// <summary>AdvancedIllnessandFrailty 1.27: "Medical equipment used" (LOINC 98181-1).</summary>
    public const string MedicalEquipmentUsed = Base + "medical-equipment-used";

    /// <summary>The direct-reference codes as one-code (or two-code) sets.</summary>
    public static IReadOnlyList<ValueSet> All { get; } =
    [
        Set(HospiceDischarge, "Hospice discharge", new(Coding.Snomed, "428361000124107"), new(Coding.Snomed, "428371000124100")),
        Set(HospiceCareAssessment, "Hospice care [Minimum Data Set]", new Coding(Coding.Loinc, "45755-6")),
        Set(Yes, "Yes (qualifier value)", new Coding(Coding.Snomed, "373066001")),
        Set(PalliativeCareAssessment, "FACIT-Pal", new Coding(Coding.Loinc, "71007-9")),
        Set(HousingStatus, "Housing status", new Coding(Coding.Loinc, "71802-3")),
        Set(LivesInNursingHome, "Lives in nursing home (finding)", new Coding(Coding.Snomed, "160734000")),
        Set(MedicalEquipmentUsed, "Medical equipment used", new Coding(Coding.Loinc, "98181-1")),
    ];

    private static ValueSet Set(string url, string name, params Coding[] codes) => new(url, name, null, "CQL direct-reference code", codes);
}

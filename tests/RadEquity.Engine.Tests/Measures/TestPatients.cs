using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Terminology;

namespace RadEquity.Engine.Tests.Measures;

/// <summary>Test value sets (a few real codes per URL, independent of the shipped defaults) and a patient builder.</summary>
internal static class TestCodes
{
    public static readonly Coding OfficeVisit = new(Coding.Cpt, "99213");
    public static readonly Coding Mammogram = new(Coding.Loinc, "26175-0");
    public static readonly Coding BilateralMastectomy = new(Coding.Snomed, "27865001");
    public static readonly Coding LeftMastectomy = new(Coding.Snomed, "429400009");
    public static readonly Coding RightMastectomy = new(Coding.Snomed, "429242008");
    public static readonly Coding StatusPostLeft = new(Coding.Icd10Cm, "Z90.12");
    public static readonly Coding UnspecifiedMastectomy = new(Coding.Snomed, "172043006");
    public static readonly Coding HospiceEncounter = new(Coding.Snomed, "305336008");
    public static readonly Coding InpatientEncounter = new(Coding.Snomed, "183452005");
    public static readonly Coding PalliativeDiagnosis = new(Coding.Icd10Cm, "Z51.5");
    public static readonly Coding FrailtyDiagnosis = new(Coding.Icd10Cm, "Z99.3");
    public static readonly Coding AdvancedIllness = new(Coding.Icd10Cm, "C25.0");
    public static readonly Coding Colonoscopy = new(Coding.Cpt, "45378");
    public static readonly Coding Sigmoidoscopy = new(Coding.Cpt, "45330");
    public static readonly Coding Fit = new(Coding.Loinc, "29771-3");
    public static readonly Coding StoolDna = new(Coding.Loinc, "77354-9");
    public static readonly Coding CtColonography = new(Coding.Loinc, "79069-1");
    public static readonly Coding ColonCancer = new(Coding.Snomed, "363406005");
    public static readonly Coding Colectomy = new(Coding.Cpt, "44150");
    public static readonly Coding LowDoseCt = new(Coding.Cpt, "71271");
    public static readonly Coding ChestCt = new(Coding.Cpt, "71250");
    public static readonly Coding PetCt = new(Coding.Cpt, "78815");
    public static readonly Coding SmokingStatus = new(Coding.Loinc, "72166-2");
    public static readonly Coding CurrentSmoker = new(Coding.Snomed, "449868002");
    public static readonly Coding FormerSmoker = new(Coding.Snomed, "8517006");
    public static readonly Coding PackYears = new(Coding.Loinc, "8664-5");
    public static readonly Coding QuitDate = new(Coding.Loinc, "74010-0");
    public static readonly Coding BiRads = new(Coding.Snomed, "146611000146107");
    public static readonly Coding BreastBiopsy = new(Coding.Cpt, "19081");
    public static readonly Coding BreastUltrasound = new(Coding.Cpt, "76641");
    public static readonly Coding LungRads = new(Coding.Snomed, "1362105002");
    public const string LungRadsSystem = "https://radequity.org/fhir/CodeSystem/lung-rads-category";

    public static Coding BiRadsValue(int category) => category switch
    {
        0 => new(Coding.Snomed, "397138000"),
        1 => new(Coding.Snomed, "397140005"),
        2 => new(Coding.Snomed, "397141009"),
        3 => new(Coding.Snomed, "397143007"),
        4 => new(Coding.Snomed, "397144001"),
        5 => new(Coding.Snomed, "397145000"),
        _ => new(Coding.Snomed, "6111000179101"),
    };

    public static Coding LungRadsValue(string category) => new(LungRadsSystem, category);

    public static CodeIndex Terms { get; } = CodeIndex.Compile(Sets());

    private static IEnumerable<ValueSet> Sets()
    {
        var codes = new Dictionary<string, Coding[]>
        {
            [ValueSetUrls.OfficeVisit] = [OfficeVisit],
            [ValueSetUrls.Mammography] = [Mammogram, new(Coding.Loinc, "26346-7")],
            [ValueSetUrls.BilateralMastectomy] = [BilateralMastectomy],
            [ValueSetUrls.UnilateralMastectomyLeft] = [LeftMastectomy],
            [ValueSetUrls.UnilateralMastectomyRight] = [RightMastectomy],
            [ValueSetUrls.StatusPostLeftMastectomy] = [StatusPostLeft],
            [ValueSetUrls.UnilateralMastectomyUnspecified] = [UnspecifiedMastectomy],
            [ValueSetUrls.HospiceEncounter] = [HospiceEncounter],
            [ValueSetUrls.EncounterInpatient] = [InpatientEncounter],
            [ValueSetUrls.PalliativeCareDiagnosis] = [PalliativeDiagnosis],
            [ValueSetUrls.FrailtyDiagnosis] = [FrailtyDiagnosis],
            [ValueSetUrls.AdvancedIllness] = [AdvancedIllness],
            [ValueSetUrls.Colonoscopy] = [Colonoscopy],
            [ValueSetUrls.FlexibleSigmoidoscopy] = [Sigmoidoscopy],
            [ValueSetUrls.FecalOccultBloodTest] = [Fit],
            [ValueSetUrls.StoolDnaFitTest] = [StoolDna],
            [ValueSetUrls.CtColonography] = [CtColonography],
            [ValueSetUrls.MalignantNeoplasmOfColon] = [ColonCancer],
            [ValueSetUrls.TotalColectomy] = [Colectomy],
            [ValueSetUrls.LowDoseCtLungScreening] = [LowDoseCt],
            [ValueSetUrls.ChestCt] = [ChestCt],
            [ValueSetUrls.LungNoduleWorkup] = [PetCt],
            [ValueSetUrls.SmokingStatusObservation] = [SmokingStatus],
            [ValueSetUrls.CurrentSmoker] = [CurrentSmoker],
            [ValueSetUrls.FormerSmoker] = [FormerSmoker],
            [ValueSetUrls.NeverSmoker] = [new(Coding.Snomed, "266919005")],
            [ValueSetUrls.PackYearsObservation] = [PackYears],
            [ValueSetUrls.SmokingQuitDateObservation] = [QuitDate],
            [ValueSetUrls.BiRadsAssessment] = [BiRads],
            [ValueSetUrls.BreastBiopsy] = [BreastBiopsy],
            [ValueSetUrls.BreastDiagnosticImaging] = [BreastUltrasound],
            [ValueSetUrls.LungRadsAssessment] = [LungRads],
            [ValueSetUrls.BiRads0] = [BiRadsValue(0)],
            [ValueSetUrls.BiRads1] = [BiRadsValue(1)],
            [ValueSetUrls.BiRads2] = [BiRadsValue(2)],
            [ValueSetUrls.BiRads3] = [BiRadsValue(3)],
            [ValueSetUrls.BiRads4] = [BiRadsValue(4)],
            [ValueSetUrls.BiRads5] = [BiRadsValue(5)],
            [ValueSetUrls.BiRads6] = [BiRadsValue(6)],
            [ValueSetUrls.LungRads1] = [LungRadsValue("1")],
            [ValueSetUrls.LungRads2] = [LungRadsValue("2")],
            [ValueSetUrls.LungRads3] = [LungRadsValue("3")],
            [ValueSetUrls.LungRads4A] = [LungRadsValue("4A")],
            [ValueSetUrls.LungRads4B] = [LungRadsValue("4B")],
            [ValueSetUrls.LungRads4X] = [LungRadsValue("4X")],
        };
        return CodeIndex.RequiredUrls.Select(url =>
            new ValueSet(url, url[(url.LastIndexOf('/') + 1)..], null, "test", codes.GetValueOrDefault(url, [])));
    }
}

/// <summary>Builds one patient's facts, with ids <c>e1</c>, <c>e2</c>, ... in the order added.</summary>
internal sealed class TestPatient
{
    private readonly List<EventRecord> _events = [];
    private readonly List<CoverageFact> _coverages = [];
    private readonly string _id;
    private readonly DateOnly _birth;
    private readonly AdministrativeSex _sex;

    private TestPatient(string id, DateOnly birth, AdministrativeSex sex)
    {
        _id = id;
        _birth = birth;
        _sex = sex;
    }

    public static TestPatient Woman(DateOnly birth, string id = "p1") => new(id, birth, AdministrativeSex.Female);

    public static TestPatient Man(DateOnly birth, string id = "p1") => new(id, birth, AdministrativeSex.Male);

    public TestPatient Add(EventKind kind, Coding code, DateOnly start, string status, DateOnly? end = null,
        Coding? value = null, decimal? quantity = null, string? category = null, Coding? bodySite = null, string? type = null)
    {
        var e = new ClinicalEvent(_id, kind, [code],
            category is null ? [] : [new Coding("http://terminology.hl7.org/CodeSystem/observation-category", category)], status,
            At(start), end is { } d ? At(d) : At(start), value is { } v ? [v] : [], quantity, null,
            bodySite is { } b ? [b] : [], null, null);
        _events.Add(EventRecord.Create(type ?? kind.ToString(), "e" + (_events.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            e, TestCodes.Terms));
        return this;
    }

    public TestPatient Visit(DateOnly day, string status = "finished") => Add(EventKind.Encounter, TestCodes.OfficeVisit, day, status);

    public TestPatient Procedure(Coding code, DateOnly day, string status = "completed") => Add(EventKind.Procedure, code, day, status);

    public TestPatient Condition(Coding code, DateOnly onset, string status = "active", DateOnly? abatement = null, Coding? bodySite = null)
    {
        Add(EventKind.Condition, code, onset, status, bodySite: bodySite);

        // A Condition's fact ends at its abatement, and has no end without one.
        var last = _events[^1];
        _events[^1] = EventRecord.Create(last.ResourceType, last.ResourceId, last.Event with { End = abatement is { } a ? At(a) : null },
            TestCodes.Terms);
        return this;
    }

    public TestPatient Observation(Coding code, DateOnly day, Coding? value = null, decimal? quantity = null,
        string status = "final", string? category = null) =>
        Add(EventKind.Observation, code, day, status, value: value, quantity: quantity, category: category);

    public TestPatient Coverage(PayerCategory category)
    {
        _coverages.Add(new CoverageFact(_id, category, [], "active", new DateOnly(2000, 1, 1), null, null));
        return this;
    }

    public PatientRecord Build() =>
        new("test", new PatientFact(_id, _birth, _sex, null, [], [], null, null, null, null, null, null, null), _coverages, _events);

    public static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
}

using System.Globalization;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Terminology;
using RadEquity.Interop.Ingest;
using RadEquity.Interop.Tests.Synthetic;
using Coding = RadEquity.Engine.Facts.Coding;
using Measure = RadEquity.Engine.Measures.Measure;

namespace RadEquity.Interop.Tests.Fhir;

/// <summary>
/// 87 hand-built patients of 60, each with an office visit in 2025. Women: 30 Medicaid (12 mammograms, 3 bilateral
/// mastectomies), 25 Private (20 mammograms, 12 CT colonographies), 12 self-pay (1 mammogram). Men: 20 Medicare
/// (15 colonoscopies). Stratified by payer, sex and payer × sex.
/// </summary>
public sealed class HandBuiltCounts
{
    public static readonly MeasurementPeriod Period = MeasurementPeriod.ForYear(2025);
    public static readonly DateTimeOffset Generated = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    public static readonly Stratifier PayerBySex = Stratifier.Cross(Stratifiers.Payer, Stratifiers.Sex);
    public static readonly IReadOnlyList<Stratifier> Strata = [Stratifiers.Payer, Stratifiers.Sex, PayerBySex];

    private static readonly Coding OfficeVisit = new(Coding.Cpt, "99213");
    private static readonly Coding Mammogram = new(Coding.Loinc, "26175-0");
    private static readonly Coding BilateralMastectomy = new(Coding.Snomed, "27865001");
    private static readonly Coding CtColonography = new(Coding.Loinc, "79069-1");
    private static readonly Coding Colonoscopy = new(Coding.Cpt, "45378");

    public HandBuiltCounts()
    {
        var catalog = ValueSetCatalog.LoadDefault();
        Assert.True(catalog.Contains(ValueSetUrls.OfficeVisit, OfficeVisit) && catalog.Contains(ValueSetUrls.Mammography, Mammogram)
            && catalog.Contains(ValueSetUrls.BilateralMastectomy, BilateralMastectomy)
            && catalog.Contains(ValueSetUrls.CtColonography, CtColonography) && catalog.Contains(ValueSetUrls.Colonoscopy, Colonoscopy));
        var codes = CodeIndex.Compile(catalog.All);
        var set = new PatientRecordSet(codes);
        Add(set, "mcd", AdministrativeSex.Female, PayerCategory.Medicaid, 30, i => i < 12 ? [(Mammogram, 2025)]
            : i < 15 ? [(BilateralMastectomy, 2020)] : []);
        Add(set, "pri", AdministrativeSex.Female, PayerCategory.Private, 25, i => i < 12 ? [(Mammogram, 2025), (CtColonography, 2025)]
            : i < 20 ? [(Mammogram, 2025)] : []);
        Add(set, "uni", AdministrativeSex.Female, PayerCategory.Uninsured, 12, i => i < 1 ? [(Mammogram, 2025)] : []);
        Add(set, "mcr", AdministrativeSex.Male, PayerCategory.Medicare, 20, i => i < 15 ? [(Colonoscopy, 2024)] : []);
        Breast = new BreastCancerScreening(codes);
        Colorectal = new ColorectalCancerScreening(codes);
        Uspstf = new BreastScreeningUspstf(codes);
        Counts = new Evaluator([Breast, Colorectal, Uspstf], Strata, new MeasureContext(Period, codes),
            new StratificationContext(Period.End, AreaLookup.Empty)).Run(set.ToRecords()).Counts;
    }

    public Measure Breast { get; }

    public Measure Colorectal { get; }

    public Measure Uspstf { get; }

    public EvaluationCounts Counts { get; }

    private static void Add(PatientRecordSet set, string group, AdministrativeSex sex, PayerCategory payer, int count,
        Func<int, (Coding Code, int Year)[]> procedures)
    {
        for (var i = 0; i < count; i++)
        {
            var id = group + i.ToString("00", CultureInfo.InvariantCulture);
            var patient = new PatientFact(id, new DateOnly(1965, 6, 15), sex, null, [], [], "en", false, null, null, null, null, null);
            set.Add(new ResourceKey("test", "Patient", id), patient);
            set.Add(new ResourceKey("test", "Coverage", id), new CoverageFact(id, payer, [], "active", new DateOnly(2000, 1, 1), null, null));
            Event(set, id, "visit", EventKind.Encounter, OfficeVisit, new DateOnly(2025, 3, 1), "finished");
            foreach (var (code, year) in procedures(i))
            {
                Event(set, id, code.Code, EventKind.Procedure, code, new DateOnly(year, 5, 1), "completed");
            }
        }
    }

    private static void Event(PatientRecordSet set, string patientId, string name, EventKind kind, Coding code, DateOnly day, string status)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        set.Add(new ResourceKey("test", kind.ToString(), patientId + "-" + name),
            new ClinicalEvent(patientId, kind, [code], [], status, at, at, [], null, null, [], null, null));
    }
}

/// <summary>A generated population of 2,000 (seed 5), ingested and evaluated on every standard measure and stratifier.</summary>
public sealed class GeneratedCounts
{
    public static readonly MeasurementPeriod Period = MeasurementPeriod.ForYear(SampleExport.AsOf.Year - 1);

    public GeneratedCounts()
    {
        using var export = new SampleExport(2_000, 5);
        var codes = CodeIndex.Compile(ValueSetCatalog.LoadDefault().All);
        var sink = new PatientRecordSink(codes);
        IngestRun.RunAsync([export.Directory], new IngestOptions { Source = "synthetic" }, sink).GetAwaiter().GetResult();
        using var ruca = File.OpenText(Path.Combine(export.Directory, AreaLookup.RucaFileName));
        using var adi = File.OpenText(Path.Combine(export.Directory, AreaLookup.DeprivationFileName));
        var strata = new StratificationContext(Period.End, AreaLookup.Load(ruca, adi));
        Measures = MeasureSet.Standard(codes);
        Counts = new Evaluator(Measures, Stratifiers.Standard, new MeasureContext(Period, codes, SampleExport.AsOf), strata)
            .Run(sink.ToRecords()).Counts;
    }

    public IReadOnlyList<Measure> Measures { get; }

    public EvaluationCounts Counts { get; }
}

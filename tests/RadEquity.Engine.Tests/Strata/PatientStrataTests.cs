using RadEquity.Engine.Facts;
using RadEquity.Engine.Strata;
using static RadEquity.Engine.Tests.Strata.Patients;

namespace RadEquity.Engine.Tests.Strata;

public sealed class PatientStrataTests
{
    /// <summary>Demographics covering every branch the standard stratifiers take: each race and ethnicity reading,
    /// table and open languages, interpreters, ZIPs with and without area data, payers active and not, every sex.</summary>
    internal static IEnumerable<(PatientFact Patient, CoverageFact[] Coverages)> VariedPatients(int count, int seed)
    {
        Coding[][] races =
        [
            [], [Cdc("2106-3")], [Cdc("2054-5")], [Cdc("2106-3"), Cdc("2118-8")], [Cdc("2028-9"), Cdc("2054-5")],
            [Cdc("2131-1")], [Null("ASKU")], [Null("UNK")], [new Coding("urn:other", "2106-3")], [Cdc(" 2076-8 ")],
            [new Coding(string.Empty, "asku")], [Cdc("2500-7")], [Cdc("2108-9")],
        ];
        Coding[][] ethnicities = [[], [Cdc("2135-2")], [Cdc("2186-5")], [Null("ASKU")], [Cdc("2148-5")]];
        string?[] languages = ["en", "es-MX", "yue", "cmn", "xx", "QQ-latn", "und", null, "e", "zh_Hant", "fr", "Tlh", "ase"];
        bool?[] interpreters = [null, false, true];
        string?[] zips = ["02134", "01001", "01002", "04001", "05001", "06001", "99999", null, "1234", "02134-1234"];
        PayerCategory[] payers = Enum.GetValues<PayerCategory>();
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var patient = Patient(
                races[random.Next(races.Length)],
                ethnicities[random.Next(ethnicities.Length)],
                languages[random.Next(languages.Length)],
                interpreters[random.Next(interpreters.Length)],
                zips[random.Next(zips.Length)],
                new DateOnly(1935 + random.Next(80), 1 + random.Next(12), 1 + random.Next(28)),
                (AdministrativeSex)random.Next(4));
            patient = random.Next(20) switch
            {
                0 => patient with { BirthDate = null },
                1 => patient with { BirthDate = new DateOnly(2030, 1, 1) },
                _ => patient,
            };
            var coverages = Enumerable.Range(0, random.Next(3))
                .Select(_ => Coverage(payers[random.Next(payers.Length)],
                    end: random.Next(4) == 0 ? new DateOnly(2025, 6, 30) : null,
                    status: random.Next(6) == 0 ? "cancelled" : "active"))
                .ToArray();
            yield return (patient, coverages);
        }
    }

    [Fact]
    public void Index_StandardStratifiers_AgreesWithTheCategoryByName()
    {
        var open = 0;
        foreach (var (patient, coverages) in VariedPatients(3000, seed: 1))
        {
            var strata = PatientStrata.Read(patient, coverages, Context);
            foreach (var stratifier in Stratifiers.Standard.Where(s => s.Index is not null))
            {
                var name = stratifier.Categorize(patient, coverages, Context);
                var index = stratifier.Index!(strata);
                Assert.Equal(stratifier.IndexOf(name), index);
                open += index < 0 ? 1 : 0;
            }
        }

        Assert.True(open > 0, "no patient had a category outside the known ones");
    }

    [Fact]
    public void Of_FromWhatTheStratifiersRead_EqualsTheCountsOfEachField()
    {
        foreach (var (patient, coverages) in VariedPatients(3000, seed: 2))
        {
            var counts = CompletenessCounts.Of(patient, coverages, Context);
            var hasZip = AreaLookup.TryParseZip(patient.PostalCode, out _);
            Assert.Equal(RaceEthnicity.StatusOf(patient.RaceCodes) == ReportStatus.Unknown ? 1 : 0, counts.RaceUnknown);
            Assert.Equal(RaceEthnicity.StatusOf(patient.EthnicityCodes) == ReportStatus.Declined ? 1 : 0, counts.EthnicityDeclined);
            Assert.Equal(PreferredLanguage.HasLanguage(patient.LanguageCode) ? 0 : 1, counts.LanguageMissing);
            Assert.Equal(ActivePayer.CategoryAt(coverages, ReferenceDate) is null ? 1 : 0, counts.PayerMissing);
            Assert.Equal(hasZip ? 0 : 1, counts.ZipMissing);
            Assert.Equal(hasZip && !Areas.TryGetRuca(patient.PostalCode, out _) ? 1 : 0, counts.ZipWithoutRurality);
        }
    }
}

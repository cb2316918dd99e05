using RadEquity.Engine.Facts;
using RadEquity.Engine.Strata;
using static RadEquity.Engine.Tests.Strata.Patients;

namespace RadEquity.Engine.Tests.Strata;

public sealed class CompletenessTests
{
    [Fact]
    public void Of_CompletePatient_CountsOnlyThePatient()
    {
        var counts = CompletenessCounts.Of(Patient([Cdc("2106-3")], [Cdc("2186-5")]), [Coverage(PayerCategory.Private)], Context);

        Assert.Equal(new CompletenessCounts(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), counts);
    }

    [Fact]
    public void Of_NothingRecorded_CountsEveryFieldMissing()
    {
        var counts = CompletenessCounts.Of(Patient(language: null, zip: null), [], Context);

        Assert.Equal(new CompletenessCounts(1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0), counts);
    }

    [Fact]
    public void Of_UnkRaceAndAskuEthnicity_UnknownAndDeclinedSeparately()
    {
        var counts = CompletenessCounts.Of(Patient([Null("UNK")], [Null("ASKU")]), [], Context);

        Assert.Equal((1, 0, 0, 1), (counts.RaceUnknown, counts.RaceDeclined, counts.EthnicityUnknown, counts.EthnicityDeclined));
    }

    [Fact]
    public void Of_OtherRaceAndNotHispanic_AreReported()
    {
        var counts = CompletenessCounts.Of(Patient([Cdc("2131-1")], [Cdc("2186-5")]), [], Context);

        Assert.Equal((0, 0, 0, 0), (counts.RaceUnknown, counts.RaceDeclined, counts.EthnicityUnknown, counts.EthnicityDeclined));
    }

    [Fact]
    public void Of_ExpiredCoverageAndUnmappedCoverage_AreMissingAndUnmapped()
    {
        var expired = CompletenessCounts.Of(Patient(), [Coverage(PayerCategory.Medicaid, end: new DateOnly(2025, 6, 30))], Context);
        var unmapped = CompletenessCounts.Of(Patient(), [Coverage(PayerCategory.Unknown)], Context);

        Assert.Equal((1, 0), (expired.PayerMissing, expired.PayerUnmapped));
        Assert.Equal((0, 1), (unmapped.PayerMissing, unmapped.PayerUnmapped));
    }

    [Theory]
    [InlineData("02134", 0, 0, 0)] // in both tables
    [InlineData("05001", 0, 1, 0)] // RUCA 99, ADI 1
    [InlineData("06001", 0, 1, 0)] // ADI only
    [InlineData("99999", 0, 1, 1)] // in neither
    [InlineData("K1A 0B1", 1, 0, 0)]
    [InlineData(null, 1, 0, 0)]
    public void Of_Zip_MissingAndNotInLookupSeparately(string? zip, int missing, int withoutRurality, int withoutDeprivation)
    {
        var counts = CompletenessCounts.Of(Patient(zip: zip), [], Context);

        Assert.Equal((missing, withoutRurality, withoutDeprivation),
            ((int)counts.ZipMissing, (int)counts.ZipWithoutRurality, (int)counts.ZipWithoutDeprivation));
    }

    [Theory]
    [InlineData("und", 1)]
    [InlineData("x", 1)]
    [InlineData("kri", 0)]
    public void Of_Language_UsableOrMissing(string language, int missing)
    {
        Assert.Equal(missing, CompletenessCounts.Of(Patient(language: language), [], Context).LanguageMissing);
    }

    [Fact]
    public void Share_FromMergedCounts_AndNullWithoutPatients()
    {
        var counts = new CompletenessCounts(4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Assert.Equal(0.25, counts.Share(counts.RaceUnknown));
        Assert.Null(default(CompletenessCounts).Share(0));
    }

    [Fact]
    public void Merge_PartitionsInParallel_EqualsSinglePass()
    {
        var population = Population(1000);
        var single = new CompletenessTally(Context);
        foreach (var (source, patient, coverages) in population)
        {
            single.Add(source, patient, coverages);
        }

        var partitions = population.Chunk(137).AsParallel().Select(chunk =>
        {
            var tally = new CompletenessTally(Context);
            foreach (var (source, patient, coverages) in chunk)
            {
                tally.Add(source, patient, coverages);
            }

            return tally.ToReport();
        }).ToList();
        var merged = partitions.Aggregate(CompletenessReport.Empty, (a, b) => a.Merge(b));
        var expected = single.ToReport();

        Assert.Equal(expected.BySource, merged.BySource);
        Assert.Equal(expected.Overall, merged.Overall);
        Assert.Equal(1000, merged.Overall.Patients);
        Assert.Equal(["ehr", "ris", "synthetic"], merged.BySource.Keys);
        Assert.True(merged.Overall.RaceUnknown > 0 && merged.Overall.ZipMissing > 0 && merged.Overall.PayerMissing > 0);
    }

    [Fact]
    public void AddTally_TwoPartitions_EqualsSinglePass()
    {
        var population = Population(200);
        var single = new CompletenessTally(Context);
        var first = new CompletenessTally(Context);
        var second = new CompletenessTally(Context);
        for (var i = 0; i < population.Length; i++)
        {
            var (source, patient, coverages) = population[i];
            single.Add(source, patient, coverages);
            (i % 2 == 0 ? first : second).Add(source, patient, coverages);
        }

        first.Add(second);

        Assert.Equal(single.ToReport().BySource, first.ToReport().BySource);
    }

    [Fact]
    public void AddTally_DifferentReferenceDate_Throws()
    {
        var tally = new CompletenessTally(Context);

        Assert.Throws<ArgumentException>(() => tally.Add(new CompletenessTally(Context with { ReferenceDate = new DateOnly(2024, 12, 31) })));
        Assert.Throws<ArgumentException>(() => tally.Add(tally));
    }

    [Fact]
    public void Overall_IsTheSumOfSources()
    {
        var report = CompletenessReport.Create(
        [
            new("a", new CompletenessCounts(2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0)),
            new("b", new CompletenessCounts(3, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0)),
            new("a", new CompletenessCounts(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
        ]);

        Assert.Equal(new CompletenessCounts(3, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0), report.BySource["a"]);
        Assert.Equal(new CompletenessCounts(6, 2, 1, 0, 0, 0, 2, 0, 1, 0, 0), report.Overall);
        Assert.Equal(0.5, report.Overall.Share(report.Overall.RaceUnknown + report.Overall.RaceDeclined));
    }

    private static (string Source, PatientFact Patient, CoverageFact[] Coverages)[] Population(int n)
    {
        string[] sources = ["synthetic", "ehr", "ris"];
        Coding[][] races = [[Cdc("2106-3")], [Null("UNK")], [Null("ASKU")], [], [Cdc("2054-5"), Cdc("2028-9")]];
        string?[] zips = ["02134", "99999", null, "05001", "01002-0001"];
        string?[] languages = ["en", "es", null, "und", "kri"];
        var people = new (string, PatientFact, CoverageFact[])[n];
        for (var i = 0; i < n; i++)
        {
            var patient = Patient(races[i % races.Length], i % 7 == 0 ? [Null("UNK")] : [Cdc("2186-5")], languages[i % 4],
                zip: zips[i % zips.Length]);
            CoverageFact[] coverages = (i % 6) switch
            {
                0 => [],
                1 => [Coverage(PayerCategory.Unknown)],
                2 => [Coverage(PayerCategory.Medicaid, end: new DateOnly(2024, 1, 1))],
                _ => [Coverage(PayerCategory.Private)],
            };
            people[i] = (sources[i % sources.Length], patient, coverages);
        }

        return people;
    }
}

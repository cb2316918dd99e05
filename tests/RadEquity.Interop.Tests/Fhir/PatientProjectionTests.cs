using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Interop.Tests.Fhir;

public class PatientProjectionTests
{
    private static readonly List<IngestItem> Items = TestData.Read(TestData.File("fhir", "patients.ndjson")).Items;

    [Fact]
    public void Project_UsCorePatient_ReadsRaceEthnicityAndDetail()
    {
        var p = TestData.Fact<PatientFact>(Items, "pat-maria");

        Assert.Equal([new Coding(Coding.CdcRaceEthnicity, "2106-3"), new Coding(Coding.CdcRaceEthnicity, "2108-9")], p.RaceCodes);
        Assert.Equal([new Coding(Coding.CdcRaceEthnicity, "2135-2"), new Coding(Coding.CdcRaceEthnicity, "2148-5")], p.EthnicityCodes);
        Assert.Equal("F", p.BirthSex);
        Assert.True(p.NeedsInterpreter);
        Assert.Equal(AdministrativeSex.Female, p.Sex);
        Assert.Equal(new DateOnly(1961, 7, 4), p.BirthDate);
        Assert.Null(p.DeceasedDate);
    }

    [Fact]
    public void Project_PreferredLanguage_WinsOverFirst()
    {
        Assert.Equal("es", TestData.Fact<PatientFact>(Items, "pat-maria").LanguageCode);
        Assert.Equal("vi", TestData.Fact<PatientFact>(Items, "pat-james").LanguageCode);
    }

    [Fact]
    public void Project_HomeAddress_FiveDigitZipStateAndGeolocation()
    {
        var p = TestData.Fact<PatientFact>(Items, "pat-maria");

        Assert.Equal("93728", p.PostalCode);
        Assert.Equal("CA", p.State);
        Assert.Equal(36.7378, p.Latitude);
        Assert.Equal(-119.7871, p.Longitude);
    }

    [Fact]
    public void Project_NullFlavourRace_KeptAsUnknownAndDeclined()
    {
        var p = TestData.Fact<PatientFact>(Items, "pat-james");

        Assert.Equal("UNK", Assert.Single(p.RaceCodes).Code);
        Assert.Equal("ASKU", Assert.Single(p.EthnicityCodes).Code);
        Assert.Equal(new DateOnly(1948, 1, 1), p.BirthDate);
        Assert.Equal(new DateOnly(2024, 11, 2), p.DeceasedDate);
        Assert.Null(p.NeedsInterpreter);
        Assert.Equal("45402", p.PostalCode);
    }

    [Fact]
    public void Project_MinimalPatient_EmptyListsAndNulls()
    {
        var p = TestData.Fact<PatientFact>(Items, "pat-min");

        Assert.Empty(p.RaceCodes);
        Assert.Empty(p.EthnicityCodes);
        Assert.Equal(AdministrativeSex.Unknown, p.Sex);
        Assert.Null(p.PostalCode);
        Assert.Null(p.LanguageCode);
    }

    [Fact]
    public void Project_Meta_KeyVersionAndRawKept()
    {
        var r = Items.OfType<ProjectedResource>().First();

        Assert.Equal(new ResourceKey("default", "Patient", "pat-maria"), r.Key);
        Assert.Equal("3", r.VersionId);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero), r.LastUpdated);
        Assert.Equal((byte)'{', r.RawJson.Span[0]);
        Assert.Equal((byte)'}', r.RawJson.Span[^1]);
        Assert.Equal(new RecordLocation(TestData.File("fhir", "patients.ndjson"), 1), r.Location);
    }
}

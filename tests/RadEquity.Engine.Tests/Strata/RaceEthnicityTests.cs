using RadEquity.Engine.Facts;
using RadEquity.Engine.Strata;
using static RadEquity.Engine.Tests.Strata.Patients;

namespace RadEquity.Engine.Tests.Strata;

public sealed class RaceEthnicityTests
{
    private static string Categorize(Coding[]? race = null, Coding[]? ethnicity = null) =>
        Patients.Categorize(Stratifiers.RaceEthnicity, Patient(race, ethnicity));

    [Theory]
    [InlineData("1002-5", "American Indian or Alaska Native")]
    [InlineData("2028-9", "Asian")]
    [InlineData("2054-5", "Black or African American")]
    [InlineData("2076-8", "Native Hawaiian or Pacific Islander")]
    [InlineData("2106-3", "White")]
    public void Categorize_OneOmbRaceAndNotHispanic_IsThatCategoryAlone(string code, string expected)
    {
        Assert.Equal(expected, Categorize([Cdc(code)], [Cdc("2186-5")]));
    }

    [Theory]
    [InlineData("1586-7", "American Indian or Alaska Native")] // Shoshone
    [InlineData("1735-0", "American Indian or Alaska Native")] // Alaska Native
    [InlineData("2036-2", "Asian")] // Filipino
    [InlineData("2047-9", "Asian")] // Vietnamese
    [InlineData("2071-9", "Black or African American")] // Haitian
    [InlineData("2079-2", "Native Hawaiian or Pacific Islander")] // Native Hawaiian
    [InlineData("2500-7", "Native Hawaiian or Pacific Islander")] // Other Pacific Islander, numbered out of block
    [InlineData("2109-7", "White")] // Armenian: a White sibling of MENA in the CDC set
    [InlineData("2112-1", "White")] // German
    public void Categorize_DetailedRaceCodeOnly_MapsToItsOmbCategory(string code, string expected)
    {
        Assert.Equal(expected, Categorize([Cdc(code)]));
    }

    [Fact]
    public void Categorize_HispanicEthnicityOnly_IsHispanicOrLatino()
    {
        Assert.Equal("Hispanic or Latino", Categorize(ethnicity: [Cdc("2135-2"), Cdc("2148-5")]));
    }

    [Fact]
    public void Categorize_HispanicDetailWithoutOmbCode_IsHispanicOrLatino()
    {
        Assert.Equal("Hispanic or Latino", Categorize(ethnicity: [Cdc("2182-4")])); // Cuban
    }

    [Fact]
    public void Categorize_HispanicAndOneRace_IsHispanicOrLatino()
    {
        // Two-question data: "Hispanic, of any race" (docs/stratifiers.md explains why not multiethnic).
        Assert.Equal("Hispanic or Latino", Categorize([Cdc("2106-3")], [Cdc("2135-2")]));
    }

    [Fact]
    public void Categorize_HispanicAndTwoRaces_IsHispanicOrLatino()
    {
        Assert.Equal("Hispanic or Latino", Categorize([Cdc("2106-3"), Cdc("2054-5")], [Cdc("2135-2")]));
    }

    [Fact]
    public void Categorize_HispanicAndOtherRace_IsHispanicOrLatino()
    {
        Assert.Equal("Hispanic or Latino", Categorize([Cdc("2131-1")], [Cdc("2135-2")]));
    }

    [Fact]
    public void Categorize_TwoOmbRaces_IsMultiracialAndOrMultiethnic()
    {
        Assert.Equal("Multiracial and/or Multiethnic", Categorize([Cdc("2106-3"), Cdc("2054-5")], [Cdc("2186-5")]));
    }

    [Fact]
    public void Categorize_TwoDetailsOfOneCategory_IsThatCategoryAlone()
    {
        Assert.Equal("Asian", Categorize([Cdc("2028-9"), Cdc("2034-7"), Cdc("2039-6")])); // Chinese, Japanese
    }

    [Theory]
    [InlineData("2118-8")] // Middle Eastern or North African
    [InlineData("2119-6")] // Assyrian
    [InlineData("2120-4")] // Egyptian
    [InlineData("2121-2")] // Iranian
    [InlineData("2122-0")] // Iraqi
    [InlineData("2123-8")] // Lebanese
    [InlineData("2124-6")] // Palestinian
    [InlineData("2125-3")] // Syrian
    [InlineData("2126-1")] // Afghanistani
    [InlineData("2127-9")] // Israeli
    [InlineData("2129-5")] // Arab
    public void Categorize_MenaDetailOnly_IsMiddleEasternOrNorthAfrican(string code)
    {
        Assert.Equal("Middle Eastern or North African", Categorize([Cdc(code)]));
    }

    [Fact]
    public void Categorize_MenaDetailUnderWhiteOmbCategory_IsMiddleEasternOrNorthAfricanAlone()
    {
        Assert.Equal("Middle Eastern or North African", Categorize([Cdc("2106-3"), Cdc("2123-8")], [Cdc("2186-5")]));
    }

    [Fact]
    public void Categorize_MenaAndEuropeanDetail_IsMultiracialAndOrMultiethnic()
    {
        Assert.Equal("Multiracial and/or Multiethnic", Categorize([Cdc("2106-3"), Cdc("2121-2"), Cdc("2113-9")])); // Iranian, Irish
    }

    [Fact]
    public void Categorize_MenaAndBlack_IsMultiracialAndOrMultiethnic()
    {
        Assert.Equal("Multiracial and/or Multiethnic", Categorize([Cdc("2106-3"), Cdc("2120-4"), Cdc("2054-5")]));
    }

    [Fact]
    public void Categorize_NoCodes_IsUnknown()
    {
        Assert.Equal("Unknown", Categorize());
    }

    [Fact]
    public void Categorize_UnkRaceAndUnkEthnicity_IsUnknown()
    {
        Assert.Equal("Unknown", Categorize([Null("UNK")], [Null("UNK")]));
    }

    [Fact]
    public void Categorize_AskuRace_IsDeclined()
    {
        Assert.Equal("Declined", Categorize([Null("ASKU")], [Cdc("2186-5")]));
    }

    [Fact]
    public void Categorize_UnkRaceAndAskuEthnicity_IsDeclined()
    {
        Assert.Equal("Declined", Categorize([Null("UNK")], [Null("ASKU")]));
    }

    [Fact]
    public void Categorize_AskuRaceButHispanicEthnicity_IsHispanicOrLatino()
    {
        // A single selection is a complete response (SPD 15, 2024).
        Assert.Equal("Hispanic or Latino", Categorize([Null("ASKU")], [Cdc("2135-2")]));
    }

    [Fact]
    public void Categorize_OtherRaceAlone_IsOtherRace()
    {
        Assert.Equal("Other race", Categorize([Cdc("2131-1")], [Cdc("2186-5")]));
    }

    [Fact]
    public void Categorize_OtherRaceWithAnOmbRace_IsThatRace()
    {
        Assert.Equal("Black or African American", Categorize([Cdc("2131-1"), Cdc("2054-5")]));
    }

    [Fact]
    public void Categorize_NotHispanicOnly_IsUnknown()
    {
        Assert.Equal("Unknown", Categorize(ethnicity: [Cdc("2186-5")]));
    }

    [Fact]
    public void Categorize_CodeFromAnotherSystem_IsIgnored()
    {
        Assert.Equal("Unknown", Categorize([new Coding("http://example.org/local-race", "2106-3")]));
    }

    [Fact]
    public void Categorize_LegacyCdcSystemAndEmptySystem_AreRead()
    {
        Assert.Equal("Asian", Categorize([new Coding("http://terminology.hl7.org/CodeSystem/PHRaceAndEthnicityCDC", "2028-9")]));
        Assert.Equal("White", Categorize([new Coding("", "2106-3")]));
        Assert.Equal("Declined", Categorize([new Coding("", "ASKU")]));
    }

    [Fact]
    public void Categorize_AbstractGroupers_AreIgnored()
    {
        Assert.Equal("Unknown", Categorize([Cdc("1000-9")], [Cdc("2133-7")]));
    }

    [Fact]
    public void MinimumCategories_WhiteBlackAndHispanic_HasAllThree()
    {
        var categories = RaceEthnicity.MinimumCategories(Patient([Cdc("2106-3"), Cdc("2054-5")], [Cdc("2135-2")]));

        Assert.Equal(RaceEthnicityCategories.White | RaceEthnicityCategories.BlackOrAfricanAmerican
            | RaceEthnicityCategories.HispanicOrLatino, categories);
    }

    [Fact]
    public void MinimumCategories_MenaUnderWhite_IsMenaOnly()
    {
        Assert.Equal(RaceEthnicityCategories.MiddleEasternOrNorthAfrican,
            RaceEthnicity.MinimumCategories(Patient([Cdc("2106-3"), Cdc("2118-8")])));
    }

    [Fact]
    public void KnownCategories_EndWithUnknownAfterDeclined()
    {
        var categories = Stratifiers.RaceEthnicity.KnownCategories;

        Assert.Equal(11, categories.Count);
        Assert.Equal(["Multiracial and/or Multiethnic", "Other race", "Declined", "Unknown"], categories.Skip(7));
    }

    [Fact]
    public void Categorize_SameCategoryTwice_ReturnsTheKnownInstance()
    {
        var first = Categorize([Cdc("2106-3")]);
        var second = Categorize([Cdc("2112-1")]);

        Assert.Same(first, second);
        Assert.Same(Stratifiers.RaceEthnicity.KnownCategories[6], first);
    }
}

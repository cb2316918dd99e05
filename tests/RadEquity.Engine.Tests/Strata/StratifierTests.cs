using RadEquity.Engine.Facts;
using RadEquity.Engine.Strata;
using static RadEquity.Engine.Tests.Strata.Patients;

namespace RadEquity.Engine.Tests.Strata;

public sealed class StratifierTests
{
    // Language

    [Theory]
    [InlineData("en", "English")]
    [InlineData("en-US", "English")]
    [InlineData("EN_gb", "English")]
    [InlineData(" es-MX ", "Spanish")]
    [InlineData("zh-Hant-TW", "Chinese")]
    [InlineData("ht", "Haitian Creole")]
    [InlineData("so", "Somali")]
    public void Language_TableSubtag_IsItsEnglishName(string code, string expected)
    {
        Assert.Equal(expected, Categorize(Stratifiers.Language, Patient(language: code)));
    }

    [Theory]
    [InlineData("kri", "kri")]
    [InlineData("KRI-SL", "kri")]
    public void Language_SubtagOutsideTheTable_IsTheSubtagInLowerCase(string code, string expected)
    {
        Assert.Equal(expected, Categorize(Stratifiers.Language, Patient(language: code)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("und")]
    [InlineData("e")]
    [InlineData("12")]
    public void Language_AbsentOrNotALanguage_IsUnknown(string? code)
    {
        Assert.Equal("Unknown", Categorize(Stratifiers.Language, Patient(language: code)));
    }

    [Fact]
    public void Language_InterpreterNeeded_IsNeedsInterpreterInsteadOfTheLanguage()
    {
        Assert.Equal("Needs interpreter", Categorize(Stratifiers.Language, Patient(language: "vi", interpreter: true)));
        Assert.Equal("Vietnamese", Categorize(Stratifiers.Language, Patient(language: "vi", interpreter: false)));
    }

    [Fact]
    public void Language_KnownCategories_EnglishFirstThenNeedsInterpreterThenUnknown()
    {
        var categories = Stratifiers.Language.KnownCategories;

        Assert.Equal("English", categories[0]);
        Assert.Equal(["Needs interpreter", "Unknown"], categories.TakeLast(2));
    }

    // Payer

    [Fact]
    public void Payer_OneActiveCoverage_IsItsCategory()
    {
        Assert.Equal("Private", Categorize(Stratifiers.Payer, Patient(), Coverage(PayerCategory.Private)));
        Assert.Equal("Uninsured/self-pay", Categorize(Stratifiers.Payer, Patient(), Coverage(PayerCategory.Uninsured)));
    }

    [Fact]
    public void Payer_DualEligible_IsMedicaid()
    {
        Assert.Equal("Medicaid",
            Categorize(Stratifiers.Payer, Patient(), Coverage(PayerCategory.Medicare), Coverage(PayerCategory.Medicaid)));
    }

    [Fact]
    public void Payer_MedicareWithPrivateSupplement_IsMedicare()
    {
        Assert.Equal("Medicare",
            Categorize(Stratifiers.Payer, Patient(), Coverage(PayerCategory.Private), Coverage(PayerCategory.Medicare)));
    }

    [Fact]
    public void Payer_InsuranceAndSelfPay_IsTheInsurance()
    {
        Assert.Equal("Other",
            Categorize(Stratifiers.Payer, Patient(), Coverage(PayerCategory.Uninsured), Coverage(PayerCategory.Other)));
    }

    [Fact]
    public void Payer_ExpiredCoverage_IsUnknown()
    {
        var expired = Coverage(PayerCategory.Medicaid, end: ReferenceDate.AddDays(-1));

        Assert.Equal("Unknown", Categorize(Stratifiers.Payer, Patient(), expired));
    }

    [Fact]
    public void Payer_CoverageEndingOnTheReferenceDate_IsActive()
    {
        Assert.Equal("Medicaid", Categorize(Stratifiers.Payer, Patient(), Coverage(PayerCategory.Medicaid, end: ReferenceDate)));
    }

    [Fact]
    public void Payer_CoverageStartingAfterTheReferenceDate_IsUnknown()
    {
        Assert.Equal("Unknown",
            Categorize(Stratifiers.Payer, Patient(), Coverage(PayerCategory.Private, start: ReferenceDate.AddDays(1))));
    }

    [Fact]
    public void Payer_ExpiredMedicaidAndActivePrivate_IsPrivate()
    {
        var expired = Coverage(PayerCategory.Medicaid, end: new DateOnly(2024, 12, 31));

        Assert.Equal("Private", Categorize(Stratifiers.Payer, Patient(), expired, Coverage(PayerCategory.Private)));
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("entered-in-error")]
    [InlineData("draft")]
    public void Payer_InactiveStatus_IsNotCounted(string status)
    {
        Assert.Equal("Unknown", Categorize(Stratifiers.Payer, Patient(), Coverage(PayerCategory.Medicare, status: status)));
    }

    [Fact]
    public void Payer_NoStatusAndNoPeriod_IsActive()
    {
        var coverage = new CoverageFact("p1", PayerCategory.Medicare, [], null, null, null, null);

        Assert.Equal("Medicare", Categorize(Stratifiers.Payer, Patient(), coverage));
    }

    [Fact]
    public void Payer_NoCoverage_IsUnknownNotUninsured()
    {
        Assert.Equal("Unknown", Categorize(Stratifiers.Payer, Patient()));
    }

    // Rurality and deprivation

    [Theory]
    [InlineData("02134", "Urban")] // RUCA 1
    [InlineData("01001", "Urban")] // RUCA 3
    [InlineData("01002", "Rural")] // RUCA 4
    [InlineData("04001", "Rural")] // RUCA 10
    [InlineData("01002-1234", "Rural")]
    [InlineData(" 010021234 ", "Rural")]
    [InlineData("05001", "Unknown")] // RUCA 99: not coded
    [InlineData("99999", "Unknown")] // not in the table
    [InlineData(null, "Unknown")]
    [InlineData("1002", "Unknown")] // leading zero lost: not a ZIP
    [InlineData("K1A 0B1", "Unknown")]
    public void Rurality_ByRucaOfTheZip_RuralFromCode4(string? zip, string expected)
    {
        Assert.Equal(expected, Categorize(Stratifiers.Rurality, Patient(zip: zip)));
    }

    [Theory]
    [InlineData("05001", "ADI quintile 1 (least deprived)")] // 1
    [InlineData("02134", "ADI quintile 1 (least deprived)")] // 20
    [InlineData("01001", "ADI quintile 2")] // 21
    [InlineData("01002", "ADI quintile 4")] // 80
    [InlineData("04001", "ADI quintile 5 (most deprived)")] // 81
    [InlineData("06001", "ADI quintile 5 (most deprived)")] // 100
    [InlineData("07001", "Unknown")]
    public void Deprivation_ByNationalPercentile_QuintileBoundariesAt20And80(string zip, string expected)
    {
        Assert.Equal(expected, Categorize(Stratifiers.Deprivation, Patient(zip: zip)));
    }

    [Fact]
    public void OrderedStratifiers_MostDisadvantagedFirst()
    {
        Assert.True(Stratifiers.Rurality.IsOrdered);
        Assert.Equal(["Rural", "Urban", "Unknown"], Stratifiers.Rurality.KnownCategories);
        Assert.True(Stratifiers.Deprivation.IsOrdered);
        Assert.Equal("ADI quintile 5 (most deprived)", Stratifiers.Deprivation.KnownCategories[0]);
        Assert.Equal("ADI quintile 1 (least deprived)", Stratifiers.Deprivation.KnownCategories[4]);
        Assert.False(Stratifiers.Payer.IsOrdered);
    }

    [Fact]
    public void Rurality_EmptyAreaLookup_IsUnknown()
    {
        var context = new StratificationContext(ReferenceDate, AreaLookup.Empty);

        Assert.Equal("Unknown", Stratifiers.Rurality.Categorize(Patient(), [], context));
        Assert.Equal("Unknown", Stratifiers.Deprivation.Categorize(Patient(), [], context));
    }

    // Age band and sex

    [Theory]
    [InlineData(1986, 1, 1, "<40")] // 39, turning 40 the next day
    [InlineData(1985, 12, 31, "40–49")] // 40th birthday on the reference date
    [InlineData(1976, 1, 1, "40–49")] // 49
    [InlineData(1975, 12, 31, "50–64")] // 50 on the reference date
    [InlineData(1961, 1, 1, "50–64")] // 64, turning 65 the next day
    [InlineData(1960, 12, 31, "65–74")] // 65 on the reference date
    [InlineData(1951, 1, 1, "65–74")] // 74
    [InlineData(1950, 12, 31, "75+")] // 75 on the reference date
    public void AgeBand_OnTheBirthdayAndTheDayBefore_ChangesOnTheBirthday(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, Categorize(Stratifiers.AgeBand, Patient(birthDate: new DateOnly(year, month, day))));
    }

    [Fact]
    public void AgeBand_29FebruaryBirthday_CompletesTheYearOn1MarchInACommonYear()
    {
        var leapBirthday = new DateOnly(1960, 2, 29);

        Assert.Equal("50–64", Stratifiers.AgeBandOf(leapBirthday, new DateOnly(2025, 2, 28))); // 64
        Assert.Equal("65–74", Stratifiers.AgeBandOf(leapBirthday, new DateOnly(2025, 3, 1))); // 65
        Assert.Equal("65–74", Stratifiers.AgeBandOf(new DateOnly(1956, 2, 29), new DateOnly(2024, 2, 29))); // 68 on a leap day
    }

    [Fact]
    public void AgeBand_NoBirthDateOrBornAfterTheReferenceDate_IsUnknown()
    {
        var patient = Patient() with { BirthDate = null };

        Assert.Equal("Unknown", Categorize(Stratifiers.AgeBand, patient));
        Assert.Equal("Unknown", Categorize(Stratifiers.AgeBand, Patient(birthDate: ReferenceDate.AddDays(1))));
    }

    [Theory]
    [InlineData(AdministrativeSex.Female, "Female")]
    [InlineData(AdministrativeSex.Male, "Male")]
    [InlineData(AdministrativeSex.Other, "Other")]
    [InlineData(AdministrativeSex.Unknown, "Unknown")]
    public void Sex_AdministrativeSex_IsItsCategory(AdministrativeSex sex, string expected)
    {
        Assert.Equal(expected, Categorize(Stratifiers.Sex, Patient(sex: sex)));
    }

    // Crosses and the standard set

    [Fact]
    public void Cross_RaceByPayer_CombinesBothCategories()
    {
        var patient = Patient([Cdc("2054-5")]);

        Assert.Equal("Black or African American × Medicaid",
            Categorize(Stratifiers.RaceEthnicityByPayer, patient, Coverage(PayerCategory.Medicaid)));
        Assert.Equal("Black or African American × Unknown", Categorize(Stratifiers.RaceEthnicityByPayer, patient));
    }

    [Fact]
    public void Cross_UnknownOnBoth_IsUnknown()
    {
        Assert.Equal("Unknown", Categorize(Stratifiers.LanguageByRurality, Patient(language: null, zip: null)));
    }

    [Fact]
    public void Cross_OpenEndedLanguage_CombinesTheSubtag()
    {
        Assert.Equal("kri × Rural", Categorize(Stratifiers.LanguageByRurality, Patient(language: "kri", zip: "01002")));
    }

    [Fact]
    public void Cross_KnownCategories_AreEveryPairEndingWithUnknown()
    {
        var cross = Stratifiers.RaceEthnicityByPayer;

        Assert.Equal("race-ethnicity-x-payer", cross.Id);
        Assert.Equal(11 * 6, cross.KnownCategories.Count);
        Assert.Equal("American Indian or Alaska Native × Medicare", cross.KnownCategories[0]);
        Assert.Equal("Unknown", cross.KnownCategories[^1]);
        Assert.False(cross.IsOrdered);
    }

    [Fact]
    public void Cross_KnownPair_ReturnsTheKnownInstance()
    {
        var category = Categorize(Stratifiers.LanguageByRurality, Patient(language: "es", zip: "01002"));

        Assert.Same(Stratifiers.LanguageByRurality.KnownCategories[Stratifiers.LanguageByRurality.IndexOf("Spanish × Rural")], category);
    }

    [Fact]
    public void Standard_IdsAreTheDocumentedOnes_AndEveryListEndsWithUnknown()
    {
        Assert.Equal(
            ["race-ethnicity", "language", "payer", "rurality", "deprivation", "age-band", "sex", "race-ethnicity-x-payer",
                "language-x-rurality"],
            Stratifiers.Standard.Select(s => s.Id));
        Assert.All(Stratifiers.Standard, s => Assert.Equal("Unknown", s.KnownCategories[^1]));
        Assert.Same(Stratifiers.Payer, Stratifiers.Find("payer"));
        Assert.Null(Stratifiers.Find("zodiac"));
    }

    [Fact]
    public void Constructor_CategoriesWithoutUnknownLast_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Stratifier("x", "X", false, ["Unknown", "A"], (_, _, _) => "A"));
        Assert.Throws<ArgumentException>(() => new Stratifier("x", "X", false, ["A", "A", "Unknown"], (_, _, _) => "A"));
    }

    [Fact]
    public void Categorize_StandardStratifiers_DoNotAllocatePerPatient()
    {
        var patient = Patient([Cdc("2106-3"), Cdc("2123-8")], [Cdc("2186-5")], language: "es-MX", zip: "01002-1234");
        CoverageFact[] coverages = [Coverage(PayerCategory.Medicare), Coverage(PayerCategory.Medicaid)];
        var stratifiers = Stratifiers.Standard.ToArray();
        foreach (var s in stratifiers)
        {
            s.Categorize(patient, coverages, Context);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            foreach (var s in stratifiers)
            {
                s.Categorize(patient, coverages, Context);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

using RadEquity.Engine.Strata;

namespace RadEquity.Engine.Tests.Strata;

public sealed class AreaLookupTests
{
    private static AreaLookup Ruca(string csv) => AreaLookup.Load(new StringReader(csv), null);

    private static AreaLookup Adi(string csv) => AreaLookup.Load(null, new StringReader(csv));

    [Fact]
    public void Load_GeneratorFormats_ReadsBothTables()
    {
        var areas = AreaLookup.Load(
            new StringReader("zip,ruca\n00501,1\n02134,7\n"),
            new StringReader("zip,adi_national_percentile,adi_state_decile\n00501,55,6\n02134,91,10\n"));

        Assert.Equal(2, areas.RucaZipCount);
        Assert.Equal(2, areas.DeprivationZipCount);
        Assert.True(areas.TryGetRuca("00501", out var ruca));
        Assert.Equal(1, ruca);
        Assert.True(areas.TryGetAdiNationalPercentile("02134-0001", out var adi));
        Assert.Equal(91, adi);
        Assert.False(areas.TryGetRuca("501", out _));
    }

    [Fact]
    public void Load_ErsColumnNamesQuotesAndExtraColumns_AreAccepted()
    {
        var areas = Ruca("\uFEFF\"ZIP_CODE\",STATE,ZIP_TYPE,RUCA1,RUCA2\n\"01002\",\"MA\",\"Zip Code Area\",4,4.1\n\n");

        Assert.True(areas.TryGetRuca("01002", out var ruca));
        Assert.Equal(4, ruca);
    }

    [Fact]
    public void Load_NotARucaCode_NamesSourceLineAndField()
    {
        var error = Assert.Throws<InvalidDataException>(() => Ruca("zip,ruca\n01001,1\n01002,x\n"));

        Assert.Equal("zip-ruca.csv line 3, field 'ruca': 'x' is not a RUCA primary code 1-10 (or 99, not coded).", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("4.1")]
    public void Load_RucaOutOfRange_Throws(string value)
    {
        var error = Assert.Throws<InvalidDataException>(() => Ruca("zip,ruca\n01002," + value + "\n"));

        Assert.StartsWith("zip-ruca.csv line 2, field 'ruca': '" + value + "'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ZipWithLeadingZeroLost_NamesTheZipField()
    {
        var error = Assert.Throws<InvalidDataException>(() => Ruca("zip,ruca\n501,1\n"));

        Assert.Equal("zip-ruca.csv line 2, field 'zip': '501' is not a 5-digit ZIP code (were leading zeros lost?).", error.Message);
    }

    [Fact]
    public void Load_DuplicateZip_NamesBothLines()
    {
        var error = Assert.Throws<InvalidDataException>(() => Ruca("zip,ruca\n01001,1\n01002,2\n01001-0000,1\n"));

        Assert.Equal("zip-ruca.csv line 4, field 'zip': ZIP 01001 is already given on line 2.", error.Message);
    }

    [Fact]
    public void Load_MissingValue_NamesTheField()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            AreaLookup.Load(null, new StringReader("zip,adi_national_percentile\n01001,\n"), deprivationSource: "adi.csv"));

        Assert.Equal("adi.csv line 2, field 'adi_national_percentile': the value is missing.", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("50.5")]
    public void Load_AdiOutOfRange_NamesLineAndField(string value)
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            Adi("zip,adi_national_percentile,adi_state_decile\n01001," + value + ",3\n"));

        Assert.Equal($"zip-deprivation.csv line 2, field 'adi_national_percentile': '{value}' is not a national ADI percentile 1-100.",
            error.Message);
    }

    [Fact]
    public void Load_MissingColumn_NamesTheHeader()
    {
        var error = Assert.Throws<InvalidDataException>(() => Ruca("zip,code\n01001,1\n"));

        Assert.Equal("zip-ruca.csv line 1: no column 'ruca' in the header 'zip,code'.", error.Message);
    }

    [Fact]
    public void Load_EmptyFile_Throws()
    {
        var error = Assert.Throws<InvalidDataException>(() => Ruca(""));

        Assert.StartsWith("zip-ruca.csv line 1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnclosedQuote_NamesTheLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => Ruca("zip,ruca\n\"01001,1\n"));

        Assert.Equal("zip-ruca.csv line 2: a quoted field is not closed.", error.Message);
    }

    [Fact]
    public void Load_RucaNotCodedAndAdiSuppressed_AreRowsWithoutAValue()
    {
        var areas = AreaLookup.Load(new StringReader("zip,ruca\n01001,99\n"),
            new StringReader("zip,adi_national_percentile\n01001,GQ\n01002,PH\n"));

        Assert.Equal(1, areas.RucaZipCount);
        Assert.Equal(2, areas.DeprivationZipCount);
        Assert.False(areas.TryGetRuca("01001", out _));
        Assert.False(areas.TryGetAdiNationalPercentile("01001", out _));
    }

    [Theory]
    [InlineData("02134", true)]
    [InlineData(" 02134 ", true)]
    [InlineData("02134-1234", true)]
    [InlineData("021341234", true)]
    [InlineData("2134", false)]
    [InlineData("02134-12", false)]
    [InlineData("0213A", false)]
    [InlineData("", false)]
    public void TryParseZip_FiveDigitsWithOptionalPlusFour(string text, bool expected)
    {
        Assert.Equal(expected, AreaLookup.TryParseZip(text, out var zip));
        Assert.Equal(expected ? 2134 : 0, zip);
    }
}

using RadEquity.Web.Features.Coalition.Community;

namespace RadEquity.Web.Tests.Features.Coalition.Community;

public sealed class CertificateCodesTests
{
    [Fact]
    public void New_ManyCodes_TwelveCrockfordCharactersAndNoRepeats()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => CertificateCodes.New()).ToList();

        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{12}$", c));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        // Every symbol turns up: the five bits taken from each byte are not stuck.
        Assert.Equal(32, codes.SelectMany(c => c).Distinct().Count());
    }

    [Theory]
    [InlineData("7k2m-qx9d-4hrt", "7K2MQX9D4HRT")]
    [InlineData(" 7K2M QX9D 4HRT ", "7K2MQX9D4HRT")]
    [InlineData("7K2M-QX9D-4HRo", "7K2MQX9D4HR0")]
    [InlineData("1il0-oooo-aaaa", "11100000AAAA")]
    public void Normalise_TypedVariants_TheStoredCode(string typed, string expected) =>
        Assert.Equal(expected, CertificateCodes.Normalise(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7K2M-QX9D-4HR")]
    [InlineData("7K2M-QX9D-4HRTX")]
    [InlineData("7K2M-QX9D-4HRU")]
    [InlineData("7K2M'; DROP--")]
    public void Normalise_NotACode_Null(string? typed) => Assert.Null(CertificateCodes.Normalise(typed));

    [Fact]
    public void Display_Code_ThreeGroupsOfFour() => Assert.Equal("7K2M-QX9D-4HRT", CertificateCodes.Display("7K2MQX9D4HRT"));
}

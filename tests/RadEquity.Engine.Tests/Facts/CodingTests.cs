using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Engine.Tests.Facts;

public sealed class CodingTests
{
    [Fact]
    public void JoinThenSplit_SeveralCodings_RoundTrips()
    {
        Coding[] codings = [new(Coding.Loinc, "24606-6"), new(Coding.Snomed, "397138000"), new("", "local")];

        var text = Coding.Join(codings);

        Assert.Equal("http://loinc.org|24606-6 http://snomed.info/sct|397138000 |local", text);
        Assert.Equal(codings, Coding.Split(text));
    }

    [Fact]
    public void Split_NullOrEmpty_IsEmpty()
    {
        Assert.Empty(Coding.Split(null));
        Assert.Empty(Coding.Split(""));
    }

    [Fact]
    public void Parse_SystemWithBars_SplitsAtTheLastBar()
    {
        Assert.Equal(new Coding("urn:x|y", "1"), Coding.Parse("urn:x|y|1"));
    }

    [Fact]
    public void BatchResultAddition_SumsEveryCount()
    {
        var sum = new BatchResult(1, 2, 3, 4, 5) + new BatchResult(10, 20, 30, 40, 50);

        Assert.Equal(new BatchResult(11, 22, 33, 44, 55), sum);
    }
}

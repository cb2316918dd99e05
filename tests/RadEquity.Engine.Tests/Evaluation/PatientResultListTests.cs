using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;

namespace RadEquity.Engine.Tests.Evaluation;

public sealed class PatientResultListTests
{
    private static PatientResult Result(int n) =>
        new("test", "p" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), "cms125", MeasureResult.NotApplicable);

    [Fact]
    public void Append_ListsOfSeveralBlocks_KeepsTheirOrderForIndexAndEnumeration()
    {
        var all = new PatientResultList();
        var expected = new List<PatientResult>();
        var n = 0;
        foreach (var size in new[] { 0, 1, 1024, 2500, 3, 1023 })
        {
            var part = new PatientResultList();
            for (var i = 0; i < size; i++)
            {
                part.Add(Result(n));
                expected.Add(Result(n++));
            }

            all.Append(part);
        }

        Assert.Equal(expected.Count, all.Count);
        Assert.Equal(expected, all);
        Assert.Equal(expected, Enumerable.Range(0, all.Count).Select(i => all[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => all[all.Count]);
    }

    [Fact]
    public void Add_AfterAppend_DoesNotWriteIntoTheAppendedBlock()
    {
        var part = new PatientResultList();
        part.Add(Result(0));
        var all = new PatientResultList();
        all.Append(part);

        all.Add(Result(1));

        Assert.Equal([Result(0), Result(1)], all);
        Assert.Equal([Result(0)], part);
    }
}

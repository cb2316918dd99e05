using RadEquity.Engine.Disclosure;
using RadEquity.Engine.Statistics;

namespace RadEquity.Engine.Tests.Disclosure;

public sealed class SmallCellGateTests
{
    [Fact]
    public void Disclose_OneSmallCell_AlsoSuppressesTheNextSmallest()
    {
        var release = OneWay(("A", new(8, 4)), ("B", new(50, 20)), ("C", new(200, 90)), ("D", new(30, 15)));

        var table = SmallCellGate.Disclose(release).Tables.Single();

        Assert.Equal([true, false, false, true], table.Cells.Select(c => c.IsSuppressed));
    }

    [Fact]
    public void Disclose_ZeroCount_IsShown()
    {
        var release = OneWay(("A", new(0, 0)), ("B", new(50, 20)), ("C", new(40, 20)));

        var cells = SmallCellGate.Disclose(release).Tables.Single().Cells;

        Assert.All(cells, c => Assert.False(c.IsSuppressed));
        Assert.Equal(0, cells[0].Counts!.Value.Denominator);
        Assert.True(double.IsNaN(cells[0].Rate!.Value));
    }

    [Theory]
    [InlineData(100, 7, 0)] // numerator
    [InlineData(100, 95, 0)] // complement reveals the numerator
    [InlineData(100, 50, 3)] // exclusions
    [InlineData(10, 0, 0)] // denominator
    public void Disclose_AnySmallCount_SuppressesTheWholeCell(long denominator, long numerator, long exclusions)
    {
        var release = OneWay(("A", new(denominator, numerator, exclusions)), ("B", new(60, 30)), ("C", new(80, 40)));

        var cell = SmallCellGate.Disclose(release).Tables.Single().Cells[0];

        Assert.True(cell.IsSuppressed);
        Assert.Null(cell.Counts);
        Assert.Null(cell.Rate);
        Assert.Null(cell.Interval);
    }

    [Fact]
    public void Disclose_TwoSmallCellsSummingToASmallCount_SuppressesAThird()
    {
        // A + B = 7 people would be derivable from the total: a small count in itself.
        var release = OneWay(("A", new(4, 2)), ("B", new(3, 1)), ("C", new(500, 250)), ("D", new(60, 30)));

        var table = SmallCellGate.Disclose(release).Tables.Single();

        Assert.Equal([true, true, false, true], table.Cells.Select(c => c.IsSuppressed));
    }

    [Fact]
    public void Disclose_SmallTotalComplement_SuppressesTotalWithItsSmallCellOnly()
    {
        // Complements 0 and 8: the total (complement 8) and B are suppressed; two unknowns in one line stay unknown.
        var release = OneWay(("A", new(300, 300)), ("B", new(400, 392)));

        var disclosed = SmallCellGate.Disclose(release);

        Assert.True(disclosed.Total.IsSuppressed);
        Assert.Equal([false, true], disclosed.Tables.Single().Cells.Select(c => c.IsSuppressed));
    }

    [Fact]
    public void Disclose_PublishedCell_HasRateAndRequestedInterval()
    {
        var release = OneWay(("A", new(400, 220)), ("B", new(500, 360)));

        var disclosed = SmallCellGate.Disclose(release, ConfidenceLevel.NinetyNine, IntervalMethod.ClopperPearson);
        var cell = disclosed.Tables.Single().Cells[0];

        Assert.Equal(0.55, cell.Rate!.Value, 1e-12);
        Assert.Equal(ConfidenceIntervals.ClopperPearson(new Proportion(220, 400), ConfidenceLevel.NinetyNine), cell.Interval);
        Assert.Equal(900, disclosed.Total.Counts!.Value.Denominator);
        Assert.Same(ConfidenceLevel.NinetyNine, disclosed.Level);
    }

    [Fact]
    public void Disclose_CrossOnly_PublishesItsMarginsAsOneWayTables()
    {
        var cross = new AggregateTable(["race", "payer"],
        [
            new(["White", "Medicare"], new(120, 80)), new(["White", "Medicaid"], new(40, 20)),
            new(["Black", "Medicare"], new(60, 30)), new(["Black", "Medicaid"], new(50, 25)),
        ]);

        var disclosed = SmallCellGate.Disclose(new AggregateRelease("BCS", [cross]));

        Assert.Equal([["race", "payer"], ["race"], ["payer"]], disclosed.Tables.Select(t => t.Stratifiers.ToArray()));
        Assert.Equal([160L, 110L], disclosed.Tables[1].Cells.Select(c => c.Counts!.Value.Denominator));
        Assert.Equal(270, disclosed.Total.Counts!.Value.Denominator);
    }

    [Fact]
    public void Disclose_CrossWithOneSmallCell_SuppressesAFourCellRectangle()
    {
        var cross = new AggregateTable(["race", "payer"],
        [
            new(["White", "Medicare"], new(120, 80)), new(["White", "Medicaid"], new(40, 20)),
            new(["Black", "Medicare"], new(60, 30)), new(["Black", "Medicaid"], new(9, 5)),
            new(["Asian", "Medicare"], new(90, 45)), new(["Asian", "Medicaid"], new(70, 35)),
        ]);

        var disclosed = SmallCellGate.Disclose(new AggregateRelease("BCS", [cross]));
        var hidden = disclosed.Tables[0].Cells.Where(c => c.IsSuppressed).Select(c => string.Join('/', c.Categories));

        Assert.Equal(["Black/Medicaid", "Black/Medicare", "White/Medicaid", "White/Medicare"], hidden.Order(StringComparer.Ordinal));
        Assert.All(disclosed.Tables.Skip(1).SelectMany(t => t.Cells), c => Assert.False(c.IsSuppressed));
    }

    [Fact]
    public void Disclose_TablesWithDifferentTotals_Throws()
    {
        var release = new AggregateRelease("BCS",
        [
            new(["race"], [new(["A"], new(100, 50))]),
            new(["payer"], [new(["P"], new(90, 50))]),
        ]);

        Assert.Throws<ArgumentException>(() => SmallCellGate.Disclose(release));
    }

    [Fact]
    public void Disclose_CrossMarginDisagreesWithOneWayTable_Throws()
    {
        var release = new AggregateRelease("BCS",
        [
            new(["race"], [new(["A"], new(60, 30)), new(["B"], new(40, 20))]),
            new(["race", "payer"], [new(["A", "P"], new(50, 30)), new(["B", "P"], new(50, 20))]),
        ]);

        Assert.Throws<ArgumentException>(() => SmallCellGate.Disclose(release));
    }

    [Fact]
    public void Disclose_RepeatedCategory_Throws()
    {
        var release = OneWay(("A", new(60, 30)), ("A", new(40, 20)));

        Assert.Throws<ArgumentException>(() => SmallCellGate.Disclose(release));
    }

    [Fact]
    public void CellCounts_NumeratorAboveDenominator_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CellCounts(5, 6));
    }

    [Fact]
    public void FirstExposed_BridgeBetweenTwoRectangles_FindsTheBridge()
    {
        // A 4×4 cross whose suppressed cells form two 2×2 rectangles joined by cell (1,2): every row and column
        // holds two or more suppressed cells, yet rows 0-1 minus columns 0-1 isolate the bridge.
        var cells = Enumerable.Range(0, 16).ToArray();
        var rowMargins = Enumerable.Range(16, 4).ToArray();
        var columnMargins = Enumerable.Range(20, 4).ToArray();
        var lines = Enumerable.Range(0, 4)
            .Select(r => new Line(rowMargins[r], cells.Skip(4 * r).Take(4).ToArray()))
            .Concat(Enumerable.Range(0, 4).Select(c => new Line(columnMargins[c], cells.Where(e => e % 4 == c).ToArray())))
            .ToList();
        var suppressed = new bool[24];
        foreach (var cell in new[] { 0, 1, 4, 5, 6, 10, 11, 14, 15 })
        {
            suppressed[cell] = true;
        }

        Assert.Equal(6, ExposureAudit.FirstExposed(lines, suppressed));
        suppressed[7] = true;
        suppressed[3] = true;
        Assert.Equal(-1, ExposureAudit.FirstExposed(lines, suppressed));
    }

    private static AggregateRelease OneWay(params (string Category, CellCounts Counts)[] cells) =>
        new("BCS", [new AggregateTable(["race"], cells.Select(c => new AggregateCell([c.Category], c.Counts)).ToArray())]);
}

using RadEquity.Data.Model;
using RadEquity.Web.Features.Worklist;

namespace RadEquity.Web.Tests.Features.Worklist;

/// <summary>The priority score's parts and order, and the equity option's allotment.</summary>
public sealed class PriorityTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Fact]
    public void Score_NoActiveModel_UrgencyPlusOverdueAndNoRiskPart()
    {
        var item = Item("cms125", Today.AddDays(-50));

        var score = PriorityScore.Of(item, Today, probability: null);

        Assert.Equal((Urgency.Screening, 100, 50, 10.0), (score.Urgency, score.UrgencyPoints, score.DaysOverdue, score.OverduePoints));
        Assert.Null(score.MissRisk);
        Assert.Equal(0, score.RiskPoints);
        Assert.Equal(110, score.Total);
    }

    [Fact]
    public void Score_ActiveModel_AddsTheRiskPart()
    {
        var score = PriorityScore.Of(Item("cms130", Today), Today, 0.6);

        Assert.Equal(0.6, score.MissRisk);
        Assert.Equal(15, score.RiskPoints);
        Assert.Equal(115, score.Total);
    }

    [Fact]
    public void Score_BiRadsWorkUpJustDue_OutranksAYearOverdueFollowUpAndScreeningWithTheHighestRisk()
    {
        double? risk = 1;
        var workUp = PriorityScore.Of(Item("bi-rads-resolution-60", Today), Today, 0);
        var followUp = PriorityScore.Of(Item("lung-rads-follow-up", Today.AddDays(-900)), Today, risk);
        var screening = PriorityScore.Of(Item("cms125", Today.AddDays(-900)), Today, risk);

        Assert.True(workUp.Total > followUp.Total, $"{workUp.Total} > {followUp.Total}");
        Assert.True(followUp.Total > screening.Total, $"{followUp.Total} > {screening.Total}");
        Assert.Equal(73, followUp.OverduePoints);
    }

    [Fact]
    public void Score_NotYetDue_NoOverduePoints()
    {
        var score = PriorityScore.Of(Item("cms125", Today.AddDays(10)), Today, probability: null);

        Assert.Equal((0, 0.0), (score.DaysOverdue, score.OverduePoints));
    }

    [Fact]
    public void Barriers_UninsuredRuralNoShowsAndSpanish_AllFour()
    {
        var item = Item("cms125", Today);
        item.Payer = "Uninsured/self-pay";
        item.Rurality = "Rural";
        item.PriorNoShows = 2;
        item.Language = "Spanish";

        Assert.Equal([Barriers.Uninsured, Barriers.Rural, Barriers.PriorNoShows, Barriers.Interpreter], Barriers.Of(item));
    }

    [Fact]
    public void Barriers_InsuredUrbanEnglish_None()
    {
        var item = Item("cms125", Today);
        item.Payer = "Private";
        item.Rurality = "Urban";
        item.Language = "English";

        Assert.Empty(Barriers.Of(item));
    }

    [Fact]
    public void GapsToReference_BestSizeableCategoryIsTheReference()
    {
        var gaps = EquityAllocation.GapsToReference([("A", 100, 80), ("B", 100, 50), ("C", 5, 5), ("Unknown", 100, 90)]);

        Assert.Equal(0, gaps["A"], 6);
        Assert.Equal(0.3, gaps["B"], 6);
        // Too small to be the reference, and above it: no gap.
        Assert.Equal(0, gaps["C"], 6);
        Assert.Equal(0, gaps["Unknown"], 6);
    }

    [Fact]
    public void Interleave_GroupsWeightedByGap_LargerGapReachedFirstAndInProportion()
    {
        // Group "wide" is 0.30 behind, "narrow" 0.10: of the first eight turns, wide takes about three in four.
        var items = Enumerable.Range(0, 20).Select(i => ("narrow", i)).Concat(Enumerable.Range(0, 20).Select(i => ("wide", i))).ToList();

        var order = EquityAllocation.Interleave(items, x => x.Item1, g => g == "wide" ? 0.30 : 0.10);

        Assert.Equal("wide", order[0].Item1);
        Assert.Equal(6, order.Take(8).Count(x => x.Item1 == "wide"));
        Assert.Equal(40, order.Count);
        // Within a group the priority order is kept.
        Assert.Equal(Enumerable.Range(0, 20), order.Where(x => x.Item1 == "narrow").Select(x => x.Item2));
    }

    [Fact]
    public void Interleave_GroupAtTheReference_StillServedOnceOthersRunOut()
    {
        var items = new[] { ("at-reference", 1), ("behind", 1), ("behind", 2) };

        var order = EquityAllocation.Interleave(items, x => x.Item1, g => g == "behind" ? 0.2 : 0);

        Assert.Equal(["behind", "behind", "at-reference"], order.Select(x => x.Item1));
    }

    private static WorkItemRow Item(string measure, DateOnly due) => new()
    {
        Source = "demo",
        PatientId = "p-1",
        MeasureId = measure,
        DueDate = due,
        Language = "English",
        Payer = "Private",
        Rurality = "Urban",
    };
}

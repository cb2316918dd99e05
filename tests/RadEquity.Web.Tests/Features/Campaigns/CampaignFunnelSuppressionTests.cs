using RadEquity.Data.Model;
using RadEquity.Engine.Disclosure;
using RadEquity.Web.Features.Campaigns;

namespace RadEquity.Web.Tests.Features.Campaigns;

/// <summary>The funnel per stratum goes through the small-cell gate: nothing from 1 to 10 is shown.</summary>
public sealed class CampaignFunnelSuppressionTests
{
    [Fact]
    public void ByStratum_LargeCells_ArePublishedAsCounted()
    {
        var progress = Group("Medicaid", 40, 25, 20, 11).Concat(Group("Private", 30, 30, 14, 0)).ToList();

        var strata = CampaignTracking.ByStratum("cms125", "payer", progress);

        Assert.Equal(
            [new StratumFunnel("Medicaid", 40, 25, 20, 11), new StratumFunnel("Private", 30, 30, 14, 0)],
            strata);
    }

    [Fact]
    public void ByStratum_SmallGroupOrStep_IsSuppressedAndNoPublishedCountIsSmall()
    {
        var progress = Group("Medicaid", 40, 30, 12, 3).Concat(Group("Private", 5, 5, 0, 0)).Concat(Group("Medicare", 25, 20, 11, 0)).ToList();

        var strata = CampaignTracking.ByStratum("cms125", "payer", progress).ToDictionary(s => s.Category);

        Assert.Equal(new StratumFunnel("Private", null, null, null, null), strata["Private"]);
        Assert.Null(strata["Medicaid"].Completed);
        Assert.Null(strata["Medicaid"].Members);
        // 20 of 25 contacted: the 5 not contacted could be worked out, so the cell is withheld.
        Assert.Null(strata["Medicare"].Contacted);
        Assert.All(strata.Values.SelectMany(s => new[] { s.Members, s.Contacted, s.Scheduled, s.Completed }).OfType<long>(),
            n => Assert.False(SmallCellGate.IsSmall(n), $"{n} was published"));
    }

    private static IEnumerable<MemberProgress> Group(string category, int members, int contacted, int scheduled, int completed) =>
        Enumerable.Range(0, members).Select(i => new MemberProgress(new CampaignMemberRow(), i < contacted, i < scheduled, i < completed, category));
}

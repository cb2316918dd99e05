using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Worklist;

/// <summary>How urgent a gap is clinically, most urgent first in the score.</summary>
internal enum Urgency
{
    Screening = 1,
    FollowUp = 2,
    /// <summary>An abnormal mammogram (BI-RADS 0, 4 or 5) without its diagnostic resolution.</summary>
    BiRadsWorkUp = 3,
}

/// <summary>
/// The measures whose open gaps become work items, with their urgency. Left out on purpose, because they would make a
/// second item for the same exam: the USPSTF breast variant (the same mammogram as CMS125) and the 90-day BI-RADS
/// resolution (the same abnormal result as the 60-day one, whose gap opens first).
/// </summary>
internal static class WorklistMeasures
{
    public static readonly IReadOnlyDictionary<string, Urgency> UrgencyOf = new Dictionary<string, Urgency>(StringComparer.Ordinal)
    {
        ["bi-rads-resolution-60"] = Urgency.BiRadsWorkUp,
        ["bi-rads-3-short-interval"] = Urgency.FollowUp,
        ["lung-rads-follow-up"] = Urgency.FollowUp,
        ["cms125"] = Urgency.Screening,
        ["cms130"] = Urgency.Screening,
        ["lung-uspstf-2021"] = Urgency.Screening,
    };

    public static readonly IReadOnlyList<string> Ids = [.. UrgencyOf.Keys];
}

/// <summary>The risk model's answers for a set of work items.</summary>
/// <param name="Model">The active model's name and version, or null when none is active.</param>
/// <param name="ByItem">Probability of not completing, by work item id (items whose patient is not in the store have none).</param>
internal sealed record RiskScores(string? Model, IReadOnlyDictionary<long, double> ByItem)
{
    public static readonly RiskScores None = new(null, new Dictionary<long, double>());

    /// <summary>The item's probability, or null.</summary>
    public double? Of(long itemId) => ByItem.TryGetValue(itemId, out var p) ? p : null;
}

/// <summary>
/// The predicted probability that a patient does not complete the due exam of each work item. The active risk model
/// implements this (<see cref="ModelRiskScorer"/>); without one every answer is missing and the score leaves the part out.
/// </summary>
internal interface IMissRiskScorer
{
    /// <summary>Scores <paramref name="items"/> as of <paramref name="today"/>, in a few queries for all of them.</summary>
    Task<RiskScores> ScoreAsync(IReadOnlyCollection<WorkItemRow> items, DateOnly today, CancellationToken cancellationToken);
}

/// <summary>The scorer while no risk model is active.</summary>
internal sealed class NoActiveRiskModel : IMissRiskScorer
{
    public Task<RiskScores> ScoreAsync(IReadOnlyCollection<WorkItemRow> items, DateOnly today, CancellationToken cancellationToken) =>
        Task.FromResult(RiskScores.None);
}

/// <summary>
/// An item's priority, in parts that add up: clinical urgency (100 per level, so a BI-RADS work-up always comes before
/// any other follow-up, and a follow-up before any screening), days overdue (one point per 5 days, at most 73 after a
/// year) and the predicted risk of not completing (up to 25 points). The overdue and risk parts together stay below
/// 100, so they order items within an urgency level only.
/// </summary>
internal sealed record PriorityScore(Urgency Urgency, int UrgencyPoints, int DaysOverdue, double OverduePoints, double? MissRisk, double RiskPoints)
{
    public const int PointsPerUrgencyLevel = 100;
    public const int OverdueCapDays = 365;
    public const double DaysPerPoint = 5;
    public const double RiskWeight = 25;

    public double Total => UrgencyPoints + OverduePoints + RiskPoints;

    /// <summary>The score of <paramref name="item"/> on <paramref name="today"/> (days overdue count to today, not to the
    /// run's as-of date: navigators act now).</summary>
    public static PriorityScore Of(WorkItemRow item, DateOnly today, double? probability)
    {
        ArgumentNullException.ThrowIfNull(item);
        var urgency = WorklistMeasures.UrgencyOf.GetValueOrDefault(item.MeasureId, Urgency.Screening);
        var overdue = item.DueDate is { } due ? Math.Max(0, today.DayNumber - due.DayNumber) : 0;
        if (probability is { } p)
        {
            probability = Math.Clamp(p, 0, 1);
        }

        return new PriorityScore(urgency, (int)urgency * PointsPerUrgencyLevel, overdue,
            Math.Round(Math.Min(overdue, OverdueCapDays) / DaysPerPoint, 1), probability,
            probability is { } q ? Math.Round(q * RiskWeight, 1) : 0);
    }
}

/// <summary>The barriers a navigator should address for an item, from its stratum categories and no-show count.</summary>
internal static class Barriers
{
    public const string Uninsured = "uninsured";
    public const string Rural = "rural";
    public const string PriorNoShows = "prior-no-shows";
    public const string Interpreter = "interpreter";

    public static readonly IReadOnlyList<string> All = [Uninsured, Rural, PriorNoShows, Interpreter];

    public static IReadOnlyList<string> Of(WorkItemRow item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var barriers = new List<string>(4);
        if (item.Payer == "Uninsured/self-pay")
        {
            barriers.Add(Uninsured);
        }

        if (item.Rurality == "Rural")
        {
            barriers.Add(Rural);
        }

        if (item.PriorNoShows > 0)
        {
            barriers.Add(PriorNoShows);
        }

        if (NeedsInterpreter(item.Language))
        {
            barriers.Add(Interpreter);
        }

        return barriers;
    }

    /// <summary>The language stratifier says "Needs interpreter" when the record says so; any language other than
    /// English is taken as needing one too (an interpreter offered costs less than a message not understood).</summary>
    public static bool NeedsInterpreter(string language) =>
        language.Length > 0 && language != "English" && language != "Unknown";
}

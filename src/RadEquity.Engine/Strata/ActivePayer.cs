using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Strata;

/// <summary>
/// The payer category of the coverage active at a date; when several are active, the one that ranks first in
/// Medicaid, Medicare, Private, Other, Uninsured.
/// </summary>
/// <remarks>
/// Medicaid ranks first because it is means-tested: a dual-eligible (Medicare and Medicaid) patient is reported
/// with Medicaid, as equity reports commonly group duals with Medicaid. Medicare ranks before Private so that
/// Medigap and employer supplements do not hide Medicare. Any organisational coverage ranks before self-pay.
/// </remarks>
internal static class ActivePayer
{
    internal const string Medicare = "Medicare";
    internal const string Medicaid = "Medicaid";
    internal const string Private = "Private";
    internal const string Uninsured = "Uninsured/self-pay";
    internal const string Other = "Other";

    internal static readonly string[] Categories = [Medicare, Medicaid, Private, Uninsured, Other, Stratifier.Unknown];

    internal static string Categorize(IReadOnlyList<CoverageFact> coverages, DateOnly date) =>
        CategoryAt(coverages, date) switch
        {
            null or PayerCategory.Unknown => Stratifier.Unknown,
            PayerCategory.Medicare => Medicare,
            PayerCategory.Medicaid => Medicaid,
            PayerCategory.Private => Private,
            PayerCategory.Uninsured => Uninsured,
            PayerCategory.Other => Other,
            _ => Stratifier.Unknown,
        };

    /// <summary>The category of the highest-ranked coverage active on <paramref name="date"/>; null when none is
    /// active; <see cref="PayerCategory.Unknown"/> when only unmapped coverage is.</summary>
    internal static PayerCategory? CategoryAt(IReadOnlyList<CoverageFact> coverages, DateOnly date)
    {
        PayerCategory? best = null;
        for (var i = 0; i < coverages.Count; i++)
        {
            var c = coverages[i];
            if (IsActive(c, date) && (best is null || Rank(c.Category) > Rank(best.Value)))
            {
                best = c.Category;
            }
        }

        return best;
    }

    /// <summary>Active on <paramref name="date"/>: status absent or <c>active</c>, and the period (open at either
    /// end when absent) contains the date, both ends inclusive.</summary>
    internal static bool IsActive(CoverageFact coverage, DateOnly date) =>
        (coverage.Status is null || string.Equals(coverage.Status, "active", StringComparison.OrdinalIgnoreCase))
        && (coverage.Start is not { } start || start <= date)
        && (coverage.End is not { } end || date <= end);

    private static int Rank(PayerCategory category) => category switch
    {
        PayerCategory.Medicaid => 5,
        PayerCategory.Medicare => 4,
        PayerCategory.Private => 3,
        PayerCategory.Other => 2,
        PayerCategory.Uninsured => 1,
        PayerCategory.Unknown => 0,
        _ => 0,
    };
}

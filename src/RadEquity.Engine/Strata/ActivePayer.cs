using System.Runtime.InteropServices;
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
        Categories[IndexOf(CategoryAt(coverages, date))];

    /// <summary>The position in <see cref="Categories"/> of the category of <see cref="CategoryAt"/>.</summary>
    internal static int IndexOf(PayerCategory? category) => category switch
    {
        null or PayerCategory.Unknown => UnknownIndex,
        PayerCategory.Medicare => MedicareIndex,
        PayerCategory.Medicaid => MedicaidIndex,
        PayerCategory.Private => PrivateIndex,
        PayerCategory.Uninsured => UninsuredIndex,
        PayerCategory.Other => OtherIndex,
        _ => UnknownIndex,
    };

    private static readonly int MedicareIndex = Array.IndexOf(Categories, Medicare);
    private static readonly int MedicaidIndex = Array.IndexOf(Categories, Medicaid);
    private static readonly int PrivateIndex = Array.IndexOf(Categories, Private);
    private static readonly int UninsuredIndex = Array.IndexOf(Categories, Uninsured);
    private static readonly int OtherIndex = Array.IndexOf(Categories, Other);
    private static readonly int UnknownIndex = Array.IndexOf(Categories, Stratifier.Unknown);

    /// <summary>The category of the highest-ranked coverage active on <paramref name="date"/>; null when none is
    /// active; <see cref="PayerCategory.Unknown"/> when only unmapped coverage is.</summary>
    internal static PayerCategory? CategoryAt(IReadOnlyList<CoverageFact> coverages, DateOnly date)
    {
        PayerCategory? best = null;
        var span = coverages switch
        {
            CoverageFact[] array => array,
            List<CoverageFact> list => CollectionsMarshal.AsSpan(list),
            _ => coverages.ToArray(),
        };
        foreach (var c in span)
        {
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

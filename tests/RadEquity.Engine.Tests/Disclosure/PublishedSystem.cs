using RadEquity.Engine.Disclosure;

namespace RadEquity.Engine.Tests.Disclosure;

/// <summary>
/// What an outside reader can work out from a <see cref="DisclosedRelease"/>: the published entries, the suppressed
/// ones (unknowns), and the additive relations between them (each one-way table sums to the total; each row and column
/// of a cross sums to the matching one-way cell). Written independently of the gate's own audit: an unknown is
/// determined exactly when removing its column from the relations' coefficient matrix lowers the rank (exact integer
/// elimination).
/// </summary>
internal sealed class PublishedSystem
{
    private readonly List<string> unknowns = [];
    private readonly Dictionary<string, CellCounts> known = new(StringComparer.Ordinal);
    private readonly List<(string Margin, List<string> Members)> lines = [];
    private int? fullRank;

    public IReadOnlyDictionary<string, CellCounts> Known => known;

    public IReadOnlyList<string> Unknowns => unknowns;

    public IReadOnlyList<(string Margin, List<string> Members)> Lines => lines;

    public bool IsUnknown(string entry) => !known.ContainsKey(entry);

    public static PublishedSystem From(DisclosedRelease release)
    {
        var system = new PublishedSystem();
        system.Add(release.Total, []);
        foreach (var table in release.Tables)
        {
            foreach (var cell in table.Cells)
            {
                system.Add(cell, table.Stratifiers);
            }

            if (table.Stratifiers.Count == 1)
            {
                system.lines.Add((string.Empty, table.Cells.Select(c => Name(c, table.Stratifiers)).ToList()));
                continue;
            }

            for (var dimension = 0; dimension < 2; dimension++)
            {
                var d = dimension;
                foreach (var group in table.Cells.GroupBy(c => c.Categories[d], StringComparer.Ordinal))
                {
                    var margin = group.Key;
                    Assert.True(release.Tables.Any(t => t.Stratifiers.SequenceEqual([table.Stratifiers[d]]) && t.Cells.Any(c => c.Categories[0] == margin)),
                        $"The margin {margin} of a cross is not published as a one-way cell");
                    system.lines.Add((margin, group.Select(c => Name(c, table.Stratifiers)).ToList()));
                }
            }
        }

        return system;
    }

    public bool IsDetermined(string unknown)
    {
        fullRank ??= Rank(Matrix(unknowns));
        return Rank(Matrix(unknowns.Where(u => u != unknown).ToList())) < fullRank;
    }

    private static string Name(DisclosedCell cell, IReadOnlyList<string> stratifiers) =>
        string.Join('|', stratifiers.Zip(cell.Categories).OrderBy(p => p.First, StringComparer.Ordinal).Select(p => p.Second));

    private void Add(DisclosedCell cell, IReadOnlyList<string> stratifiers)
    {
        var name = Name(cell, stratifiers);
        if (cell.Counts is { } counts)
        {
            known.Add(name, counts);
        }
        else
        {
            unknowns.Add(name);
        }
    }

    private Int128[][] Matrix(List<string> columns) =>
        lines.Select(line => columns
                .Select(u => (Int128)(line.Members.Count(m => m == u) - (line.Margin == u ? 1 : 0)))
                .ToArray())
            .ToArray();

    // Fraction-free (Bareiss) elimination: every intermediate is an exact minor, so no rounding.
    private static int Rank(Int128[][] rows)
    {
        if (rows.Length == 0 || rows[0].Length == 0)
        {
            return 0;
        }

        var m = rows.Select(r => r.ToArray()).ToArray();
        Int128 previous = 1;
        var rank = 0;
        for (var column = 0; column < m[0].Length && rank < m.Length; column++)
        {
            var pivot = Array.FindIndex(m, rank, r => r[column] != 0);
            if (pivot < 0)
            {
                continue;
            }

            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            for (var r = rank + 1; r < m.Length; r++)
            {
                for (var c = column + 1; c < m[r].Length; c++)
                {
                    var minor = checked((m[rank][column] * m[r][c]) - (m[r][column] * m[rank][c]));
                    if (minor % previous != 0)
                    {
                        Assert.Fail("Bareiss elimination lost exactness");
                    }

                    m[r][c] = minor / previous;
                }

                m[r][column] = 0;
            }

            previous = m[rank][column];
            rank++;
        }

        return rank;
    }
}

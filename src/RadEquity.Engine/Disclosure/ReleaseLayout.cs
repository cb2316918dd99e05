namespace RadEquity.Engine.Disclosure;

/// <summary>An additive relation the published tables reveal: the margin equals the sum of the members.</summary>
/// <param name="Margin">The entry that is the sum (a total, or a one-way cell for a row or column of a cross).</param>
/// <param name="Members">The entries summed.</param>
internal sealed record Line(int Margin, IReadOnlyList<int> Members);

/// <summary>A table of the release as entry indices, one per combination of categories.</summary>
internal sealed record TableLayout(IReadOnlyList<string> Stratifiers, IReadOnlyList<(string[] Categories, int Entry)> Cells);

/// <summary>
/// A release flattened into entries (the total, every one-way cell, every cross cell) and the lines that tie them:
/// each one-way table sums to the total; each row and column of a cross sums to its one-way margin.
/// </summary>
internal sealed class ReleaseLayout
{
    private readonly List<CellCounts> counts = [];
    private readonly List<Line> lines = [];
    private readonly List<TableLayout> tables = [];
    private readonly List<string> stratifiers = [];
    private readonly Dictionary<string, List<string>> categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, CellCounts>> margins = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Stratifier, string Category), int> oneWayEntries = [];

    public ReleaseLayout(AggregateRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(release.Tables);
        if (release.Tables.Count == 0)
        {
            throw new ArgumentException("A release has at least one table.", nameof(release));
        }

        var cellMaps = release.Tables.Select(Validate).ToList();
        if (release.Tables.Select(t => string.Join('\u001f', t.Stratifiers.Order(StringComparer.Ordinal))).Distinct(StringComparer.Ordinal).Count()
            != release.Tables.Count)
        {
            throw new ArgumentException("Each stratifier or cross appears in one table only.", nameof(release));
        }

        // One-way tables first, so their category order is the display order.
        foreach (var (table, cells) in release.Tables.Zip(cellMaps).OrderBy(tc => tc.First.Stratifiers.Count))
        {
            for (var dimension = 0; dimension < table.Stratifiers.Count; dimension++)
            {
                var d = dimension;
                var margin = new Dictionary<string, CellCounts>(StringComparer.Ordinal);
                foreach (var (key, value) in cells)
                {
                    margin[key[d]] = CellCounts.Add(margin.GetValueOrDefault(key[d]), value);
                }

                AddMargin(table.Stratifiers[d], margin, cells.Keys.Select(k => k[d]));
            }
        }

        var totals = margins.Values.Select(m => m.Values.Aggregate(default(CellCounts), CellCounts.Add)).Distinct().ToList();
        if (totals.Count != 1)
        {
            throw new ArgumentException("All tables of a measure must sum to the same total.", nameof(release));
        }

        Total = Add(totals[0]);
        foreach (var stratifier in stratifiers)
        {
            var members = categories[stratifier].Select(c => oneWayEntries[(stratifier, c)] = Add(margins[stratifier].GetValueOrDefault(c))).ToArray();
            lines.Add(new Line(Total, members));
        }

        foreach (var (table, cells) in release.Tables.Zip(cellMaps))
        {
            tables.Add(table.Stratifiers.Count == 1 ? OneWayLayout(table.Stratifiers[0]) : CrossLayout(table.Stratifiers, cells));
        }

        foreach (var stratifier in stratifiers.Where(s => !release.Tables.Any(t => t.Stratifiers.Count == 1 && t.Stratifiers[0] == s)))
        {
            tables.Add(OneWayLayout(stratifier));
        }
    }

    /// <summary>The total's entry.</summary>
    public int Total { get; }

    /// <summary>Counts by entry.</summary>
    public IReadOnlyList<CellCounts> Counts => counts;

    /// <summary>The additive relations between entries.</summary>
    public IReadOnlyList<Line> Lines => lines;

    /// <summary>The tables to publish, given ones first, then derived margins.</summary>
    public IReadOnlyList<TableLayout> Tables => tables;

    private static Dictionary<string[], CellCounts> Validate(AggregateTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(table.Stratifiers);
        ArgumentNullException.ThrowIfNull(table.Cells);
        if (table.Stratifiers.Count is < 1 or > 2 || table.Stratifiers.Any(string.IsNullOrEmpty)
            || table.Stratifiers.Distinct(StringComparer.Ordinal).Count() != table.Stratifiers.Count)
        {
            throw new ArgumentException("A table has one or two distinct, named stratifiers.", nameof(table));
        }

        var cells = new Dictionary<string[], CellCounts>(CategoryComparer.Instance);
        foreach (var cell in table.Cells)
        {
            if (cell?.Categories is null || cell.Categories.Count != table.Stratifiers.Count || cell.Categories.Any(c => c is null)
                || !cells.TryAdd([.. cell.Categories], cell.Counts))
            {
                throw new ArgumentException("Each cell names one category per stratifier, and each combination once.", nameof(table));
            }
        }

        return cells;
    }

    private void AddMargin(string stratifier, Dictionary<string, CellCounts> margin, IEnumerable<string> order)
    {
        if (!categories.TryGetValue(stratifier, out var known))
        {
            categories[stratifier] = known = [];
            stratifiers.Add(stratifier);
            margins[stratifier] = margin;
        }
        else if (margin.Keys.Union(margins[stratifier].Keys).Any(c => margin.GetValueOrDefault(c) != margins[stratifier].GetValueOrDefault(c)))
        {
            throw new ArgumentException($"The cross margins of '{stratifier}' differ from its one-way counts.", nameof(margin));
        }

        known.AddRange(order.Distinct(StringComparer.Ordinal).Where(c => !known.Contains(c, StringComparer.Ordinal)).ToList());
    }

    private TableLayout OneWayLayout(string stratifier) =>
        new([stratifier], categories[stratifier].Select(c => (new[] { c }, oneWayEntries[(stratifier, c)])).ToArray());

    private TableLayout CrossLayout(IReadOnlyList<string> names, Dictionary<string[], CellCounts> cells)
    {
        string rows = names[0], columns = names[1];
        var grid = categories[rows]
            .Select(r => categories[columns].Select(c => Add(cells.GetValueOrDefault(new[] { r, c }))).ToArray())
            .ToArray();
        for (var i = 0; i < grid.Length; i++)
        {
            lines.Add(new Line(oneWayEntries[(rows, categories[rows][i])], grid[i]));
        }

        for (var j = 0; j < categories[columns].Count; j++)
        {
            lines.Add(new Line(oneWayEntries[(columns, categories[columns][j])], grid.Select(row => row[j]).ToArray()));
        }

        var layout = categories[rows]
            .SelectMany((r, i) => categories[columns].Select((c, j) => (new[] { r, c }, grid[i][j])))
            .ToArray();
        return new TableLayout(names.ToArray(), layout);
    }

    private int Add(CellCounts value)
    {
        counts.Add(value);
        return counts.Count - 1;
    }

    private sealed class CategoryComparer : IEqualityComparer<string[]>
    {
        public static readonly CategoryComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal));

        public int GetHashCode(string[] obj)
        {
            var hash = default(HashCode);
            foreach (var category in obj)
            {
                hash.Add(category, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}

using RadEquity.Engine.Disclosure;

namespace RadEquity.Engine.Tests.Disclosure;

/// <summary>
/// Random releases (seeded): one-way tables, one cross, or two crosses sharing a stratifier, with many small and zero
/// cells. Each check reads only what the gate published, and rebuilds the additive relations on its own.
/// </summary>
public sealed class SmallCellGatePropertyTests
{
    private const int Releases = 400;

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 4).Select(s => s * 7919));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Disclose_RandomReleases_PublishNoCountFrom1To10(int seed)
    {
        foreach (var (release, _) in RandomReleases(seed))
        {
            var disclosed = SmallCellGate.Disclose(release);

            foreach (var cell in AllCells(disclosed))
            {
                Assert.Equal(cell.IsSuppressed, cell.Rate is null);
                Assert.Equal(cell.IsSuppressed, cell.Interval is null);
                if (cell.Counts is { } c)
                {
                    Assert.All(new[] { c.Denominator, c.Numerator, c.Denominator - c.Numerator, c.Exclusions }, count =>
                        Assert.False(count is > 0 and < 11, $"{release.Measure}: published count {count}"));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Disclose_RandomReleases_NoSuppressedCellIsDerivable(int seed)
    {
        var suppressedSeen = 0;
        foreach (var (release, truth) in RandomReleases(seed))
        {
            var disclosed = SmallCellGate.Disclose(release);
            var published = PublishedSystem.From(disclosed);

            // Published values are the true counts, and every published relation adds up.
            Assert.All(published.Known, pair => Assert.Equal(truth(pair.Key), pair.Value));

            foreach (var line in published.Lines)
            {
                var entries = line.Members.Append(line.Margin).ToList();
                var hidden = entries.Count(published.IsUnknown);
                Assert.True(hidden != 1, $"{release.Measure}: one suppressed entry in a line is recovered by subtraction");
                if (hidden > 0 && !published.IsUnknown(line.Margin))
                {
                    var remainder = published.Known[line.Margin].Denominator - line.Members.Where(m => !published.IsUnknown(m)).Sum(m => published.Known[m].Denominator);
                    Assert.False(remainder is > 0 and < 11, $"{release.Measure}: suppressed cells of a line add up to {remainder}");
                }
            }

            foreach (var unknown in published.Unknowns)
            {
                Assert.False(published.IsDetermined(unknown), $"{release.Measure}: suppressed {unknown} is determined by the published tables");
            }

            suppressedSeen += published.Unknowns.Count;
        }

        Assert.True(suppressedSeen > Releases, "The random releases should suppress many cells");
    }

    private static IEnumerable<DisclosedCell> AllCells(DisclosedRelease release) =>
        release.Tables.SelectMany(t => t.Cells).Append(release.Total);

    // A release drawn from a random three-way array A × B × C of counts: a mixture of zeros, small and larger cells.
    private static IEnumerable<(AggregateRelease Release, Func<string, CellCounts> Truth)> RandomReleases(int seed)
    {
        var random = new Random(seed);
        for (var index = 0; index < Releases; index++)
        {
            var sizes = new[] { random.Next(2, 6), random.Next(2, 5), random.Next(2, 4) };
            var cube = new CellCounts[sizes[0], sizes[1], sizes[2]];
            for (var a = 0; a < sizes[0]; a++)
            {
                for (var b = 0; b < sizes[1]; b++)
                {
                    for (var c = 0; c < sizes[2]; c++)
                    {
                        cube[a, b, c] = RandomCounts(random);
                    }
                }
            }

            var shape = random.Next(4);
            var tables = new List<AggregateTable>();
            if (shape != 1 || random.Next(2) == 0)
            {
                tables.Add(Table(cube, sizes, ["A"]));
            }

            if (shape == 0)
            {
                tables.Add(Table(cube, sizes, ["B"]));
            }
            else
            {
                tables.Add(Table(cube, sizes, ["A", "B"]));
            }

            if (shape >= 2)
            {
                tables.Add(Table(cube, sizes, shape == 2 ? ["A", "C"] : ["C", "B"]));
            }

            var truth = new Dictionary<string, CellCounts>(StringComparer.Ordinal);
            foreach (var key in Keys(sizes))
            {
                truth[key.Name] = Sum(cube, sizes, key.Fixed);
            }

            yield return (new AggregateRelease($"release {seed}/{index} shape {shape}", tables), name => truth[name]);
        }
    }

    private static CellCounts RandomCounts(Random random)
    {
        var denominator = random.Next(10) switch
        {
            < 2 => 0,
            < 5 => random.Next(1, 11),
            < 8 => random.Next(11, 60),
            _ => random.Next(60, 400),
        };
        var numerator = random.Next(3) == 0 ? denominator : random.Next(denominator + 1);
        var exclusions = random.Next(6) == 0 ? random.Next(1, 4) : 0;
        return new CellCounts(denominator, numerator, exclusions);
    }

    private static AggregateTable Table(CellCounts[,,] cube, int[] sizes, string[] stratifiers)
    {
        var cells = Keys(sizes)
            .Where(k => k.Fixed.Count == stratifiers.Length && stratifiers.All(k.Fixed.ContainsKey))
            .Select(k => new AggregateCell(stratifiers.Select(s => s + k.Fixed[s]).ToArray(), Sum(cube, sizes, k.Fixed)))
            .ToArray();
        return new AggregateTable(stratifiers, cells);
    }

    // Every total, one-way and two-way key, named as PublishedSystem names cells ("A0|B2", "A1", "" for the total).
    private static IEnumerable<(string Name, Dictionary<string, int> Fixed)> Keys(int[] sizes)
    {
        string[] names = ["A", "B", "C"];
        for (var mask = 0; mask < 8; mask++)
        {
            var dims = Enumerable.Range(0, 3).Where(d => (mask & (1 << d)) != 0).ToArray();
            if (dims.Length == 3)
            {
                continue;
            }

            foreach (var combo in Combinations(dims.Select(d => sizes[d]).ToArray()))
            {
                var fixedValues = dims.Zip(combo).ToDictionary(p => names[p.First], p => p.Second, StringComparer.Ordinal);
                yield return (string.Join('|', fixedValues.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value)), fixedValues);
            }
        }
    }

    private static IEnumerable<int[]> Combinations(int[] sizes) =>
        sizes.Length == 0
            ? [[]]
            : Combinations(sizes[1..]).SelectMany(rest => Enumerable.Range(0, sizes[0]).Select(first => (int[])[first, .. rest]));

    private static CellCounts Sum(CellCounts[,,] cube, int[] sizes, Dictionary<string, int> fixedValues)
    {
        var sum = default(CellCounts);
        for (var a = 0; a < sizes[0]; a++)
        {
            for (var b = 0; b < sizes[1]; b++)
            {
                for (var c = 0; c < sizes[2]; c++)
                {
                    if (Matches(fixedValues, "A", a) && Matches(fixedValues, "B", b) && Matches(fixedValues, "C", c))
                    {
                        sum = CellCounts.Add(sum, cube[a, b, c]);
                    }
                }
            }
        }

        return sum;
    }

    private static bool Matches(Dictionary<string, int> fixedValues, string name, int value) =>
        !fixedValues.TryGetValue(name, out var required) || required == value;
}

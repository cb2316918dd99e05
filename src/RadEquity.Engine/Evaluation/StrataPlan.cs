using System.Runtime.InteropServices;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Strata;

namespace RadEquity.Engine.Evaluation;

/// <summary>
/// The stratifiers an evaluator counts by, plus the parts of its crosses that it does not count by itself. Each is
/// categorised once per patient: the standard ones from the patient's <see cref="PatientStrata"/>, any other by its
/// function, and a cross from the categories of its parts rather than by categorising them again.
/// </summary>
internal sealed class StrataPlan
{
    private readonly Stratifier[] _nodes;
    private readonly int[] _order;
    private readonly int[] _first;
    private readonly int[] _second;

    public StrataPlan(IReadOnlyList<Stratifier> stratifiers)
    {
        var nodes = new List<Stratifier>(stratifiers);
        Counted = nodes.Count;
        var first = new List<int>();
        var second = new List<int>();
        var order = new List<int>();
        var placed = new List<bool>();
        for (var i = 0; i < nodes.Count; i++)
        {
            first.Add(-1);
            second.Add(-1);
            placed.Add(false);
        }

        for (var i = 0; i < Counted; i++)
        {
            Place(i);
        }

        _nodes = [.. nodes];
        _order = [.. order];
        _first = [.. first];
        _second = [.. second];

        // Parts go before their cross, so that a cross reads its parts' categories of the same patient.
        void Place(int node)
        {
            if (placed[node])
            {
                return;
            }

            placed[node] = true;
            if (nodes[node].Parts is var (a, b))
            {
                first[node] = NodeOf(a);
                second[node] = NodeOf(b);
                Place(first[node]);
                Place(second[node]);
            }

            order.Add(node);
        }

        int NodeOf(Stratifier part)
        {
            var at = nodes.FindIndex(n => ReferenceEquals(n, part));
            if (at < 0)
            {
                at = nodes.Count;
                nodes.Add(part);
                first.Add(-1);
                second.Add(-1);
                placed.Add(false);
            }

            return at;
        }
    }

    /// <summary>The stratifiers counted by: nodes 0 to <c>Counted - 1</c>, in the order given.</summary>
    public int Counted { get; }

    /// <summary>Every node: the stratifiers counted by, then parts of crosses that are not.</summary>
    public int Nodes => _nodes.Length;

    public Stratifier this[int node] => _nodes[node];

    /// <summary>One partition's numbering of categories (not thread-safe).</summary>
    public sealed class Numbering
    {
        private readonly StrataPlan _plan;
        private readonly StratificationContext _context;
        private readonly int[] _known;
        private readonly Dictionary<string, int>?[] _byName;
        private readonly List<string>?[] _names;
        private readonly Dictionary<(int, int), int>?[] _byParts;

        public Numbering(StrataPlan plan, StratificationContext context)
        {
            _plan = plan;
            _context = context;
            var n = plan.Nodes;
            _known = new int[n];
            for (var i = 0; i < n; i++)
            {
                _known[i] = plan[i].KnownCategories.Count;
            }

            _byName = new Dictionary<string, int>?[n];
            _names = new List<string>?[n];
            _byParts = new Dictionary<(int, int), int>?[n];
            Current = new int[n];
        }

        /// <summary>The last patient's category numbers, by node.</summary>
        public int[] Current { get; }

        /// <summary>Numbers in use for <paramref name="node"/>: its known categories, then others as they came.</summary>
        public int CountOf(int node) => _known[node] + (_names[node]?.Count ?? 0);

        /// <summary>The numbers of <paramref name="node"/> in the order cells are reported: known categories in the
        /// stratifier's order, then the others in ordinal order (the same whatever the partitioning).</summary>
        public IEnumerable<int> InOrder(int node)
        {
            for (var c = 0; c < _known[node]; c++)
            {
                yield return c;
            }

            if (_byName[node] is { } others)
            {
                foreach (var (_, number) in others.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    yield return number;
                }
            }
        }

        /// <summary>The category numbered <paramref name="number"/>.</summary>
        public string NameOf(int node, int number) =>
            number < _known[node] ? _plan[node].KnownCategories[number] : _names[node]![number - _known[node]];

        /// <summary>The number of <paramref name="category"/>: its position when known, else the next free number
        /// the first time it is seen.</summary>
        public int NumberOf(int node, string category)
        {
            var known = _plan[node].IndexOf(category);
            if (known >= 0)
            {
                return known;
            }

            var byName = _byName[node] ??= new Dictionary<string, int>(StringComparer.Ordinal);
            ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(byName, category, out var exists);
            if (!exists)
            {
                var names = _names[node] ??= [];
                number = _known[node] + names.Count;
                names.Add(category);
            }

            return number;
        }

        /// <summary>Numbers every node's category of <paramref name="patient"/> into <see cref="Current"/>.</summary>
        public void Categorize(PatientRecord patient, in PatientStrata strata)
        {
            foreach (var node in _plan._order)
            {
                var stratifier = _plan[node];
                int number;
                if (_plan._first[node] >= 0)
                {
                    number = CrossNumber(node, Current[_plan._first[node]], Current[_plan._second[node]]);
                }
                else if (stratifier.Index is { } index && index(strata) is var i and >= 0)
                {
                    number = i;
                }
                else
                {
                    number = NumberOf(node, stratifier.Categorize(patient.Patient, patient.Coverages, _context));
                }

                Current[node] = number;
            }
        }

        /// <summary>A cross's number from its parts' numbers: known pairs are the cross's known categories, in
        /// first-major order (<see cref="Stratifier.Cross"/>); a pair with another category is named as the cross
        /// names it.</summary>
        private int CrossNumber(int node, int x, int y)
        {
            int a = _plan._first[node], b = _plan._second[node];
            if (x < _known[a] && y < _known[b])
            {
                return (x * _known[b]) + y;
            }

            var byParts = _byParts[node] ??= [];
            ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(byParts, (x, y), out var exists);
            if (!exists)
            {
                number = NumberOf(node, Stratifier.CrossCategory(NameOf(a, x), NameOf(b, y)));
            }

            return number;
        }
    }
}

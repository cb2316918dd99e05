using System.Collections.Frozen;
using System.Collections.ObjectModel;
using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Strata;

/// <summary>
/// A stratifier: a function from one patient to one category, declared once and used by every measure, report and
/// export (ARCHITECTURE idea 4). "Unknown" is always a category of its own and always the last known category.
/// </summary>
/// <remarks>
/// <see cref="Categorize"/> is safe to call from many threads at once and, for the standard stratifiers, returns
/// the same string instances as <see cref="KnownCategories"/> (no allocation per patient) except for categories
/// outside the known list (a language outside the built-in table). Categories and their order are documented in
/// <c>docs/stratifiers.md</c>.
/// </remarks>
public sealed class Stratifier
{
    /// <summary>The category for a patient whose data does not say; always present and always last.</summary>
    public const string Unknown = "Unknown";

    /// <summary>The separator of the two parts of a <see cref="Cross"/> category, e.g. <c>"White × Medicaid"</c>.</summary>
    public const string CrossSeparator = " × ";

    private readonly Func<PatientFact, IReadOnlyList<CoverageFact>, StratificationContext, string> _categorize;
    private readonly FrozenDictionary<string, int> _index;

    /// <summary>Declares a stratifier.</summary>
    /// <param name="id">Stable machine id (lower-case, hyphenated), e.g. <c>payer</c>.</param>
    /// <param name="name">English display name.</param>
    /// <param name="isOrdered">True when the categories have a natural order (most to least disadvantaged).</param>
    /// <param name="knownCategories">The categories in display order, distinct, ending with <see cref="Unknown"/>.</param>
    /// <param name="categorize">The function; it must be pure and thread-safe and never return null.</param>
    public Stratifier(string id, string name, bool isOrdered, IEnumerable<string> knownCategories,
        Func<PatientFact, IReadOnlyList<CoverageFact>, StratificationContext, string> categorize)
        : this(id, name, isOrdered, knownCategories, categorize, null)
    {
    }

    /// <summary>Declares a stratifier that can also read its category's position from a patient's
    /// <see cref="PatientStrata"/> (the standard ones): <paramref name="strataIndex"/> must agree with
    /// <paramref name="categorize"/>, returning -1 for a category outside the known ones.</summary>
    internal Stratifier(string id, string name, bool isOrdered, IEnumerable<string> knownCategories,
        Func<PatientFact, IReadOnlyList<CoverageFact>, StratificationContext, string> categorize, StrataIndex? strataIndex)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(knownCategories);
        ArgumentNullException.ThrowIfNull(categorize);
        var categories = knownCategories.ToArray();
        if (categories.Length == 0 || !string.Equals(categories[^1], Unknown, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The categories of '{id}' must end with \"{Unknown}\".", nameof(knownCategories));
        }

        var index = new Dictionary<string, int>(categories.Length, StringComparer.Ordinal);
        for (var i = 0; i < categories.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(categories[i]) || !index.TryAdd(categories[i], i))
            {
                throw new ArgumentException($"The categories of '{id}' must be distinct and not blank; '{categories[i]}' is not.",
                    nameof(knownCategories));
            }
        }

        Id = id;
        Name = name;
        IsOrdered = isOrdered;
        KnownCategories = new ReadOnlyCollection<string>(categories);
        _index = index.ToFrozenDictionary(StringComparer.Ordinal);
        _categorize = categorize;
        Index = strataIndex;
    }

    /// <summary>The position of a patient's category in <see cref="KnownCategories"/>, or -1 when it is outside them.</summary>
    internal delegate int StrataIndex(in PatientStrata strata);

    /// <summary>Reads the category's position from <see cref="PatientStrata"/>, when the stratifier can.</summary>
    internal StrataIndex? Index { get; }

    /// <summary>The two stratifiers of a <see cref="Cross"/>; null for any other.</summary>
    internal (Stratifier First, Stratifier Second)? Parts { get; private init; }

    /// <summary>Stable machine id, e.g. <c>race-ethnicity</c> or <c>race-ethnicity-x-payer</c>.</summary>
    public string Id { get; }

    /// <summary>English display name.</summary>
    public string Name { get; }

    /// <summary>
    /// True when <see cref="KnownCategories"/> are ordered from most to least disadvantaged (deprivation, rurality);
    /// false when their order is only a display order.
    /// </summary>
    public bool IsOrdered { get; }

    /// <summary>The categories in display order; <see cref="Unknown"/> is always present and always last.</summary>
    public IReadOnlyList<string> KnownCategories { get; }

    /// <summary>The category of <paramref name="patient"/>.</summary>
    /// <param name="patient">Demographics and geography.</param>
    /// <param name="coverages">The patient's coverages (any period; the stratifier picks what is active).</param>
    /// <param name="context">Reference date and area lookups.</param>
    public string Categorize(PatientFact patient, IReadOnlyList<CoverageFact> coverages, StratificationContext context)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(coverages);
        ArgumentNullException.ThrowIfNull(context);
        return _categorize(patient, coverages, context)
            ?? throw new InvalidOperationException($"Stratifier '{Id}' returned no category for patient {patient.PatientId}.");
    }

    /// <summary>The position of <paramref name="category"/> in <see cref="KnownCategories"/>, or -1 when it is not
    /// one of them (an open-ended category such as a rare language).</summary>
    public int IndexOf(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return _index.TryGetValue(category, out var i) ? i : -1;
    }

    /// <summary>
    /// The two-way cross of <paramref name="first"/> and <paramref name="second"/>: its category is
    /// <c>"A × B"</c>, except that a patient unknown on both is <see cref="Unknown"/>. Known categories are every
    /// pair, <paramref name="first"/> major, so the list still ends with <see cref="Unknown"/>. A cross is never
    /// ordered.
    /// </summary>
    public static Stratifier Cross(Stratifier first, Stratifier second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = first.KnownCategories;
        var b = second.KnownCategories;
        var table = new string[a.Count, b.Count];
        var known = new List<string>(a.Count * b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                table[i, j] = CrossCategory(a[i], b[j]);
                known.Add(table[i, j]);
            }
        }

        return new Stratifier(first.Id + "-x-" + second.Id, first.Name + CrossSeparator + second.Name, isOrdered: false, known,
            (patient, coverages, context) =>
            {
                var x = first.Categorize(patient, coverages, context);
                var y = second.Categorize(patient, coverages, context);
                var i = first.IndexOf(x);
                var j = second.IndexOf(y);
                return i >= 0 && j >= 0 ? table[i, j] : CrossCategory(x, y);
            })
        {
            Parts = (first, second),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Id;

    /// <summary>The category of a <see cref="Cross"/> whose parts are <paramref name="x"/> and <paramref name="y"/>:
    /// <c>"x × y"</c>, or <see cref="Unknown"/> when both are.</summary>
    internal static string CrossCategory(string x, string y) =>
        string.Equals(x, Unknown, StringComparison.Ordinal) && string.Equals(y, Unknown, StringComparison.Ordinal)
            ? Unknown
            : x + CrossSeparator + y;
}

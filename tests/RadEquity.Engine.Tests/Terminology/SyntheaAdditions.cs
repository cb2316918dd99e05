using RadEquity.Engine.Facts;
using RadEquity.Engine.Terminology;

namespace RadEquity.Engine.Tests.Terminology;

/// <summary>
/// Where the default VSAC value sets extend the official expansions with Synthea codes: exactly the rows of the
/// additions table in docs/value-sets.md. Any other difference from the official expansions fails a test.
/// </summary>
internal static class SyntheaAdditions
{
    public static IReadOnlyDictionary<string, Coding[]> ByUrl { get; } = new Dictionary<string, Coding[]>(StringComparer.Ordinal)
    {
        [ValueSetUrls.OfficeVisit] = [new(Coding.Snomed, "185349003"), new(Coding.Snomed, "162673000")],
        [ValueSetUrls.Mammography] = [new(Coding.Snomed, "24623002"), new(Coding.Snomed, "241055006")],
    };
}

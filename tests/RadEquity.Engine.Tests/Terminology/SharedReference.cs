namespace RadEquity.Engine.Tests.Terminology;

/// <summary>
/// The reference material beside the repository (<c>../shared/</c>), found by walking up from the test assembly:
/// the official eCQM specifications and real Synthea output. Not checked in; the tests that read it are in the
/// <c>Conformance</c> category and skip without it.
/// </summary>
internal static class SharedReference
{
    /// <summary>The official value-set bundles, <c>shared/spec/ecqm/*/valuesets/*.json</c>; empty when absent.</summary>
    public static IReadOnlyList<string> OfficialValueSetBundles()
    {
        var ecqm = Find(Path.Combine("shared", "spec", "ecqm"));
        return ecqm is null
            ? []
            : Directory.GetDirectories(ecqm)
                .SelectMany(measure => Directory.Exists(Path.Combine(measure, "valuesets"))
                    ? Directory.GetFiles(Path.Combine(measure, "valuesets"), "*.json")
                    : [])
                .Order(StringComparer.Ordinal)
                .ToArray();
    }

    /// <summary>The Synthea folder, <c>shared/data/synthea</c>; null when absent.</summary>
    public static string? Synthea() => Find(Path.Combine("shared", "data", "synthea"));

    private static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

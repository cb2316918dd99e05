namespace RadEquity.Testing;

/// <summary>
/// The reference material kept beside the repository (<c>../shared/</c>): real producers' output and the official
/// specifications. Not checked in; tests that read it are in the <c>Conformance</c> category and skip without it.
/// </summary>
internal static class SharedData
{
    public const string MissingMessage = "shared/data/synthea not found beside the repository; conformance data is not checked in";

    /// <summary>The Synthea folder (<c>shared/data/synthea</c>), found by walking up from the test assembly; null when absent.</summary>
    public static string? Synthea()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "synthea");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

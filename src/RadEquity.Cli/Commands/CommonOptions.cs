using System.CommandLine;

namespace RadEquity.Cli.Commands;

/// <summary>Options every command that touches the store shares with the web app.</summary>
internal static class CommonOptions
{
    /// <summary>
    /// <c>--db</c>: an SQLite file path or a PostgreSQL connection string (<c>Host=...</c>). Falls back to the
    /// configuration key the web app reads (environment <c>RadEquity__Database</c>), then to the app's SQLite file.
    /// </summary>
    public static Option<string?> Database() => new("--db")
    {
        Description = "SQLite file path or PostgreSQL connection string (Host=...). Default: $RadEquity__Database, else the app's SQLite database.",
    };

    public static string? ResolveDatabase(string? option) =>
        !string.IsNullOrWhiteSpace(option) ? option : Environment.GetEnvironmentVariable("RadEquity__Database");
}

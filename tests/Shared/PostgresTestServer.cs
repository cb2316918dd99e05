using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RadEquity.Testing;

/// <summary>
/// A PostgreSQL server for tests, shared by every class of the <see cref="PostgresTestGroup"/>: the server named
/// by <c>RADEQUITY_TEST_POSTGRES</c> when set; else a throwaway PostgreSQL cluster started from the installed
/// binaries (as the <c>postgres</c> user when running as root) and deleted at the end; else unavailable, which
/// skips the PostgreSQL tests, or fails them when <c>CI=true</c>.
/// </summary>
public sealed class PostgresTestServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "RADEQUITY_TEST_POSTGRES";

    private string? _clusterRoot;
    private string? _binDirectory;

    /// <summary>The connection string of the maintenance database; null when no server is available.</summary>
    public string? AdminConnectionString { get; private set; }

    /// <summary>Why the PostgreSQL tests are skipped, when they are.</summary>
    public string SkipReason { get; private set; } = "";

    public bool IsAvailable => AdminConnectionString is not null;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            AdminConnectionString = configured;
            return;
        }

        _binDirectory = FindBinDirectory();
        if (_binDirectory is null)
        {
            SkipReason = $"PostgreSQL tests skipped: set {EnvironmentVariable} to a connection string, or install PostgreSQL 15 (apt-get install postgresql-15).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("CI=true: " + SkipReason);
            }

            return;
        }

        AdminConnectionString = await StartClusterAsync(_binDirectory).ConfigureAwait(false);
    }

    /// <summary>Creates an empty database <c>radequity_test_&lt;random&gt;</c> and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException(SkipReason);
        var name = "radequity_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterRoot is null || _binDirectory is null)
        {
            return;
        }

        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), "-D", Path.Combine(_clusterRoot, "data"), "-m", "immediate", "-w", "stop").ConfigureAwait(false);
        Directory.Delete(_clusterRoot, recursive: true);
    }

    private async Task<string> StartClusterAsync(string bin)
    {
        _clusterRoot = Directory.CreateTempSubdirectory("radequity-pg-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", asPostgres: false, "postgres:postgres", _clusterRoot).ConfigureAwait(false);
        }

        var data = Path.Combine(_clusterRoot, "data");
        await RunAsync(Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync").ConfigureAwait(false);
        var port = FreePort();
        var options = string.Create(
            CultureInfo.InvariantCulture,
            $"-p {port} -k {_clusterRoot} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        await RunAsync(Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_clusterRoot, "server.log"), "-w", "-o", options, "start").ConfigureAwait(false);
        return string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
    }

    private static string? FindBinDirectory()
    {
        const string Debian15 = "/usr/lib/postgresql/15/bin";
        if (File.Exists(Path.Combine(Debian15, "initdb")))
        {
            return Debian15;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true });
            var bin = process?.StandardOutput.ReadToEnd().Trim();
            process?.WaitForExit();
            return bin is not null && File.Exists(Path.Combine(bin, "initdb")) ? bin : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsync(string executable, params string[] arguments) =>
        RunAsync(executable, asPostgres: Environment.IsPrivilegedProcess, arguments);

    // PostgreSQL refuses to run as root, so as root every server binary runs as the postgres OS user.
    private static async Task RunAsync(string executable, bool asPostgres, params string[] arguments)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", executable })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{executable} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }
    }
}

/// <summary>The test collection that shares one <see cref="PostgresTestServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTestGroup : ICollectionFixture<PostgresTestServer>
{
    public const string Name = "PostgreSQL";
}

using Microsoft.Extensions.DependencyInjection;
using RadEquity.Engine.Ingest;

namespace RadEquity.Data.Tests;

public class StoreConnectionTests
{
    [Theory]
    [InlineData("Host=db.internal;Database=radequity;Username=app")]
    [InlineData("Port=5433;host=10.0.0.7;Database=radequity")]
    [InlineData("Database=radequity;HOST=localhost")]
    public void Parse_HostAnywhereAnyCase_IsPostgres(string value)
    {
        var target = StoreConnection.Parse(value);

        Assert.Equal(StoreProvider.PostgreSql, target.Provider);
        Assert.Null(target.SqlitePath);
        Assert.Contains("radequity", target.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RelativeFilePath_IsSqliteAtFullPath()
    {
        var target = StoreConnection.Parse(Path.Combine("data", "practice.db"));

        Assert.Equal(StoreProvider.Sqlite, target.Provider);
        Assert.Equal(Path.GetFullPath(Path.Combine("data", "practice.db")), target.SqlitePath);
        Assert.Contains(target.SqlitePath!, target.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NothingGiven_IsDefaultSqliteFile(string? value)
    {
        var target = StoreConnection.Parse(value);

        var expected = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "RadEquity", "radequity.db");
        Assert.Equal(StoreProvider.Sqlite, target.Provider);
        Assert.Equal(expected, target.SqlitePath);
        Assert.Equal(expected, StoreConnection.DefaultSqlitePath);
    }

    [Fact]
    public void ConfigurationKey_IsRadEquityDatabase_MatchingTheEnvironmentVariable()
    {
        Assert.Equal("RadEquity:Database", StoreConnection.ConfigurationKey);
    }

    [Fact]
    public void CreateDbContext_SqliteFileInMissingFolder_CreatesFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "radequity-data-tests", Guid.NewGuid().ToString("N"), "nested");
        var target = StoreConnection.Parse(Path.Combine(folder, "store.db"));
        Assert.False(Directory.Exists(folder));

        using var db = target.CreateDbContext();

        Assert.True(Directory.Exists(folder));
        Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
    }

    [Fact]
    public void Description_Postgres_OmitsPassword()
    {
        var target = StoreConnection.Parse("Host=db;Port=5432;Database=radequity;Username=app;Password=s3cret");

        Assert.Equal("PostgreSQL db:5432/radequity", target.Description);
    }

    [Theory]
    [InlineData("Host=localhost;Database=radequity", "Npgsql.EntityFrameworkCore.PostgreSQL", "PostgresIngestSink")]
    [InlineData("radequity-test.db", "Microsoft.EntityFrameworkCore.Sqlite", "SqliteIngestSink")]
    public void AddRadEquityStore_Setting_RegistersThatProvidersContextAndSink(string database, string providerName, string sinkType)
    {
        var services = new ServiceCollection();
        services.AddRadEquityStore(database);
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        Assert.Equal(providerName, db.Database.ProviderName);
        Assert.Equal(sinkType, scope.ServiceProvider.GetRequiredService<IIngestSink>().GetType().Name);
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<StoreOverview>());
    }
}

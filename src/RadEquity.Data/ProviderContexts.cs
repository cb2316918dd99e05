using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RadEquity.Data;

/// <summary>The store on SQLite; owns the migrations under <c>Migrations/Sqlite</c>.</summary>
internal sealed class SqliteRadEquityDbContext(DbContextOptions<SqliteRadEquityDbContext> options)
    : RadEquityDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type and EF cannot order or compare its default DateTimeOffset text; fixed-width
        // UTC ISO-8601 text sorts chronologically, so LINQ and hand-written SQL both compare it correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<SqliteTimestampConverter>();
    }
}

/// <summary>The store on PostgreSQL; owns the migrations under <c>Migrations/Postgres</c>.</summary>
internal sealed class PostgresRadEquityDbContext(DbContextOptions<PostgresRadEquityDbContext> options)
    : RadEquityDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQLite context offline.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRadEquityDbContext>
{
    public SqliteRadEquityDbContext CreateDbContext(string[] args) =>
        (SqliteRadEquityDbContext)StoreConnection.Parse("design-time.db").CreateDbContext();
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context offline (adding a migration never connects).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRadEquityDbContext>
{
    public PostgresRadEquityDbContext CreateDbContext(string[] args) =>
        (PostgresRadEquityDbContext)StoreConnection.Parse("Host=localhost;Database=radequity_design").CreateDbContext();
}

namespace RadEquity.Web.Tests.Infrastructure;

/// <summary>A fresh SQLite store in its own temporary folder, for the SQLite variant of a store test.</summary>
internal static class SqliteTestStore
{
    public static Task<string?> CreateAsync() =>
        Task.FromResult<string?>(Path.Combine(Directory.CreateTempSubdirectory("radequity-web-").FullName, "radequity.db"));

    public static Task DropAsync(string database)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
        return Task.CompletedTask;
    }
}

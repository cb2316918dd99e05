namespace RadEquity.Web.Features.Data;

/// <summary>
/// The app's own folder for files that are not in the store: uploads waiting to be ingested and the ZIP lookup tables
/// measure runs use. Setting <c>RadEquity:Files</c>; default <c>&lt;LocalApplicationData&gt;/RadEquity</c>, beside the
/// default SQLite store. Uploads hold PHI and the key ring signs sessions: the folder must be as protected as the store.
/// </summary>
internal sealed class WorkFolder
{
    public const string ConfigurationKey = "RadEquity:Files";

    public WorkFolder(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = configuration[ConfigurationKey];
        Root = string.IsNullOrWhiteSpace(root)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "RadEquity")
            : Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>One subfolder per upload, deleted once ingested.</summary>
    public string Uploads => Path.Combine(Root, "uploads");

    /// <summary>
    /// The Data Protection key ring (sign-in cookies, antiforgery, the hub's e-mailed links). Kept here so a restart
    /// does not sign everyone out or break links already mailed; servers sharing this folder share the keys.
    /// </summary>
    public string Keys => Path.Combine(Root, "keys");

    /// <summary>The ZIP-to-RUCA and ZIP-to-ADI tables (docs/stratifiers.md gives their format).</summary>
    public string AreaTables => Path.Combine(Root, "area-tables");
}

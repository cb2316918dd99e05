using System.Text;
using RadEquity.Engine.Strata;

namespace RadEquity.Web.Features.Data;

/// <summary>Which ZIP lookup table.</summary>
internal enum AreaTable
{
    /// <summary>ZIP to RUCA code: the rurality stratifier.</summary>
    Ruca,

    /// <summary>ZIP to area deprivation index: the deprivation stratifier.</summary>
    Deprivation,
}

/// <summary>
/// The ZIP lookup tables measure runs started from the web use, kept in the work folder. Without them rurality and
/// deprivation are Unknown for every patient (the run page says so). A replacement is checked in full before it takes
/// the old one's place, so a bad upload changes nothing.
/// </summary>
internal sealed class AreaTables(WorkFolder folder)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private string PathOf(AreaTable table) =>
        Path.Combine(folder.AreaTables, table == AreaTable.Ruca ? AreaLookup.RucaFileName : AreaLookup.DeprivationFileName);

    /// <summary>Loads both tables (a missing one is empty).</summary>
    /// <exception cref="InvalidDataException">A stored table is malformed (it was checked when saved, so only if edited by hand).</exception>
    public AreaLookup Load()
    {
        using var ruca = Open(AreaTable.Ruca);
        using var adi = Open(AreaTable.Deprivation);
        return ruca is null && adi is null ? AreaLookup.Empty : AreaLookup.Load(ruca, adi);
    }

    private StreamReader? Open(AreaTable table) => File.Exists(PathOf(table)) ? new StreamReader(PathOf(table), Utf8) : null;

    /// <summary>Checks <paramref name="content"/> as a <paramref name="table"/> table and, if it reads, makes it the
    /// table in use; <paramref name="name"/> (the uploaded file's) is what errors name. Returns the ZIPs it maps.</summary>
    /// <exception cref="InvalidDataException">The table is malformed: the message names the file, line and field.</exception>
    public async Task<int> ReplaceAsync(AreaTable table, Stream content, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(folder.AreaTables);
        var target = PathOf(table);
        var staged = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var file = File.Create(staged))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            int zips;
            try
            {
                using var reader = new StreamReader(staged, Utf8);
                var lookup = table == AreaTable.Ruca ? AreaLookup.Load(reader, null, rucaSource: name) : AreaLookup.Load(null, reader, deprivationSource: name);
                zips = table == AreaTable.Ruca ? lookup.RucaZipCount : lookup.DeprivationZipCount;
            }
            catch (DecoderFallbackException)
            {
                throw new InvalidDataException(name + ": not UTF-8 text.");
            }

            if (zips == 0)
            {
                throw new InvalidDataException(name + ": no ZIP rows.");
            }

            // Atomic on one file system: a run reading the old table never sees half of the new one.
            File.Move(staged, target, overwrite: true);
            return zips;
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>Installs <paramref name="path"/> unchecked unless a table of that kind exists (the demo's generated tables).</summary>
    public void InstallIfAbsent(AreaTable table, string path)
    {
        var target = PathOf(table);
        if (!File.Exists(target))
        {
            Directory.CreateDirectory(folder.AreaTables);
            File.Copy(path, target);
        }
    }
}

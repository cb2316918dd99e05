using System.Globalization;

namespace RadEquity.Engine.Strata;

/// <summary>
/// ZIP code area tables: ZIP to RUCA primary code (USDA ERS Rural-Urban Commuting Area codes) and ZIP to the
/// national Area Deprivation Index percentile (Neighborhood Atlas, University of Wisconsin). Immutable once loaded;
/// lookups are allocation-free.
/// </summary>
/// <remarks>The CSV formats are those the synthetic generator writes (<c>zip-ruca.csv</c>,
/// <c>zip-deprivation.csv</c>) and are described in <c>docs/stratifiers.md</c>.</remarks>
public sealed class AreaLookup
{
    /// <summary>The file name the synthetic generator gives the RUCA table.</summary>
    public const string RucaFileName = "zip-ruca.csv";

    /// <summary>The file name the synthetic generator gives the deprivation table.</summary>
    public const string DeprivationFileName = "zip-deprivation.csv";

    /// <summary>RUCA value ERS gives a ZIP it could not code (no population); read as no classification.</summary>
    public const int RucaNotCoded = 99;

    /// <summary>Stored for an ADI row with a Neighborhood Atlas suppression code instead of a rank.</summary>
    private const byte AdiUnranked = byte.MaxValue;

    private const int ZipCount = 100_000;

    // Indexed by the ZIP as a number (00501 -> 501); 0 = absent.
    private readonly byte[] _ruca;
    private readonly byte[] _adi;

    private AreaLookup(byte[] ruca, byte[] adi, int rucaZips, int adiZips)
    {
        _ruca = ruca;
        _adi = adi;
        RucaZipCount = rucaZips;
        DeprivationZipCount = adiZips;
    }

    /// <summary>No tables: every ZIP is absent, so rurality and deprivation are Unknown.</summary>
    public static AreaLookup Empty { get; } = new(new byte[ZipCount], new byte[ZipCount], 0, 0);

    /// <summary>ZIPs in the RUCA table.</summary>
    public int RucaZipCount { get; }

    /// <summary>ZIPs in the deprivation table.</summary>
    public int DeprivationZipCount { get; }

    /// <summary>
    /// Loads the tables from CSV text. Either reader may be null (that table is then empty).
    /// </summary>
    /// <param name="ruca">Columns <c>zip,ruca</c> (or the ERS names <c>ZIP_CODE</c>, <c>RUCA1</c>); other columns
    /// are ignored.</param>
    /// <param name="deprivation">Columns <c>zip,adi_national_percentile</c> (others, such as
    /// <c>adi_state_decile</c>, are ignored).</param>
    /// <param name="rucaSource">The name errors give the RUCA input.</param>
    /// <param name="deprivationSource">The name errors give the deprivation input.</param>
    /// <exception cref="InvalidDataException">A line is malformed; the message names the source, line and field.</exception>
    public static AreaLookup Load(TextReader? ruca, TextReader? deprivation,
        string rucaSource = RucaFileName, string deprivationSource = DeprivationFileName)
    {
        var rucaTable = new byte[ZipCount];
        var adiTable = new byte[ZipCount];
        var rucaZips = ruca is null ? 0 : ReadTable(ruca, rucaSource, rucaTable, ["ruca", "ruca1", "primary_ruca"], ParseRuca);
        var adiZips = deprivation is null ? 0
            : ReadTable(deprivation, deprivationSource, adiTable, ["adi_national_percentile", "adi_natrank"], ParseAdi);
        return new AreaLookup(rucaTable, adiTable, rucaZips, adiZips);
    }

    /// <summary>The RUCA primary code (1-10) of <paramref name="postalCode"/>'s ZIP; false when the postal code is not a
    /// US ZIP, the ZIP is not in the table, or ERS did not code it (99).</summary>
    public bool TryGetRuca(string? postalCode, out int ruca)
    {
        ruca = TryParseZip(postalCode, out var zip) ? RucaAt(zip) : 0;
        return ruca != 0;
    }

    /// <summary>The national ADI percentile (1-100) of <paramref name="postalCode"/>'s ZIP; false when the postal code is
    /// not a US ZIP, the ZIP is not in the table, or it is not ranked.</summary>
    public bool TryGetAdiNationalPercentile(string? postalCode, out int percentile)
    {
        percentile = TryParseZip(postalCode, out var zip) ? AdiAt(zip) : 0;
        return percentile != 0;
    }

    /// <summary>The RUCA primary code 1-10 of a parsed ZIP, or 0 (absent or not coded).</summary>
    internal int RucaAt(int zip) => _ruca[zip] is var r && r <= 10 ? r : 0;

    /// <summary>The national ADI percentile 1-100 of a parsed ZIP, or 0 (absent or unranked).</summary>
    internal int AdiAt(int zip) => _adi[zip] is var p && p <= 100 ? p : 0;

    /// <summary>
    /// Reads a US ZIP code: five digits, optionally followed by the ZIP+4 extension (<c>-1234</c> or <c>1234</c>),
    /// with surrounding spaces ignored. Leading zeros are significant (00501 is not 501).
    /// </summary>
    /// <param name="postalCode">The postal code.</param>
    /// <param name="zip">The five-digit ZIP as a number, 0-99999.</param>
    internal static bool TryParseZip(ReadOnlySpan<char> postalCode, out int zip)
    {
        zip = 0;
        var text = postalCode.Trim();
        var ok = text.Length switch
        {
            5 => true,
            9 => IsDigits(text[5..]),
            10 => text[5] == '-' && IsDigits(text[6..]),
            _ => false,
        };
        if (!ok || !IsDigits(text[..5]))
        {
            return false;
        }

        for (var i = 0; i < 5; i++)
        {
            zip = (zip * 10) + (text[i] - '0');
        }

        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string? ParseRuca(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ruca) && ruca is (>= 1 and <= 10) or RucaNotCoded
            ? null
            : $"'{value}' is not a RUCA primary code 1-10 (or {RucaNotCoded}, not coded)";

    private static string? ParseAdi(string value) =>
        IsAdiSuppression(value)
        || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 100)
            ? null
            : $"'{value}' is not a national ADI percentile 1-100";

    /// <summary>Neighborhood Atlas codes for block groups it does not rank (low population or housing, group
    /// quarters, questionable data).</summary>
    private static bool IsAdiSuppression(string value) => value is "PH" or "GQ" or "GQ-PH" or "QDI";

    private static byte ToByte(string value) =>
        IsAdiSuppression(value) ? AdiUnranked : byte.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Reads one table; returns the number of ZIPs.</summary>
    private static int ReadTable(TextReader reader, string source, byte[] table, string[] valueColumns, Func<string, string?> validate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var header = reader.ReadLine()
            ?? throw new InvalidDataException($"{source} line 1: the file is empty (a header line is required).");
        var names = CsvLine.Split(header.TrimStart('\uFEFF'), source, 1);
        var zipColumn = Column(names, ["zip", "zip_code", "zipcode"]);
        var valueColumn = Column(names, valueColumns);
        if (zipColumn < 0 || valueColumn < 0)
        {
            var missing = zipColumn < 0 ? "zip" : valueColumns[0];
            throw new InvalidDataException($"{source} line 1: no column '{missing}' in the header '{header}'.");
        }

        var zipName = names[zipColumn];
        var valueName = names[valueColumn];
        var lineOf = new int[ZipCount];
        var zips = 0;
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = CsvLine.Split(line, source, lineNumber);
            var zipText = Field(fields, zipColumn, source, lineNumber, zipName);
            var valueText = Field(fields, valueColumn, source, lineNumber, valueName);
            if (!TryParseZip(zipText, out var zip))
            {
                throw Error(source, lineNumber, zipName, $"'{zipText}' is not a 5-digit ZIP code (were leading zeros lost?)");
            }

            if (lineOf[zip] != 0)
            {
                throw Error(source, lineNumber, zipName, string.Create(CultureInfo.InvariantCulture,
                    $"ZIP {zipText[..5]} is already given on line {lineOf[zip]}"));
            }

            if (validate(valueText) is { } problem)
            {
                throw Error(source, lineNumber, valueName, problem);
            }

            lineOf[zip] = lineNumber;
            table[zip] = ToByte(valueText);
            zips++;
        }

        return zips;
    }

    private static int Column(string[] names, string[] accepted)
    {
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var name in accepted)
            {
                if (string.Equals(names[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static string Field(string[] fields, int column, string source, int line, string name) =>
        column < fields.Length && fields[column].Trim() is { Length: > 0 } value
            ? value
            : throw Error(source, line, name, "the value is missing");

    private static InvalidDataException Error(string source, int line, string field, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{source} line {line}, field '{field.Trim()}': {problem}."));
}

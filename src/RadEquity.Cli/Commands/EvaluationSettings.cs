using System.CommandLine;
using System.Globalization;
using RadEquity.Engine.Measures;
using RadEquity.Engine.Statistics;
using RadEquity.Engine.Strata;
using RadEquity.Engine.Terminology;

namespace RadEquity.Cli.Commands;

/// <summary>What an evaluation needs besides the store, resolved from the command line.</summary>
internal sealed record EvaluationSettings(
    MeasurementPeriod Period,
    DateOnly AsOf,
    CodeIndex Codes,
    string ValueSetSource,
    AreaLookup Areas,
    MeasureOptions MeasureOptions);

/// <summary>The options <c>measure</c>, <c>explain</c> and <c>report</c> share, and their resolution with clear errors.</summary>
internal sealed class EvaluationOptions
{
    public Option<string?> Period { get; } = new("--period")
    {
        Description = "Measurement period: a year (2025) or START..END (2025-01-01..2025-12-31). Default: the previous calendar year.",
    };

    public Option<string?> AsOf { get; } = new("--as-of")
    {
        Description = "Date care gaps are computed as of (YYYY-MM-DD). Default: the last day of the period.",
    };

    public Option<FileInfo[]> ValueSets { get; } = new("--value-sets")
    {
        Description = "FHIR ValueSet or Bundle files (e.g. official VSAC expansions) replacing the default value sets with the same URL.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<FileInfo?> Ruca { get; } = new("--ruca")
    {
        Description = "ZIP to RUCA table (zip,ruca) for the rurality stratifier; see docs/stratifiers.md.",
    };

    public Option<FileInfo?> Deprivation { get; } = new("--deprivation")
    {
        Description = "ZIP to ADI table (zip,adi_national_percentile,...) for the deprivation stratifier.",
    };

    public Option<bool> QiCoreStudiesOnly { get; } = new("--qicore-studies-only")
    {
        Description = "Count a mammogram or CT colonography only as an imaging Observation, exactly as the eCQM CQL reads it.",
    };

    public IEnumerable<Option> All => [Period, AsOf, ValueSets, Ruca, Deprivation, QiCoreStudiesOnly];

    /// <summary>Resolves the options; on bad input writes "radequity COMMAND: option: problem" and returns null.</summary>
    public EvaluationSettings? Resolve(ParseResult parse, string command, TimeProvider time)
    {
        try
        {
            var period = ParsePeriod(parse.GetValue(Period), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
            var asOf = parse.GetValue(AsOf) is { } text ? ParseDate(text, "--as-of") : period.End;
            var catalog = ValueSetCatalog.LoadDefault();
            var source = "RadEquity defaults";
            var files = parse.GetValue(ValueSets) ?? [];
            if (files.Length > 0)
            {
                var loaded = new List<ValueSet>();
                foreach (var file in files)
                {
                    using var stream = file.OpenRead();
                    loaded.AddRange(ValueSetCatalog.Read(stream, file.Name));
                }

                catalog = catalog.With(loaded);
                source = "defaults replaced by " + string.Join(", ", files.Select(f => f.Name)) +
                         string.Create(CultureInfo.InvariantCulture, $" ({loaded.Count} value sets)");
            }

            return new EvaluationSettings(period, asOf, CodeIndex.Compile(catalog.All), source, LoadAreas(parse),
                new MeasureOptions { QiCoreStudiesOnly = parse.GetValue(QiCoreStudiesOnly) });
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or InvalidDataException
                                      or ArgumentException or KeyNotFoundException)
        {
            Console.Error.WriteLine($"radequity {command}: {e.Message}");
            return null;
        }
    }

    private AreaLookup LoadAreas(ParseResult parse)
    {
        var ruca = parse.GetValue(Ruca);
        var adi = parse.GetValue(Deprivation);
        if (ruca is null && adi is null)
        {
            return AreaLookup.Empty;
        }

        using var rucaReader = ruca?.OpenText();
        using var adiReader = adi?.OpenText();
        return AreaLookup.Load(rucaReader, adiReader, ruca?.Name ?? AreaLookup.RucaFileName, adi?.Name ?? AreaLookup.DeprivationFileName);
    }

    /// <summary>"2025" or "2025-01-01..2025-12-31"; null for the previous calendar year.</summary>
    public static MeasurementPeriod ParsePeriod(string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return MeasurementPeriod.PreviousCalendarYear(today);
        }

        var range = text.Split("..", StringSplitOptions.TrimEntries);
        if (range.Length == 2)
        {
            var start = ParseDate(range[0], "--period");
            var end = ParseDate(range[1], "--period");
            return end >= start ? new MeasurementPeriod(start, end)
                : throw new FormatException($"--period: '{text}' ends before it starts.");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2999
            ? MeasurementPeriod.ForYear(year)
            : throw new FormatException($"--period: '{text}' is neither a year (2025) nor a range (2025-01-01..2025-12-31).");
    }

    private static DateOnly ParseDate(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new FormatException($"{option}: '{text}' is not a date (YYYY-MM-DD).");
}

/// <summary>Confidence level and interval method options for reports.</summary>
internal static class StatisticsOptions
{
    public static Option<double> Level() => new("--level")
    {
        Description = "Confidence level of intervals: 90, 95, 99 or 99.8.",
        DefaultValueFactory = _ => 95,
    };

    public static Option<IntervalMethod> Interval() => new("--interval")
    {
        Description = "Interval method for rates: Wilson or ClopperPearson.",
        DefaultValueFactory = _ => IntervalMethod.Wilson,
    };
}

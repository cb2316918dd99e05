using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RadEquity.Interop.Synthetic;

/// <summary>What to generate.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Number of patients (adults 18-90).</summary>
    public required int Patients { get; init; }

    /// <summary>Seed; the same options give byte-identical output.</summary>
    public required int Seed { get; init; }

    /// <summary>The date histories run up to (exclusive); also the manifest's transactionTime.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The export folder (created if missing; files in it are replaced).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The profile; <see cref="GeneratorProfile.LoadDefault"/> when not set.</summary>
    public GeneratorProfile? Profile { get; init; }
}

/// <summary>What was written.</summary>
/// <param name="OutputDirectory">The export folder.</param>
/// <param name="Patients">Patients written.</param>
/// <param name="ResourceCounts">Resources written per type, in manifest order.</param>
/// <param name="ProfileVersion">The profile version used.</param>
/// <param name="Elapsed">Wall time of the run (not written to any file).</param>
public sealed record GenerationResult(
    string OutputDirectory,
    long Patients,
    IReadOnlyList<KeyValuePair<string, long>> ResourceCounts,
    string ProfileVersion,
    TimeSpan Elapsed);

/// <summary>
/// The synthetic population generator: writes a FHIR R4 Bulk Data export (one NDJSON file per resource type and
/// manifest.json), the ZIP lookup tables (zip-ruca.csv, zip-deprivation.csv) and ground-truth.json. The manifest
/// is written last, through a temporary file and a rename, so an interrupted run leaves no manifest.
/// </summary>
public static class SyntheticPopulation
{
    /// <summary>File name of the Bulk Data manifest.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>File name of the expected-rates file.</summary>
    public const string GroundTruthFileName = "ground-truth.json";

    private const int CalibrationSample = 40_000;

    // Patient i's appointment-timing stream is TimingStreams + i: apart from the main streams (0, 1, ...) and the
    // calibration sample's (-1, -2, ...), so adding it left every other generated value as it was.
    private const long TimingStreams = 1L << 62;

    // Patient i's contact stream (telecom) is ContactStreams + i, above the timing streams for the same reason.
    private const long ContactStreams = (1L << 62) + (1L << 61);

    /// <summary>Generates the population described by <paramref name="options"/>.</summary>
    /// <param name="options">What to generate.</param>
    /// <param name="patientsWritten">Receives the number of patients written, every 1,000 patients and at the end.</param>
    /// <param name="ct">Cancels the run (no manifest is written).</param>
    public static GenerationResult Generate(GeneratorOptions options, IProgress<long>? patientsWritten = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Patients);
        ArgumentException.ThrowIfNullOrEmpty(options.OutputDirectory);
        var stopwatch = Stopwatch.StartNew();
        var profile = options.Profile ?? GeneratorProfile.LoadDefault();
        var data = profile.Data;
        var dir = Directory.CreateDirectory(options.OutputDirectory).FullName;
        var manifestPath = Path.Combine(dir, ManifestFileName);
        File.Delete(manifestPath);

        var region = new Region(data.Region);
        var factors = new Factors(data);
        var model = new PatientModel(data, region, factors, options.AsOf);
        factors.Calibrate(model, options.AsOf, CalibrationSample);
        var truth = new GroundTruth(factors);

        long[] counts;
        using (var export = new NdjsonExport(dir))
        {
            var fhir = new FhirResources(export, data);
            fhir.WriteOrganizationsAndLocations();
            var care = new CareModel(data, region, factors, model, fhir, truth, options.AsOf);
            for (long i = 0; i < options.Patients; i++)
            {
                ct.ThrowIfCancellationRequested();
                var rng = new Rng(options.Seed, i);
                var patient = model.Draw(i, ref rng);
                care.Write(patient, ref rng, new Rng(options.Seed, TimingStreams + i), new Rng(options.Seed, ContactStreams + i));
                if ((i + 1) % 1000 == 0)
                {
                    patientsWritten?.Report(i + 1);
                }
            }

            export.Flush();
            counts = [.. export.Counts];
        }

        using (var gt = File.Create(Path.Combine(dir, GroundTruthFileName)))
        {
            truth.Write(gt, profile.Version, options.Seed, options.AsOf, options.Patients);
        }

        WriteLookups(dir, data.Region);
        var resourceCounts = NdjsonExport.ResourceTypes
            .Select((t, i) => new KeyValuePair<string, long>(t, counts[i])).ToArray();
        WriteManifest(manifestPath, options, profile.Version, resourceCounts);
        patientsWritten?.Report(options.Patients);
        return new GenerationResult(dir, options.Patients, resourceCounts, profile.Version, stopwatch.Elapsed);
    }

    private static void WriteLookups(string dir, RegionData region)
    {
        var ruca = new StringBuilder("zip,ruca\n");
        var adi = new StringBuilder("zip,adi_national_percentile,adi_state_decile\n");
        foreach (var z in region.Zips.OrderBy(z => z.Zip, StringComparer.Ordinal))
        {
            ruca.Append(CultureInfo.InvariantCulture, $"{z.Zip},{z.Ruca}\n");
            adi.Append(CultureInfo.InvariantCulture, $"{z.Zip},{z.AdiNationalPercentile},{z.AdiStateDecile}\n");
        }

        File.WriteAllText(Path.Combine(dir, "zip-ruca.csv"), ruca.ToString(), new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(dir, "zip-deprivation.csv"), adi.ToString(), new UTF8Encoding(false));
    }

    private static void WriteManifest(string path, GeneratorOptions options, string profileVersion,
        IReadOnlyList<KeyValuePair<string, long>> counts)
    {
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var asOf = options.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            j.WriteStartObject();
            j.WriteString("transactionTime", asOf + "T00:00:00Z");
            j.WriteString("request", string.Create(CultureInfo.InvariantCulture,
                $"urn:radequity:synthetic:$export?patients={options.Patients}&seed={options.Seed}&asOf={asOf}&profile={profileVersion}"));
            j.WriteBoolean("requiresAccessToken", false);
            j.WriteStartArray("output");
            foreach (var (type, count) in counts)
            {
                j.WriteStartObject();
                j.WriteString("type", type);
                j.WriteString("url", type + ".ndjson");
                j.WriteNumber("count", count);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteStartArray("error");
            j.WriteEndArray();
            j.WriteStartObject("extension");
            j.WriteString("profileVersion", profileVersion);
            j.WriteNumber("seed", options.Seed);
            j.WriteString("groundTruth", GroundTruthFileName);
            j.WriteEndObject();
            j.WriteEndObject();
        }

        File.Move(temp, path, overwrite: true);
    }
}

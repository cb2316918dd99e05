using System.CommandLine;
using System.Globalization;
using RadEquity.Interop.Synthetic;

namespace RadEquity.Cli.Commands;

/// <summary><c>radequity generate</c>: a synthetic population with known disparities, as a FHIR R4 Bulk Data export.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var patients = new Option<int>("--patients") { Description = "Number of patients.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives byte-identical output.", DefaultValueFactory = _ => 1 };
        var asOf = new Option<DateOnly?>("--as-of")
        {
            Description = "The date the population's histories end (yyyy-MM-dd). Default: 1 January of the current year.",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }

                result.AddError($"--as-of: '{text}' is not a date of the form yyyy-MM-dd.");
                return null;
            },
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (created if needed).", Required = true };
        var profile = new Option<FileInfo?>("--profile") { Description = "Generator profile (JSON); default: the built-in, calibrated profile." };

        var command = new Command("generate", "Write a synthetic population (FHIR R4 Bulk Data NDJSON) whose disparities are known in advance.")
        {
            patients, seed, asOf, output, profile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(patients);
            if (count < 1)
            {
                Console.Error.WriteLine("radequity generate: --patients must be at least 1.");
                return 2;
            }

            GeneratorProfile generatorProfile;
            try
            {
                generatorProfile = parse.GetValue(profile) is { } file ? GeneratorProfile.Load(file.FullName) : GeneratorProfile.LoadDefault();
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine("radequity generate: " + e.Message);
                return 2;
            }

            var options = new GeneratorOptions
            {
                Patients = count,
                Seed = parse.GetValue(seed),
                AsOf = parse.GetValue(asOf) ?? new DateOnly(TimeProvider.System.GetUtcNow().Year, 1, 1),
                OutputDirectory = parse.GetValue(output)!.FullName,
                Profile = generatorProfile,
            };
            var started = TimeProvider.System.GetTimestamp();
            await ConsoleProgress.RunAsync("Generating", report => Task.Run(
                () => SyntheticPopulation.Generate(
                    options,
                    new SynchronousProgress<long>(written => report(written, count, null)),
                    cancellationToken),
                cancellationToken)).ConfigureAwait(false);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {count:N0} patients to {options.OutputDirectory} in {elapsed.TotalSeconds:F1} s."));
            return 0;
        });
        return command;
    }
}

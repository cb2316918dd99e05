using System.CommandLine;
using System.Globalization;
using RadEquity.Data;
using RadEquity.Engine.Strata;
using RadEquity.Risk;

namespace RadEquity.Cli.Commands;

/// <summary><c>radequity risk train|activate|list</c>: the no-show risk model (ADR 0010, docs/risk-model.md).</summary>
internal static class RiskCommand
{
    public static Command Create() => new("risk", "Train, evaluate and switch on the risk model (missed appointments and due exams not completed).")
    {
        Train(),
        Activate(),
        List(),
    };

    private static Command Train()
    {
        var db = CommonOptions.Database();
        var seed = new Option<int>("--seed") { Description = "Training seed: the same store and seed give the same model.", DefaultValueFactory = _ => 1 };
        var asOf = new Option<string?>("--as-of") { Description = "Learn from appointments that started before this date (yyyy-MM-dd). Default: today." };
        var ruca = new Option<FileInfo?>("--ruca") { Description = "ZIP to RUCA table (zip,ruca) for rurality. Default: the work folder's area-tables/zip-ruca.csv when present." };
        var race = new Option<bool>("--include-race-ethnicity") { Description = "Also use race and ethnicity as a feature (off by default; see ADR 0010)." };
        var work = WorkFolder();
        var command = new Command("train", "Train on the store's appointments and due exams, print both AUCs (model and prior-no-shows baseline) and the fairness table, and store the model as a new version (not activated).")
        {
            db, seed, asOf, ruca, race, work,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            DateTimeOffset until;
            AreaLookup areas;
            var folder = ResolveWorkFolder(parse.GetValue(work));
            try
            {
                until = parse.GetValue(asOf) is { } text
                    ? new DateTimeOffset(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                    : TimeProvider.System.GetUtcNow();
                areas = LoadRuca(parse.GetValue(ruca)?.FullName ?? Path.Combine(folder, "area-tables", AreaLookup.RucaFileName),
                    required: parse.GetValue(ruca) is not null);
            }
            catch (Exception e) when (e is FormatException or IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine("radequity risk train: " + (e is FormatException ? "--as-of: not a date of the form yyyy-MM-dd." : e.Message));
                return 2;
            }

            var target = StoreConnection.Parse(CommonOptions.ResolveDatabase(parse.GetValue(db)));
            await target.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var practice = await PracticeExamples.ReadAsync(target, areas, until, cancellationToken).ConfigureAwait(false);
            var examples = practice.All;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{practice.Appointments.Count:N0} kept or missed appointments before {until:yyyy-MM-dd} ({practice.Appointments.Count(e => e.Missed):N0} no-shows) and {practice.DueExams.Count:N0} due exams ({practice.DueExams.Count(e => e.Missed):N0} not completed within the window) in {target.Description}."));
            TrainedRiskModel trained;
            try
            {
                trained = RiskModelTraining.Train(examples, new RiskTrainingOptions
                {
                    Seed = parse.GetValue(seed),
                    IncludeRaceEthnicity = parse.GetValue(race),
                }, TimeProvider.System);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine("radequity risk train: " + e.Message);
                return 1;
            }

            var store = RiskModelStore.InWorkFolder(folder);
            var card = store.Save(trained);
            Console.Out.WriteLine();
            Console.Out.WriteLine(EvaluationReportText.Summary(trained.Report));
            Console.Out.WriteLine(EvaluationReportText.Fairness(trained.Report.Fairness));
            foreach (var kind in trained.Report.Kinds ?? [])
            {
                if (kind.Fairness is { } fairness)
                {
                    Console.Out.WriteLine("### " + EvaluationReportText.KindName(kind.Kind));
                    Console.Out.WriteLine();
                    Console.Out.WriteLine(EvaluationReportText.Fairness(fairness));
                }
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Stored as v{card.Version} in {store.Root}; switch it on with: radequity risk activate {card.Version}"));
            return 0;
        });
        return command;
    }

    private static Command Activate()
    {
        var version = new Argument<string>("version") { Description = "The version to switch on (3 or v3)." };
        var work = WorkFolder();
        var command = new Command("activate", "Switch on a stored model version (only one whose evaluation report is stored).") { version, work };
        command.SetAction(parse =>
        {
            var store = RiskModelStore.InWorkFolder(ResolveWorkFolder(parse.GetValue(work)));
            var text = parse.GetValue(version)!;
            var number = RiskModelStore.ParseVersion(text);
            if (number == 0)
            {
                Console.Error.WriteLine($"radequity risk activate: '{text}' is not a version (1, 2, ... or v1, v2, ...).");
                return 2;
            }

            try
            {
                store.Activate(number);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine("radequity risk activate: " + e.Message + " Stored versions: " +
                                        (store.Versions() is { Count: > 0 } all ? string.Join(", ", all.Select(v => "v" + v.ToString(CultureInfo.InvariantCulture))) : "none") + ".");
                return 1;
            }

            var card = store.Card(number)!;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Risk model v{number} is active (AUC {card.ModelAuc:F3}, baseline {card.BaselineAuc:F3}, trained {card.TrainedAt:yyyy-MM-dd})."));
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var work = WorkFolder();
        var command = new Command("list", "List the stored model versions with their AUCs; the active one is marked.") { work };
        command.SetAction(parse =>
        {
            var store = RiskModelStore.InWorkFolder(ResolveWorkFolder(parse.GetValue(work)));
            var active = store.ActiveVersion();
            var versions = store.Versions();
            if (versions.Count == 0)
            {
                Console.Out.WriteLine($"No risk model stored in {store.Root}.");
                return 0;
            }

            foreach (var version in versions)
            {
                var card = store.Card(version)!;
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(version == active ? "*" : " ")} v{version}  trained {card.TrainedAt:yyyy-MM-dd HH:mm}  seed {card.Seed}  AUC {card.ModelAuc:F3}  baseline {card.BaselineAuc:F3}"));
            }

            return 0;
        });
        return command;
    }

    /// <summary>The same folder the web app calls its work folder (<c>RadEquity:Files</c>).</summary>
    private static Option<DirectoryInfo?> WorkFolder() => new("--work-folder")
    {
        Description = "The app's work folder; models go to <folder>/models/risk. Default: $RadEquity__Files, else <LocalApplicationData>/RadEquity.",
    };

    private static string ResolveWorkFolder(DirectoryInfo? option) =>
        option?.FullName
        ?? (Environment.GetEnvironmentVariable("RadEquity__Files") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "RadEquity"));

    private static AreaLookup LoadRuca(string path, bool required)
    {
        if (!required && !File.Exists(path))
        {
            return AreaLookup.Empty;
        }

        using var reader = File.OpenText(path);
        return AreaLookup.Load(reader, null, Path.GetFileName(path));
    }
}

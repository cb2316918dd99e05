using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RadEquity.Risk;

/// <summary>What is stored beside a model: its identity, how it was trained, and its evaluation report.</summary>
/// <param name="Version">1, 2, ... in the order models were stored.</param>
/// <param name="TrainedAt">When training ran.</param>
/// <param name="Seed">The training seed.</param>
/// <param name="Features">The feature columns.</param>
/// <param name="ModelAuc">Test-set AUC of the model.</param>
/// <param name="BaselineAuc">Test-set AUC of the prior-no-shows baseline.</param>
/// <param name="Report">The full evaluation report.</param>
public sealed record RiskModelCard(
    int Version,
    DateTimeOffset TrainedAt,
    int Seed,
    IReadOnlyList<string> Features,
    double ModelAuc,
    double BaselineAuc,
    EvaluationReport Report);

/// <summary>
/// Versioned models in a folder: <c>v{N}/model.zip</c>, <c>v{N}/report.json</c> (the <see cref="RiskModelCard"/>) and
/// <c>v{N}/report.md</c>, and an <c>active</c> file naming the version in use. A version is written whole in a
/// temporary folder and renamed into place, so a crash leaves a temporary folder that is never listed, never
/// activated and never reused; the pointer is switched only to a version whose report exists.
/// </summary>
/// <param name="root">The folder, usually <c>&lt;work folder&gt;/models/risk</c>.</param>
public sealed class RiskModelStore(string root)
{
    /// <summary>The model file in a version folder.</summary>
    public const string ModelFileName = "model.zip";

    /// <summary>The report (and metadata) a version must have before it can be activated.</summary>
    public const string ReportFileName = "report.json";

    /// <summary>The report, for people.</summary>
    public const string ReportTextFileName = "report.md";

    /// <summary>The pointer to the active version.</summary>
    public const string ActiveFileName = "active";

    private const string TempMarker = ".tmp-";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The store under a work folder: <c>models/risk</c>.</summary>
    public static RiskModelStore InWorkFolder(string workFolder) => new(Path.Combine(workFolder, "models", "risk"));

    /// <summary>Stores <paramref name="trained"/> as the next version and returns its card. Does not activate it.</summary>
    public RiskModelCard Save(TrainedRiskModel trained)
    {
        ArgumentNullException.ThrowIfNull(trained);
        Directory.CreateDirectory(Root);
        // Numbered after every v{N} folder, complete or not, so a damaged folder is never written into.
        var version = Directory.EnumerateDirectories(Root).Select(d => ParseVersion(Path.GetFileName(d))).DefaultIfEmpty(0).Max() + 1;
        var card = new RiskModelCard(version, trained.TrainedAt, trained.Seed, trained.Features, trained.Report.ModelAuc,
            trained.Report.BaselineAuc, trained.Report);
        var temp = Path.Combine(Root, Name(version) + TempMarker + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        using (var model = File.Create(Path.Combine(temp, ModelFileName)))
        {
            trained.Model.Save(model);
        }

        File.WriteAllText(Path.Combine(temp, ReportTextFileName), EvaluationReportText.Render(card));
        // The report is written last: a folder with a report has everything.
        File.WriteAllBytes(Path.Combine(temp, ReportFileName), JsonSerializer.SerializeToUtf8Bytes(card, Json));
        Directory.Move(temp, Path.Combine(Root, Name(version)));
        return card;
    }

    /// <summary>Complete versions (folder named <c>v{N}</c> with its model and report), oldest first.</summary>
    public IReadOnlyList<int> Versions()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(Root)
            .Select(d => ParseVersion(Path.GetFileName(d)))
            .Where(v => v > 0 && IsComplete(v))
            .Order()];
    }

    /// <summary>The card of <paramref name="version"/>, or null when that version is not complete.</summary>
    public RiskModelCard? Card(int version) =>
        IsComplete(version)
            ? JsonSerializer.Deserialize<RiskModelCard>(File.ReadAllBytes(Path.Combine(Folder(version), ReportFileName)), Json)
            : null;

    /// <summary>Loads the model of <paramref name="version"/>.</summary>
    /// <exception cref="InvalidOperationException">The version is not complete.</exception>
    public RiskModel Load(int version)
    {
        if (!IsComplete(version))
        {
            throw new InvalidOperationException($"Risk model {Name(version)} is not stored (or has no report).");
        }

        using var stream = File.OpenRead(Path.Combine(Folder(version), ModelFileName));
        return RiskModel.Load(stream);
    }

    /// <summary>Switches the active model to <paramref name="version"/>.</summary>
    /// <exception cref="InvalidOperationException">The version has no stored report (a model is switched on only
    /// after its evaluation exists).</exception>
    public void Activate(int version)
    {
        if (!IsComplete(version))
        {
            throw new InvalidOperationException($"Risk model {Name(version)} has no stored model and report; it cannot be activated.");
        }

        var pointer = Path.Combine(Root, ActiveFileName);
        var temp = pointer + TempMarker + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, Name(version));
        File.Move(temp, pointer, overwrite: true);
    }

    /// <summary>The active version, or null when none is active or the pointer names no complete version.</summary>
    public int? ActiveVersion()
    {
        var pointer = Path.Combine(Root, ActiveFileName);
        if (!File.Exists(pointer))
        {
            return null;
        }

        var version = ParseVersion(File.ReadAllText(pointer).Trim());
        return version > 0 && IsComplete(version) ? version : null;
    }

    /// <summary>The active model, or null when none is switched on (what the worklist scores with).</summary>
    public RiskModel? LoadActive() => ActiveVersion() is { } version ? Load(version) : null;

    /// <summary>Parses <c>v3</c> or <c>3</c>; 0 when it is neither.</summary>
    public static int ParseVersion(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.StartsWith('v') ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) &&
               int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    private bool IsComplete(int version) =>
        version > 0 && File.Exists(Path.Combine(Folder(version), ModelFileName)) && File.Exists(Path.Combine(Folder(version), ReportFileName));

    private string Folder(int version) => Path.Combine(Root, Name(version));

    private static string Name(int version) => "v" + version.ToString(CultureInfo.InvariantCulture);
}

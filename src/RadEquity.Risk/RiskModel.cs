using Microsoft.ML;
using Microsoft.ML.Data;

namespace RadEquity.Risk;

/// <summary>
/// A trained risk model: the probability that a patient misses a scheduled exam or does not complete a due one. Wraps an ML.NET pipeline
/// (encoding and gradient-boosted trees with a calibrator) so that nothing of ML.NET leaks to callers.
/// </summary>
public sealed class RiskModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _pipeline;
    private readonly DataViewSchema _inputSchema;
    private readonly Lock _gate = new();
    private PredictionEngine<NoShowRow, NoShowScore>? _engine;

    internal RiskModel(MLContext ml, ITransformer pipeline, DataViewSchema inputSchema)
    {
        _ml = ml;
        _pipeline = pipeline;
        _inputSchema = inputSchema;
    }

    /// <summary>The probability (0-1) that the appointment described by <paramref name="features"/> is missed.</summary>
    public double PredictMissProbability(NoShowFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var row = NoShowRow.From(features, label: false);
        // A prediction engine reuses buffers and is not thread-safe; scoring one at a time is what the worklist needs.
        lock (_gate)
        {
            _engine ??= _ml.Model.CreatePredictionEngine<NoShowRow, NoShowScore>(_pipeline, _inputSchema);
            return _engine.Predict(row).Probability;
        }
    }

    /// <summary>The miss probability of each of <paramref name="features"/>, in order (one pass: for evaluation).</summary>
    public IReadOnlyList<double> PredictMissProbabilities(IEnumerable<NoShowFeatures> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var data = _ml.Data.LoadFromEnumerable(features.Select(f => NoShowRow.From(f, label: false)), _inputSchema);
        return Probabilities(_ml, _pipeline.Transform(data));
    }

    /// <summary>Writes the model (ML.NET's zip format) to <paramref name="stream"/>.</summary>
    public void Save(Stream stream) => _ml.Model.Save(_pipeline, _inputSchema, stream);

    /// <summary>Reads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidOperationException">The model was trained on other features (an earlier build): it
    /// must be trained again, not scored with columns it never saw.</exception>
    public static RiskModel Load(Stream stream)
    {
        var ml = new MLContext(seed: 0);
        var pipeline = ml.Model.Load(stream, out var schema);
        var missing = NoShowRow.Columns.Where(c => schema.GetColumnOrNull(c) is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "The model was trained by an earlier version without the features " + string.Join(", ", missing) + "; train a new version.");
        }

        return new RiskModel(ml, pipeline, schema);
    }

    internal static double[] Probabilities(MLContext ml, IDataView scored) =>
        [.. ml.Data.CreateEnumerable<NoShowScore>(scored, reuseRowObject: false).Select(s => (double)s.Probability)];
}

/// <summary>The row ML.NET reads: <see cref="NoShowFeatures"/> flattened to floats and category strings.</summary>
internal sealed class NoShowRow
{
    public bool Label { get; set; }
    public float LeadTimeDays { get; set; }
    public float PriorAppointments { get; set; }
    public float PriorNoShows { get; set; }
    public float PriorNoShowRate { get; set; }
    public float DistanceKm { get; set; }
    public float Age { get; set; }
    public float NeedsInterpreter { get; set; }
    public float Weekday { get; set; }
    public float Hour { get; set; }
    public string Payer { get; set; } = "";
    public string Language { get; set; } = "";
    public string Rurality { get; set; } = "";
    public string RaceEthnicity { get; set; } = "";
    public string Kind { get; set; } = "";
    public float DaysOverdue { get; set; }

    /// <summary>The feature columns (every property but the label), which a stored model's input schema must hold.</summary>
    public static readonly IReadOnlyList<string> Columns =
        [.. typeof(NoShowRow).GetProperties().Select(p => p.Name).Where(n => n != nameof(Label))];

    public static NoShowRow From(NoShowFeatures f, bool label) => new()
    {
        Label = label,
        LeadTimeDays = (float)f.LeadTimeDays,
        PriorAppointments = f.PriorAppointments,
        PriorNoShows = f.PriorNoShows,
        PriorNoShowRate = (float)f.PriorNoShowRate,
        DistanceKm = (float)f.DistanceKm,
        Age = f.Age,
        NeedsInterpreter = f.NeedsInterpreter ? 1 : 0,
        Weekday = f.Weekday is { } weekday ? (float)weekday : -1,
        Hour = f.Hour ?? -1,
        Payer = f.Payer,
        Language = f.Language,
        Rurality = f.Rurality,
        RaceEthnicity = f.RaceEthnicity,
        Kind = f.Kind.ToString(),
        DaysOverdue = f.DaysOverdue,
    };
}

/// <summary>What a binary classifier with a calibrator adds to a row.</summary>
internal sealed class NoShowScore
{
    [ColumnName("Probability")]
    public float Probability { get; set; }
}

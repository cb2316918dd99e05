namespace RadEquity.Risk.Tests;

/// <summary>One generated practice and the model trained on it, shared by the tests that need a trained model
/// (generation and training take a few seconds).</summary>
public sealed class TrainedPractice : IAsyncLifetime
{
    public const int Patients = 5000;
    public const int Seed = 3;

    public static readonly DateTimeOffset AsOf = new(GeneratedPractice.AsOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public AppointmentHistory History { get; private set; } = null!;

    /// <summary>Both kinds, in start order.</summary>
    public IReadOnlyList<NoShowExample> Examples { get; private set; } = [];

    public IReadOnlyList<NoShowExample> Appointments { get; private set; } = [];

    public IReadOnlyList<NoShowExample> DueExams { get; private set; } = [];

    public TrainedRiskModel Trained { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (history, records, codes) = await GeneratedPractice.PracticeAsync(Patients, Seed);
        History = history;
        Appointments = NoShowExamples.From(History, AsOf);
        DueExams = DueExamExamples.From(records, History, codes, AsOf);
        Examples = new PracticeExamples(Appointments, DueExams).All;
        Trained = RiskModelTraining.Train(Examples, new RiskTrainingOptions { Seed = 7 }, TimeProvider.System);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class TrainedPracticeGroup : ICollectionFixture<TrainedPractice>
{
    public const string Name = "trained practice";
}

using Microsoft.ML;

namespace RadEquity.Risk.Tests;

[Collection(TrainedPracticeGroup.Name)]
public sealed class RiskModelStoreTests(TrainedPractice practice) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "radequity-risk-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void SaveThenLoad_SameModel_GivesIdenticalPredictions()
    {
        var store = new RiskModelStore(_root);
        var card = store.Save(practice.Trained);
        var loaded = store.Load(card.Version);
        var sample = practice.Examples.Take(300).Select(e => e.Features).ToArray();

        Assert.Equal(practice.Trained.Model.PredictMissProbabilities(sample), loaded.PredictMissProbabilities(sample));
        Assert.Equal(practice.Trained.Model.PredictMissProbability(sample[5]), loaded.PredictMissProbability(sample[5]));
        Assert.InRange(loaded.PredictMissProbability(sample[5]), 0.0, 1.0);
    }

    [Fact]
    public void Load_ModelTrainedOnOtherFeatures_RefusedWithTheMissingColumnsNamed()
    {
        // A stand-in for a model of an earlier build: it knows lead time and prior no-shows only.
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new EarlierRow
        {
            Label = i % 3 == 0,
            LeadTimeDays = i,
            PriorNoShows = i % 4,
        }));
        var pipeline = ml.Transforms.Concatenate("Features", nameof(EarlierRow.LeadTimeDays), nameof(EarlierRow.PriorNoShows))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
        using var saved = new MemoryStream();
        ml.Model.Save(pipeline.Fit(data), data.Schema, saved);
        saved.Position = 0;

        var refused = Assert.Throws<InvalidOperationException>(() => RiskModel.Load(saved));

        Assert.Contains("Kind", refused.Message, StringComparison.Ordinal);
        Assert.Contains("train a new version", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_TwoModels_NumbersVersionsAndStoresReportWithMetadata()
    {
        var store = new RiskModelStore(_root);

        var first = store.Save(practice.Trained);
        var second = store.Save(practice.Trained);

        Assert.Equal([1, 2], store.Versions());
        Assert.Equal(2, second.Version);
        var stored = store.Card(first.Version)!;
        Assert.Equal(practice.Trained.Report.ModelAuc, stored.ModelAuc);
        Assert.Equal(practice.Trained.Report.BaselineAuc, stored.BaselineAuc);
        Assert.Equal(7, stored.Seed);
        Assert.Equal(practice.Trained.Features, stored.Features);
        Assert.Equal(practice.Trained.Report.Fairness.Groups, stored.Report.Fairness.Groups);
        Assert.True(File.Exists(Path.Combine(_root, "v1", RiskModelStore.ReportTextFileName)));
        Assert.Null(store.ActiveVersion());
    }

    [Fact]
    public void Activate_StoredVersion_BecomesActive()
    {
        var store = new RiskModelStore(_root);
        store.Save(practice.Trained);
        store.Save(practice.Trained);

        Assert.Null(store.LoadActive());
        store.Activate(2);
        Assert.Equal(2, store.ActiveVersion());
        Assert.NotNull(store.LoadActive());
        store.Activate(1);
        Assert.Equal(1, store.ActiveVersion());
    }

    [Fact]
    public void Activate_HalfWrittenModelLeftByACrash_IsRefusedAndNeverListed()
    {
        var store = new RiskModelStore(_root);
        store.Save(practice.Trained);
        store.Activate(1);
        // A crash mid-save leaves the temporary folder with a model but no report, and a v2 copied by hand without one.
        var crashed = Directory.CreateDirectory(Path.Combine(_root, "v2.tmp-0123456789abcdef")).FullName;
        File.WriteAllBytes(Path.Combine(crashed, RiskModelStore.ModelFileName), [1, 2, 3]);
        var partial = Directory.CreateDirectory(Path.Combine(_root, "v2")).FullName;
        File.WriteAllBytes(Path.Combine(partial, RiskModelStore.ModelFileName), [1, 2, 3]);

        Assert.Throws<InvalidOperationException>(() => store.Activate(2));
        Assert.Equal([1], store.Versions());
        Assert.Equal(1, store.ActiveVersion());
        Assert.Null(store.Card(2));
        var next = store.Save(practice.Trained);
        Assert.Equal(3, next.Version);
        Assert.Equal([1, 3], store.Versions());
    }

    [Fact]
    public void ActiveVersion_PointerToAVersionWithoutReport_IsNone()
    {
        var store = new RiskModelStore(_root);
        store.Save(practice.Trained);
        store.Activate(1);

        File.Delete(Path.Combine(_root, "v1", RiskModelStore.ReportFileName));

        Assert.Null(store.ActiveVersion());
    }

    [Theory]
    [InlineData("v3", 3)]
    [InlineData("12", 12)]
    [InlineData("v2.tmp-abc", 0)]
    [InlineData("active", 0)]
    [InlineData("v", 0)]
    public void ParseVersion_Names_ReadsOnlyWholeVersionNames(string text, int expected) =>
        Assert.Equal(expected, RiskModelStore.ParseVersion(text));
}

/// <summary>The rows of a model trained on fewer features than this build's.</summary>
public sealed class EarlierRow
{
    public bool Label { get; set; }
    public float LeadTimeDays { get; set; }
    public float PriorNoShows { get; set; }
}

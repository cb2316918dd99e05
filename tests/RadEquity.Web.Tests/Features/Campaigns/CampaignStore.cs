using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RadEquity.Data;
using RadEquity.Data.Measures;
using RadEquity.Data.Model;
using RadEquity.Engine.Evaluation;
using RadEquity.Engine.Measures;
using RadEquity.Web.Features.Worklist;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Campaigns;

/// <summary>A patient of the hand-built worklist: contact details, ZIP and categories in the run.</summary>
internal sealed record SeedPatient(string Id, string Payer = "Uninsured/self-pay", string Rurality = "Rural", string Zip = "62901",
    string? Phone = "+15550100001", string? Email = null, string Language = "en", string Sex = "Female");

/// <summary>Hand-built measure runs synced into the worklist, with the patients' facts and raw resources, for campaign tests.</summary>
internal sealed class CampaignStore(RadEquityWebFactory factory, FakeTimeProvider clock)
{
    public static readonly DateOnly Due = new(2025, 3, 1);

    public async Task AddPatientsAsync(IEnumerable<SeedPatient> patients)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        foreach (var p in patients)
        {
            var telecom = new List<string>();
            if (p.Phone is not null)
            {
                telecom.Add($$"""{"system":"phone","value":"{{p.Phone}}","use":"mobile"}""");
            }

            if (p.Email is not null)
            {
                telecom.Add($$"""{"system":"email","value":"{{p.Email}}"}""");
            }

            var bytes = Encoding.UTF8.GetBytes($$"""
                {"resourceType":"Patient","id":"{{p.Id}}","name":[{"family":"Test","given":["Ana"]}],"telecom":[{{string.Join(',', telecom)}}],
                 "address":[{"use":"home","line":["1 Main St"],"city":"Carbondale","state":"IL","postalCode":"{{p.Zip}}"}]}
                """);
            db.Patients.Add(new PatientRow
            {
                Source = "demo",
                ResourceType = "Patient",
                ResourceId = p.Id,
                PatientId = p.Id,
                Sex = p.Sex,
                LanguageCode = p.Language,
                NeedsInterpreter = p.Language != "en",
                PostalCode = p.Zip,
            });
            db.RawResources.Add(new RawResourceRow
            {
                Source = "demo",
                ResourceType = "Patient",
                ResourceId = p.Id,
                PatientId = p.Id,
                Content = Compress(bytes),
                ContentHash = System.Security.Cryptography.SHA256.HashData(bytes),
                IngestedAt = clock.GetUtcNow(),
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Saves a completed cms125 run (the gap open for <paramref name="open"/>, met for <paramref name="met"/>) and syncs it.</summary>
    public async Task<long> RunAndSyncAsync(IReadOnlyList<SeedPatient> open, IReadOnlyList<SeedPatient>? met = null)
    {
        met ??= [];
        var runs = new MeasureRunStore(factory.Services.GetRequiredService<StoreTarget>(), clock);
        var run = await runs.StartRunAsync(
            new MeasureRunDefinition(MeasurementPeriod.ForYear(2025), new DateOnly(2025, 12, 31), ["cms125"], "test", "test"), CancellationToken.None);
        var outcomes = open.Select(p => new MeasureRunOutcome("demo", p.Id, "cms125",
                new MeasureResult(true, true, false, false, GapStatus.Open, Due, null, null)))
            .Concat(met.Select(p => new MeasureRunOutcome("demo", p.Id, "cms125",
                new MeasureResult(true, true, false, true, GapStatus.Closed, Due.AddYears(2), "mammography", null))));
        var patients = open.Concat(met).Select(p => new MeasureRunPatient("demo", p.Id,
            ["Hispanic or Latino", p.Language == "es" ? "Spanish" : "English", p.Payer, p.Rurality, "ADI quintile 5 (most deprived)", "50–64", p.Sex]));
        await runs.SaveAsync(run, new EvaluationCounts(), outcomes, patients, CancellationToken.None);
        await factory.Services.GetRequiredService<WorklistSync>().SyncAsync(run, CancellationToken.None);
        return run;
    }

    public async Task<T> ReadAsync<T>(Func<RadEquityDbContext, Task<T>> read)
    {
        using var scope = factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<RadEquityDbContext>());
    }

    private static byte[] Compress(byte[] json)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest))
        {
            brotli.Write(json);
        }

        return output.ToArray();
    }
}

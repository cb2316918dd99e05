using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Web.Tests.Infrastructure;

namespace RadEquity.Web.Tests.Features.Outreach;

/// <summary>Patients for outreach tests, stored as ingest stores them: a patient fact and the raw Patient resource (where contact details live).</summary>
internal static class OutreachPatients
{
    public static async Task AddAsync(RadEquityWebFactory factory, DateTimeOffset ingestedAt, string id, string language, string? phone, string? email)
    {
        var telecom = new List<string>();
        if (phone is not null)
        {
            telecom.Add($$"""{"system":"phone","value":"{{phone}}","use":"mobile"}""");
        }

        if (email is not null)
        {
            telecom.Add($$"""{"system":"email","value":"{{email}}"}""");
        }

        var json = $$"""
            {"resourceType":"Patient","id":"{{id}}","name":[{"family":"Test","given":["Ana"]}],"telecom":[{{string.Join(',', telecom)}}],
             "address":[{"use":"home","line":["1 Main St"],"city":"Springfield","state":"IL","postalCode":"62701"}]}
            """;
        var bytes = Encoding.UTF8.GetBytes(json);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        db.Patients.Add(new PatientRow
        {
            Source = "demo",
            ResourceType = "Patient",
            ResourceId = id,
            PatientId = id,
            Sex = "Female",
            LanguageCode = language,
            NeedsInterpreter = language != "en",
        });
        db.RawResources.Add(new RawResourceRow
        {
            Source = "demo",
            ResourceType = "Patient",
            ResourceId = id,
            PatientId = id,
            Content = Compress(bytes),
            ContentHash = System.Security.Cryptography.SHA256.HashData(bytes),
            IngestedAt = ingestedAt,
        });
        await db.SaveChangesAsync();
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

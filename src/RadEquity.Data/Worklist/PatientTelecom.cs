using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Ingest;

namespace RadEquity.Data.Worklist;

/// <summary>
/// How patients can be reached: the <c>telecom</c> systems of their stored raw Patient resources. The Patient fact
/// carries no telecom (measures never need it), so the worklist reads the raw resource kept for audit and re-projection.
/// </summary>
public static class PatientTelecom
{
    /// <summary>
    /// For each patient of <paramref name="source"/> among <paramref name="patientIds"/> with a stored Patient resource,
    /// its telecom systems (<c>phone</c>, <c>sms</c>, <c>email</c>, ...), distinct and sorted; a mobile phone counts as
    /// <c>sms</c> too. Patients without telecom are absent.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadChannelsAsync(RadEquityDbContext db, string source,
        IReadOnlyCollection<string> patientIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(patientIds);
        var channels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var chunk in patientIds.Chunk(500))
        {
            var rows = await db.RawResources.AsNoTracking()
                .Where(r => r.Source == source && r.ResourceType == "Patient" && chunk.Contains(r.ResourceId))
                .Select(r => new { r.ResourceId, r.Content })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var systems = Systems(RawContent.Decompress(row.Content));
                if (systems.Count > 0)
                {
                    channels[row.ResourceId] = systems;
                }
            }
        }

        return channels;
    }

    /// <summary>The telecom systems of one Patient resource's JSON.</summary>
    internal static IReadOnlyList<string> Systems(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        if (!document.RootElement.TryGetProperty("telecom", out var telecom) || telecom.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var systems = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var point in telecom.EnumerateArray())
        {
            if (point.ValueKind != JsonValueKind.Object
                || !point.TryGetProperty("system", out var system) || system.GetString() is not { Length: > 0 } name
                || !point.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            systems.Add(name);
            if (name == "phone" && point.TryGetProperty("use", out var use) && use.GetString() == "mobile")
            {
                systems.Add("sms");
            }
        }

        return [.. systems];
    }
}

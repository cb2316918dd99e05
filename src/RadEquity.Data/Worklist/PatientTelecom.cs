using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Ingest;
using RadEquity.Data.Outreach;

namespace RadEquity.Data.Worklist;

/// <summary>
/// How patients can be reached, for many patients at once: the channels of their stored raw Patient resources, parsed as
/// outreach parses them (<see cref="PatientContacts"/>). The Patient fact carries no telecom (measures never need it).
/// </summary>
public static class PatientTelecom
{
    /// <summary>
    /// For each patient of <paramref name="source"/> among <paramref name="patientIds"/> with a stored Patient resource,
    /// its channels (<c>email</c>, <c>phone</c>, <c>sms</c> for a mobile phone), sorted. Patients without any are absent.
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

    /// <summary>The ways to reach the patient of one Patient resource's JSON (<see cref="PatientContact.Channels"/>).</summary>
    internal static IReadOnlyList<string> Systems(ReadOnlySpan<byte> json) => PatientContacts.Parse("", "", json).Channels;
}

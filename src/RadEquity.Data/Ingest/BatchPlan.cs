using System.Globalization;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Ingest;

namespace RadEquity.Data.Ingest;

/// <summary>What a sink does with one resource key of a batch.</summary>
internal enum WriteAction
{
    /// <summary>Not stored yet: insert raw and fact.</summary>
    Insert,
    /// <summary>Stored with other content and not newer: replace raw, delete and insert the fact.</summary>
    Replace,
    /// <summary>A DELETE of a stored resource: remove raw and fact.</summary>
    Delete,
    /// <summary>Same content, an older version than stored, or a DELETE of nothing.</summary>
    Unchanged,
}

/// <summary>The version of a resource the store holds.</summary>
internal sealed record StoredVersion(byte[] ContentHash, string? VersionId, DateTimeOffset? LastUpdated);

/// <summary>The winning item for one key of a batch: a projected resource, or a delete when <see cref="Resource"/> is null.</summary>
internal sealed class PendingResource(ResourceKey key, ProjectedResource? resource)
{
    public ResourceKey Key { get; } = key;

    public ProjectedResource? Resource { get; } = resource;

    public byte[]? ContentHash { get; } = resource is null ? null : RawContent.Hash(resource.RawJson.Span);

    public WriteAction Decide(StoredVersion? stored)
    {
        if (Resource is null)
        {
            return stored is null ? WriteAction.Unchanged : WriteAction.Delete;
        }

        if (stored is null)
        {
            return WriteAction.Insert;
        }

        if (stored.ContentHash.AsSpan().SequenceEqual(ContentHash))
        {
            return WriteAction.Unchanged;
        }

        return VersionOrder.IsNewer(stored.VersionId, stored.LastUpdated, Resource.VersionId, Resource.LastUpdated)
            ? WriteAction.Unchanged
            : WriteAction.Replace;
    }
}

/// <summary>
/// A batch reduced to one item per resource key and one quarantine record per (source, file, line), so both
/// sinks apply exactly the same semantics. Within a batch the later item for a key wins, unless the earlier
/// one is a strictly newer version of the resource; superseded items count as unchanged.
/// </summary>
internal sealed class BatchPlan
{
    private BatchPlan(IReadOnlyList<PendingResource> resources, IReadOnlyList<QuarantinedRecord> quarantined, long superseded)
    {
        Resources = resources;
        Quarantined = quarantined;
        Superseded = superseded;
    }

    public IReadOnlyList<PendingResource> Resources { get; }

    public IReadOnlyList<QuarantinedRecord> Quarantined { get; }

    public long Superseded { get; }

    public static BatchPlan Create(IReadOnlyList<IngestItem> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var winners = new Dictionary<ResourceKey, IngestItem>();
        var order = new List<ResourceKey>();
        var quarantine = new Dictionary<(string, string, long), QuarantinedRecord>();
        long superseded = 0;
        foreach (var item in batch)
        {
            switch (item)
            {
                case ProjectedResource projected:
                    superseded += Offer(winners, order, projected.Key, projected);
                    break;
                case DeletedResource deleted:
                    superseded += Offer(winners, order, deleted.Key, deleted);
                    break;
                case QuarantinedRecord record:
                    quarantine[(record.Source, record.Location.File, record.Location.Line)] = record;
                    break;
                default:
                    throw new ArgumentException($"Unknown ingest item {item.GetType().Name}.", nameof(batch));
            }
        }

        // Hashing (SHA-256 of every resource's bytes) runs in parallel; the winners dictionary is only read here.
        var resources = new PendingResource[order.Count];
        Parallel.For(0, resources.Length, i => resources[i] = new PendingResource(order[i], winners[order[i]] as ProjectedResource));
        return new BatchPlan(resources, quarantine.Values.ToArray(), superseded);
    }

    private static int Offer(Dictionary<ResourceKey, IngestItem> winners, List<ResourceKey> order, ResourceKey key, IngestItem candidate)
    {
        if (!winners.TryGetValue(key, out var current))
        {
            winners.Add(key, candidate);
            order.Add(key);
            return 0;
        }

        var keepCurrent = current is ProjectedResource held && candidate is ProjectedResource offered
            && VersionOrder.IsNewer(held.VersionId, held.LastUpdated, offered.VersionId, offered.LastUpdated);
        if (!keepCurrent)
        {
            winners[key] = candidate;
        }

        return 1;
    }
}

/// <summary>FHIR version order: a numeric <c>meta.versionId</c> decides; else <c>meta.lastUpdated</c>.</summary>
internal static class VersionOrder
{
    /// <summary>True when version a is strictly newer than version b; equal or unknown order is not newer.</summary>
    public static bool IsNewer(string? versionA, DateTimeOffset? updatedA, string? versionB, DateTimeOffset? updatedB)
    {
        if (TryParse(versionA, out var a) && TryParse(versionB, out var b) && a != b)
        {
            return a > b;
        }

        if (updatedA is { } ua && updatedB is { } ub)
        {
            return StoreTimestamp.Normalize(ua) > StoreTimestamp.Normalize(ub);
        }

        return false;
    }

    private static bool TryParse(string? version, out long value) =>
        long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}

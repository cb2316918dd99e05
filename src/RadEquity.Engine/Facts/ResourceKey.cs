namespace RadEquity.Engine.Facts;

/// <summary>
/// The identity of a source resource: facts are keyed by it, so loading the same resource twice changes
/// nothing (ARCHITECTURE idea 1).
/// </summary>
/// <param name="Source">The data source the resource came from (a practice system, an export, "demo").</param>
/// <param name="ResourceType">The FHIR resource type, or the CSV record kind mapped to one.</param>
/// <param name="ResourceId">The resource's logical id within the source.</param>
public readonly record struct ResourceKey(string Source, string ResourceType, string ResourceId)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source}:{ResourceType}/{ResourceId}";
}

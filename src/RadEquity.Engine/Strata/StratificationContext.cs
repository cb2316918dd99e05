namespace RadEquity.Engine.Strata;

/// <summary>
/// What stratification needs besides the patient: the date at which to stratify and the ZIP area tables.
/// </summary>
/// <param name="ReferenceDate">The date age and active coverage are taken at: the last day of the measurement
/// period.</param>
/// <param name="Areas">ZIP to RUCA and ZIP to ADI lookups; <see cref="AreaLookup.Empty"/> when none are loaded
/// (rurality and deprivation are then Unknown).</param>
public sealed record StratificationContext(DateOnly ReferenceDate, AreaLookup Areas)
{
    /// <summary>The ZIP area tables.</summary>
    public AreaLookup Areas { get; init; } = Areas ?? throw new ArgumentNullException(nameof(Areas));
}

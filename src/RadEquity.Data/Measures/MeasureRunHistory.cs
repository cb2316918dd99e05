using Microsoft.EntityFrameworkCore;
using RadEquity.Data.Ingest;

namespace RadEquity.Data.Measures;

/// <summary>Every measure run in any status, newest first, for the Runs page.</summary>
public sealed class MeasureRunHistory(RadEquityDbContext db)
{
    /// <summary>One page of runs, newest first.</summary>
    public async Task<Paged<MeasureRun>> ReadAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var total = await db.MeasureRuns.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.MeasureRuns.AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Skip(offset).Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Paged<MeasureRun>(total, rows.Select(MeasureRunStore.ToRun).ToList());
    }
}

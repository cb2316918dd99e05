using Microsoft.EntityFrameworkCore;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Engine.Facts;
using RadEquity.Engine.Strata;

namespace RadEquity.Risk;

/// <summary>
/// A practice's own history, as the risk model learns from it: patients, their coverages, their appointments (kept,
/// missed, cancelled) and the sites the appointments were at.
/// </summary>
/// <param name="Patients">Demographics and home location.</param>
/// <param name="Coverages">Coverages of any period (the payer is taken on each appointment's day).</param>
/// <param name="Appointments">Appointments of any status.</param>
/// <param name="Sites">Where appointments take place (for the distance from home).</param>
/// <param name="Areas">ZIP tables for rurality; <see cref="AreaLookup.Empty"/> leaves rurality Unknown.</param>
public sealed record AppointmentHistory(
    IReadOnlyList<PatientFact> Patients,
    IReadOnlyList<CoverageFact> Coverages,
    IReadOnlyList<AppointmentFact> Appointments,
    IReadOnlyList<SiteFact> Sites,
    AreaLookup Areas)
{
    /// <summary>Every patient, coverage, appointment and site in <paramref name="store"/> (all sources).</summary>
    public static async Task<AppointmentHistory> ReadAsync(StoreTarget store, AreaLookup areas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var context = store.CreateDbContext();
        await using (context.ConfigureAwait(false))
        {
            var patients = await context.Patients.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            var coverages = await context.Coverages.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            var appointments = await context.Appointments.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            var sites = await context.Sites.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            return new AppointmentHistory(
                [.. patients.Select(p => p.ToFact())], [.. coverages.Select(c => c.ToFact())],
                [.. appointments.Select(a => a.ToFact())], [.. sites.Select(s => s.ToFact())], areas);
        }
    }
}

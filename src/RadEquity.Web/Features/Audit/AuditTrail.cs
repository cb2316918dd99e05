using System.Security.Claims;
using RadEquity.Data;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Audit;

/// <summary>
/// Records who saw or exported which patient data, when and from where, in the append-only <c>audit_events</c>
/// table. Call it before the data is sent: if the event cannot be written, the request fails and nothing is shown.
/// Events go to the database only, never to the application log (they name patients).
/// </summary>
internal sealed class AuditTrail(RadEquityDbContext db, TimeProvider time, AuditWriteGate gate)
{
    /// <summary>Appends one event for the signed-in user of <paramref name="context"/>.</summary>
    /// <param name="context">The request: its user, client address and user agent are recorded.</param>
    /// <param name="action">One of <see cref="AuditAction"/>.</param>
    /// <param name="what">What kind of data: <c>patient</c>, <c>patient-list</c>, <c>audit-log</c>...</param>
    /// <param name="subject">Which: a patient reference, a stratum, a list's filter.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task RecordAsync(HttpContext context, string action, string what, string? subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!AuditAction.All.Contains(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Not an audit action.");
        }

        var user = context.User;
        var userAgent = context.Request.Headers.UserAgent.ToString();
        db.AppendAuditEvent(new AuditEventRow
        {
            OccurredAt = time.GetUtcNow(),
            UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = user.Identity?.Name,
            Roles = string.Join(',', user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)),
            Action = action,
            What = what,
            Subject = subject,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            UserAgent = userAgent.Length == 0 ? null : userAgent[..Math.Min(userAgent.Length, AuditEventRow.UserAgentLength)],
        });
        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// On SQLite, lets one audit write at a time into the store. SQLite has one writer; without this, concurrent patient
/// views each take the write lock in turn and Microsoft.Data.Sqlite waits for it in blocking 150 ms sleeps, which at 20
/// concurrent users made the patient pages' 95th percentile 500 ms (docs/benchmarks.md, "Dashboard under load").
/// PostgreSQL writes concurrently, so there the gate is open.
/// </summary>
internal sealed class AuditWriteGate(StoreTarget store) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Waits for the gate (at once on PostgreSQL); dispose the result to let the next writer in.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (store.Provider != StoreProvider.Sqlite)
        {
            return null;
        }

        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(_one);
    }

    public void Dispose() => _one.Dispose();

    private sealed class Release(SemaphoreSlim one) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                one.Release();
            }
        }
    }
}

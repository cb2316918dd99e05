using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Audit;

/// <summary>A selection of the audit log, from the query string: user name (part of it), action, and UTC dates.</summary>
internal sealed class AuditFilter
{
    [FromQuery(Name = "user")]
    public string? User { get; set; }

    [FromQuery(Name = "action")]
    public string? Action { get; set; }

    [FromQuery(Name = "from")]
    public DateOnly? From { get; set; }

    [FromQuery(Name = "to")]
    public DateOnly? To { get; set; }

    public IQueryable<AuditEventRow> Apply(IQueryable<AuditEventRow> events)
    {
        if (!string.IsNullOrWhiteSpace(User))
        {
            var needle = User.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower(), the same on both providers
            events = events.Where(e => e.UserName != null && e.UserName.ToLower().Contains(needle));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            events = events.Where(e => e.Action == Action);
        }

        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.OccurredAt >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.OccurredAt < end);
        }

        return events;
    }

    /// <summary>The filter as a query string (without <c>?</c>), for links and the export's audit subject.</summary>
    public string ToQuery()
    {
        var parts = new List<string>();
        Add("user", User);
        Add("action", Action);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return string.Join('&', parts);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
            }
        }
    }
}

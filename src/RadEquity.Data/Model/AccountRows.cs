using Microsoft.AspNetCore.Identity;

namespace RadEquity.Data.Model;

/// <summary>
/// A row of <c>users</c>: a person who signs in to the web app (ASP.NET Core Identity). The user name is the e-mail
/// address. Roles are rows of <c>roles</c> and <c>user_roles</c>.
/// </summary>
public sealed class RadEquityUser : IdentityUser
{
    public DateTimeOffset? CreatedAt { get; set; }
}

/// <summary>
/// A row of <c>audit_events</c>: one view or export of patient data (or of the audit log itself). Append-only: the
/// context refuses to update or delete one, and database triggers refuse UPDATE and DELETE (see
/// <see cref="RadEquityDbContext.AppendAuditEvent"/>).
/// </summary>
public sealed class AuditEventRow
{
    /// <summary>The longest user agent kept; the rest is cut.</summary>
    public const int UserAgentLength = 256;

    public long Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>The Identity user id; null for an anonymous caller.</summary>
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    /// <summary>The caller's roles when the event happened, comma-separated and sorted.</summary>
    public string Roles { get; init; } = "";
    /// <summary>One of <see cref="AuditAction"/>.</summary>
    public string Action { get; init; } = "";
    /// <summary>What was seen or exported: <c>patient</c>, <c>patient-list</c>, <c>audit-log</c>...</summary>
    public string What { get; init; } = "";
    /// <summary>Which one: a patient reference, a stratum, the filter of a list or export.</summary>
    public string? Subject { get; init; }
    public string? ClientAddress { get; init; }
    public string? UserAgent { get; init; }
}

/// <summary>The values of <see cref="AuditEventRow.Action"/>.</summary>
public static class AuditAction
{
    public const string View = "view";
    public const string Export = "export";

    public static readonly IReadOnlyList<string> All = [View, Export];
}

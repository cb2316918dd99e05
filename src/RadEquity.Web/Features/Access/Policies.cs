using Microsoft.AspNetCore.Authorization;

namespace RadEquity.Web.Features.Access;

/// <summary>The roles a user can hold (rows of <c>roles</c>, created on start).</summary>
internal static class Roles
{
    /// <summary>Manages users and reads the audit log; sees everything.</summary>
    public const string Admin = "Admin";

    /// <summary>Aggregates and drill-down to patients; loads data and runs the measures.</summary>
    public const string Analyst = "Analyst";

    /// <summary>Worklists and patient detail.</summary>
    public const string Navigator = "Navigator";

    /// <summary>Suppressed aggregates only.</summary>
    public const string Viewer = "Viewer";

    /// <summary>
    /// A coalition member: submits resources, discusses, takes webinar post-tests. Sees nothing of the practice's data.
    /// Granted when a person who joined through <c>/coalition/join</c> confirms their e-mail address.
    /// </summary>
    public const string Member = "Member";

    /// <summary>Coalition staff: organisations, the disparities page, resource review, moderation, webinars.</summary>
    public const string CoalitionStaff = "CoalitionStaff";

    public static readonly IReadOnlyList<string> All = [Admin, Analyst, Navigator, Viewer, Member, CoalitionStaff];

    /// <summary>The roles of the practice's side (the dashboard and everything behind it); the coalition's are not.</summary>
    public static readonly IReadOnlyList<string> Practice = [Admin, Analyst, Navigator, Viewer];
}

/// <summary>
/// Who may do what, declared once: every page and endpoint names one of these policies (or is explicitly
/// anonymous); anything that names none needs a signed-in user (the fallback policy).
/// </summary>
internal static class Policies
{
    /// <summary>De-identified, small-cell-suppressed aggregates: every role.</summary>
    public const string Aggregates = nameof(Aggregates);

    /// <summary>Patient-level data (drill-down, worklists, patient detail). Every use is audited.</summary>
    public const string PatientData = nameof(PatientData);

    /// <summary>Users, roles and the audit log.</summary>
    public const string Administration = nameof(Administration);

    /// <summary>Loading data (uploads, the quarantine, ZIP tables) and starting measure runs.</summary>
    public const string DataManagement = nameof(DataManagement);

    /// <summary>The coalition hub's member pages: discussion, resource submission, post-tests, certificates, transcript.</summary>
    public const string CoalitionMember = nameof(CoalitionMember);

    /// <summary>Running the coalition hub: organisations, facts, resource review, moderation, webinars.</summary>
    public const string CoalitionStaff = nameof(CoalitionStaff);

    /// <summary>The roles each policy admits.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RolesOf = new Dictionary<string, IReadOnlyList<string>>
    {
        [Aggregates] = [Roles.Admin, Roles.Analyst, Roles.Navigator, Roles.Viewer],
        [PatientData] = [Roles.Admin, Roles.Analyst, Roles.Navigator],
        [Administration] = [Roles.Admin],
        [DataManagement] = [Roles.Admin, Roles.Analyst],
        [CoalitionMember] = [Roles.Member, Roles.CoalitionStaff],
        [CoalitionStaff] = [Roles.CoalitionStaff],
    };

    public static IServiceCollection AddPolicies(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var (policy, roles) in RolesOf)
        {
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        return services;
    }
}

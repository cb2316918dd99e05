using RadEquity.Web.Features.Access;

namespace RadEquity.Web.Features.Admin;

/// <summary>What each role may do, in words, for the role check boxes.</summary>
internal static class RoleDescriptions
{
    public static string Of(string role) => role switch
    {
        Roles.Admin => "users, roles, the audit log, and everything else",
        Roles.Analyst => "aggregates and drill-down to patients",
        Roles.Navigator => "worklists and patient detail",
        Roles.Viewer => "suppressed aggregates only",
        Roles.Member => "coalition hub: discussion, resource submission, webinar credits (no practice data)",
        Roles.CoalitionStaff => "coalition hub: organisations, facts, resource review, moderation, webinars (no practice data)",
        _ => "",
    };
}

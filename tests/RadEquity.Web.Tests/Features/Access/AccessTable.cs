namespace RadEquity.Web.Tests.Features.Access;

/// <summary>Who calls an endpoint in the authorization matrix: nobody signed in, or a user with exactly one role.</summary>
[Flags]
public enum Caller
{
    Anonymous = 1,
    Viewer = 2,
    Navigator = 4,
    Analyst = 8,
    Admin = 16,
    Member = 32,
    CoalitionStaff = 64,
}

/// <summary>
/// One row of the access table: an endpoint's route pattern and method, and who may call it. <see cref="AccessTable.AnyMethod"/>
/// is for endpoints without a method of their own (Razor Pages, health checks): they are called with GET and POST.
/// <paramref name="Sample"/> is the URL called for a pattern with parameters.
/// </summary>
public sealed record AccessRule(string Method, string Pattern, Caller Allowed, string? Sample = null)
{
    public string Url => Sample ?? Pattern;

    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// The declared access table of the web app: every endpoint, and who may call it. The matrix test fails for an
/// endpoint missing here, and calls every row as every <see cref="Caller"/>. A new page or endpoint adds one row.
/// The caller sets are written out here, not taken from the app's policies, so a wrong policy fails the test.
/// </summary>
public static class AccessTable
{
    public const string AnyMethod = "*";

    /// <summary>A user the matrix creates with this id (role Viewer), for patterns with a user <c>{id}</c>.</summary>
    public const string SampleUserId = "matrix-sample-user";

    public const Caller Everyone = Caller.Anonymous | SignedIn;
    public const Caller SignedIn = Practice | Coalition;
    /// <summary>The practice's roles.</summary>
    public const Caller Practice = Caller.Viewer | Caller.Navigator | Caller.Analyst | Caller.Admin;
    /// <summary>The coalition hub's roles: none of them sees anything of the practice.</summary>
    public const Caller Coalition = Caller.Member | Caller.CoalitionStaff;
    /// <summary>Suppressed aggregates: every practice role.</summary>
    public const Caller Aggregates = Practice;
    /// <summary>The hub's member pages (staff are members too).</summary>
    public const Caller CoalitionMember = Coalition;
    public const Caller CoalitionStaff = Caller.CoalitionStaff;
    /// <summary>Patient-level data: not Viewer.</summary>
    public const Caller PatientData = Caller.Navigator | Caller.Analyst | Caller.Admin;
    public const Caller AdminOnly = Caller.Admin;
    /// <summary>Loading data and running measures.</summary>
    public const Caller DataManagement = Caller.Analyst | Caller.Admin;

    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        // Anonymous by design: sign-in, first set-up, health, the coalition hub.
        Page("/account/sign-in", Everyone),
        Page("/account/sign-in/two-factor", Everyone),
        Page("/account/sign-in/recovery-code", Everyone),
        Page("/account/locked-out", Everyone),
        Page("/setup", Everyone),
        Any("/health", Everyone),

        // The coalition hub's public pages (the links carry signed tokens; none here, so they answer 400).
        Page("/coalition/pledge", Everyone),
        Page("/coalition/pledges", Everyone),
        Page("/coalition/confirm", Everyone),
        Page("/coalition/unsubscribe", Everyone),
        Page("/coalition/my-pledge", Everyone),
        Page("/coalition/my-pledge/data", Everyone),
        new("POST", "/coalition/unsubscribe/one-click", Everyone),

        // The patient's personal page from outreach messages (signed token; none here, so it answers 400).
        Page("/outreach/link", Everyone),
        // Twilio's inbound-SMS webhook: anonymous, authenticated by its signature (404 with the development provider).
        new("POST", "/outreach/sms/inbound", Everyone),

        // Coalition hub, home slice: home, disparities, join, contact (public); the staff landing and its pages.
        Page("/coalition", Everyone),
        Page("/coalition/disparities", Everyone),
        Page("/coalition/join", Everyone),
        Page("/coalition/join/confirm", Everyone),
        Page("/coalition/contact", Everyone),
        Page("/coalition/staff", CoalitionStaff),
        Page("/coalition/staff/organisations", CoalitionStaff),
        Page("/coalition/staff/facts", CoalitionStaff),
        Page("/coalition/staff/messages", CoalitionStaff),

        // The coalition hub's resource library (hub-library slice): public list and resources (comments are posted
        // there), member submissions, staff review and comment moderation.
        Page("/coalition/resources", Everyone),
        Page("/coalition/resources/{id:long}", Everyone, "/coalition/resources/1"),
        Page("/coalition/resources/submit", CoalitionMember),
        Page("/coalition/staff/resources", CoalitionStaff),
        Page("/coalition/staff/comments", CoalitionStaff),

        // The coalition hub's community slice: discussion and certificates for members, moderation and webinar
        // editing for staff; the webinars, certificate verification and the e-mailed unfollow link are public.
        Page("/coalition/discussion", CoalitionMember),
        Page("/coalition/discussion/new", CoalitionMember),
        Page("/coalition/discussion/{id:long}", CoalitionMember, "/coalition/discussion/1"),
        Page("/coalition/discussion/{id:long}/moderate", CoalitionStaff, "/coalition/discussion/1/moderate"),
        Page("/coalition/discussion/unfollow", Everyone),
        Page("/coalition/webinars", Everyone),
        Page("/coalition/webinars/{id:long}", Everyone, "/coalition/webinars/1"),
        Page("/coalition/webinars/{id:long}/test", CoalitionMember, "/coalition/webinars/1/test"),
        Page("/coalition/certificates/verify", Everyone),
        Page("/coalition/certificates/{code}", CoalitionMember, "/coalition/certificates/0000-0000-0000"),
        Page("/coalition/transcript", CoalitionMember),
        Page("/coalition/staff/webinars", CoalitionStaff),
        Page("/coalition/staff/webinars/edit/{id:long?}", CoalitionStaff, "/coalition/staff/webinars/edit/1"),

        // The practice's home: any practice role.
        Page("/", Aggregates),

        // Signed in, any role.
        Page("/account", SignedIn),
        Page("/account/sign-out", SignedIn),
        Page("/account/access-denied", SignedIn),
        Page("/account/password", SignedIn),
        Page("/account/two-factor", SignedIn),
        Page("/account/two-factor/authenticator", SignedIn),

        // Aggregates.
        Get("/api/measure-reports", Aggregates),
        Get("/api/measure-reports/{measureId}", Aggregates, "/api/measure-reports/cms125"),
        Page("/dashboard", Aggregates),
        Page("/dashboard/measures/{measureId}", Aggregates, "/dashboard/measures/cms125"),
        Get("/dashboard/measures/{measureId}/export.csv", Aggregates, "/dashboard/measures/cms125/export.csv"),
        Get("/dashboard/measures/{measureId}/measure-report.json", Aggregates, "/dashboard/measures/cms125/measure-report.json"),
        Get("/dashboard/report.html", Aggregates),

        // Patient data: the patients behind a stratum and one patient's evidence.
        Page("/dashboard/measures/{measureId}/patients", PatientData, "/dashboard/measures/cms125/patients?stratifier=payer&category=Medicaid"),
        Get("/dashboard/measures/{measureId}/patients/export.csv", PatientData, "/dashboard/measures/cms125/patients/export.csv?stratifier=payer&category=Medicaid"),
        Page("/dashboard/patients/{source}/{patientId}", PatientData, "/dashboard/patients/demo/no-such-patient?measure=cms125"),
        Page("/tasks", PatientData),
        Page("/tasks/new", PatientData, "/tasks/new?source=demo&patient=no-such-patient"),
        Page("/worklist", PatientData),
        Page("/worklist/items/{id:long}", PatientData, "/worklist/items/1"),

        // Outreach: sending, the SMS outbox, letter batches and patients' requests.
        Page("/outreach/send", PatientData),
        Page("/campaigns", PatientData),
        Page("/campaigns/new", PatientData),
        Page("/campaigns/{id:long}", PatientData, "/campaigns/999999"),
        Page("/outreach/outbox", PatientData),
        Page("/outreach/requests", PatientData),
        Page("/outreach/letters/{id:long}", PatientData, "/outreach/letters/999999"),

        // Data management: uploads, the quarantine, ZIP tables, measure runs, and their jobs' progress.
        Page("/data", DataManagement),
        Page("/runs", DataManagement),
        Get("/jobs/{id:guid}", DataManagement, "/jobs/00000000-0000-0000-0000-000000000000"),

        // Administration.
        Page("/admin/users", AdminOnly),
        Page("/admin/users/new", AdminOnly),
        Page("/admin/users/{id}", AdminOnly, "/admin/users/" + SampleUserId),
        Page("/admin/audit", AdminOnly),
        Page("/admin/risk", AdminOnly),
        Page("/admin/risk/{version:int}", AdminOnly, "/admin/risk/1"),
        Get("/admin/audit/export.csv", AdminOnly),
        Page("/outreach/templates", AdminOnly),
    ];

    private static AccessRule Page(string pattern, Caller allowed, string? sample = null) => new(AnyMethod, pattern, allowed, sample);

    private static AccessRule Any(string pattern, Caller allowed) => new(AnyMethod, pattern, allowed);

    private static AccessRule Get(string pattern, Caller allowed, string? sample = null) => new("GET", pattern, allowed, sample);
}

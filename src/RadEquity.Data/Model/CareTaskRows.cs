namespace RadEquity.Data.Model;

/// <summary>
/// A row of <c>care_tasks</c>: one hand-off about one patient's care gap, from a navigator to a colleague (another
/// navigator, a financial counsellor, a radiologist for a telehealth results consult) or a notice to the referring
/// clinician outside the practice. Patient data: read only behind the PatientData policy, and every list is audited.
/// </summary>
public sealed class CareTaskRow
{
    public const int NoteLength = 2000;
    public const int NameLength = 200;
    public const int EmailLength = 320;

    public long Id { get; set; }
    public string Source { get; set; } = "";
    public string PatientId { get; set; } = "";
    /// <summary>The measure whose gap the task is about; null for the patient in general.</summary>
    public string? MeasureId { get; set; }
    /// <summary>One of <see cref="CareTaskKind"/>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>One of <see cref="CareTaskStatus"/>.</summary>
    public string Status { get; set; } = CareTaskStatus.Open;
    /// <summary>The practice user who is to do it; null for a notice to a clinician outside the practice.</summary>
    public string? AssignedTo { get; set; }
    /// <summary>The referring clinician, for a notice.</summary>
    public string? ClinicianName { get; set; }
    public string? ClinicianEmail { get; set; }
    public string Note { get; set; } = "";
    public DateOnly? DueDate { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? ClosedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>What a care task asks for.</summary>
public static class CareTaskKind
{
    /// <summary>Another navigator takes the patient over.</summary>
    public const string NavigatorHandOff = "navigator-hand-off";

    /// <summary>A financial counsellor reviews coverage and assistance with the patient.</summary>
    public const string FinancialCounselling = "financial-counselling";

    /// <summary>A radiologist is asked for a telehealth results consult with the patient.</summary>
    public const string RadiologistConsult = "radiologist-consult";

    /// <summary>The referring clinician is told that the patient's follow-up is overdue (by e-mail, without patient details).</summary>
    public const string ClinicianNotice = "clinician-notice";

    public static readonly IReadOnlyList<string> All = [NavigatorHandOff, FinancialCounselling, RadiologistConsult, ClinicianNotice];
}

/// <summary>Where a care task is.</summary>
public static class CareTaskStatus
{
    public const string Open = "open";
    public const string Done = "done";
    public const string Cancelled = "cancelled";
}

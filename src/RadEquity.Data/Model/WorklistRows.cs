namespace RadEquity.Data.Model;

/// <summary>
/// A row of <c>work_items</c>: one open care gap of a patient for one measure, as a navigator works it. Unique by
/// (source, patient id, measure id): a gap that opens again after it closed reopens the same item, with its history.
/// </summary>
public sealed class WorkItemRow
{
    public const int NotesLength = 4000;

    public long Id { get; set; }
    public string Source { get; set; } = "";
    public string PatientId { get; set; } = "";
    public string MeasureId { get; set; } = "";
    /// <summary>The gap's due date in the latest run that had it open.</summary>
    public DateOnly? DueDate { get; set; }
    /// <summary>The patient's stratum categories in that run (for barriers, filters and the equity option).</summary>
    public string RaceEthnicity { get; set; } = "";
    public string Language { get; set; } = "";
    public string Payer { get; set; } = "";
    public string Rurality { get; set; } = "";
    /// <summary>Appointments with status <c>noshow</c> on record for the patient when the item was last synced.</summary>
    public int PriorNoShows { get; set; }
    /// <summary>The patient's telecom systems (<c>phone</c>, <c>sms</c>, <c>email</c>...), sorted and space-separated;
    /// the numbers and addresses stay in the raw Patient resource.</summary>
    public string Channels { get; set; } = "";
    /// <summary>One of <see cref="WorkItemStatus"/>.</summary>
    public string Status { get; set; } = WorkItemStatus.New;
    /// <summary>The navigator's user id; null while unassigned.</summary>
    public string? AssignedTo { get; set; }
    /// <summary>The navigator's user name, for lists that must not look up every user.</summary>
    public string? AssignedName { get; set; }
    public string Notes { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The run that first opened the item.</summary>
    public long OpenedRunId { get; set; }
    /// <summary>The latest run in which the gap was open.</summary>
    public long LastOpenRunId { get; set; }
    /// <summary>The run whose sync closed the item by itself; null when open or closed by a navigator.</summary>
    public long? ClosedRunId { get; set; }
    /// <summary>Why the sync closed it (<see cref="WorkItemCloseReason"/>).</summary>
    public string? ClosedReason { get; set; }
}

/// <summary>The statuses of a work item.</summary>
public static class WorkItemStatus
{
    public const string New = "new";
    public const string Contacted = "contacted";
    public const string Scheduled = "scheduled";
    public const string Completed = "completed";
    public const string Declined = "declined";
    public const string Unreachable = "unreachable";

    public static readonly IReadOnlyList<string> All = [New, Contacted, Scheduled, Completed, Declined, Unreachable];

    /// <summary>The statuses a navigator still works.</summary>
    public static readonly IReadOnlyList<string> Open = [New, Contacted, Scheduled, Unreachable];
}

/// <summary>Why a sync closed an item.</summary>
public static class WorkItemCloseReason
{
    /// <summary>The run found the exam or follow-up: the numerator is met.</summary>
    public const string ExamArrived = "exam arrived";

    /// <summary>The patient left the denominator, became excluded, or the gap is not yet due in the new run.</summary>
    public const string NoLongerDue = "no longer due";
}

/// <summary>A row of <c>work_item_attempts</c>: one contact attempt on a work item.</summary>
public sealed class ContactAttemptRow
{
    public const int NoteLength = 1000;

    public long Id { get; set; }
    public long WorkItemId { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>The user name of who made the attempt.</summary>
    public string By { get; set; } = "";
    /// <summary>One of <see cref="ContactChannel"/>.</summary>
    public string Channel { get; set; } = "";
    /// <summary>One of <see cref="ContactOutcome"/>.</summary>
    public string Outcome { get; set; } = "";
    public string Note { get; set; } = "";
}

/// <summary>How a patient was contacted.</summary>
public static class ContactChannel
{
    public static readonly IReadOnlyList<string> All = ["phone", "sms", "email", "letter", "in-person"];
}

/// <summary>What a contact attempt achieved.</summary>
public static class ContactOutcome
{
    public static readonly IReadOnlyList<string> All = ["reached", "left-message", "no-answer", "wrong-number", "scheduled", "declined"];
}

/// <summary>A row of <c>worklist_syncs</c>: a completed run whose gaps the worklist has taken in (one sync per run).</summary>
public sealed class WorklistSyncRow
{
    public long RunId { get; set; }
    public DateTimeOffset SyncedAt { get; set; }
    public int Created { get; set; }
    public int Reopened { get; set; }
    public int Closed { get; set; }
}

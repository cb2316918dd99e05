namespace RadEquity.Engine.Measures;

/// <summary>The statuses the status filters test, read once per event from its status string.</summary>
[Flags]
internal enum EventStatus : byte
{
    /// <summary>Absent, or none the filters test.</summary>
    None = 0,
    /// <summary><c>finished</c>.</summary>
    Finished = 1 << 0,
    /// <summary><c>completed</c>.</summary>
    Completed = 1 << 1,
    /// <summary><c>final</c>, <c>amended</c> or <c>corrected</c>.</summary>
    Final = 1 << 2,
    /// <summary><c>preliminary</c>.</summary>
    Preliminary = 1 << 3,
    /// <summary><c>active</c>.</summary>
    Active = 1 << 4,
    /// <summary><c>available</c>.</summary>
    Available = 1 << 5,
    /// <summary><c>entered-in-error</c> or <c>refuted</c>.</summary>
    Invalid = 1 << 6,
    /// <summary><c>active</c>, <c>recurrence</c> or <c>relapse</c>: a condition without abatement is open-ended.</summary>
    Ongoing = 1 << 7,
}

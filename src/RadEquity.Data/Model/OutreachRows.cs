namespace RadEquity.Data.Model;

/// <summary>
/// A row of <c>outreach_template_overrides</c>: staff's own text for one template (gap kind × channel) in one language,
/// used instead of the built-in default. The text keeps the placeholders (<c>{first_name}</c>, ...).
/// </summary>
public sealed class OutreachTemplateOverrideRow
{
    public const int KeyLength = 64;
    public const int TextLength = 4000;

    public long Id { get; set; }
    /// <summary>The template, <c>gap.channel</c> (e.g. <c>mammogram.sms</c>).</summary>
    public string Template { get; set; } = "";
    /// <summary>The language code (<c>en</c>, <c>es</c>, <c>zh-Hans</c>, <c>vi</c>).</summary>
    public string Language { get; set; } = "";
    public string Text { get; set; } = "";
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A row of <c>outreach_attempts</c>: one try to reach a patient, whatever came of it (sent, failed with a reason, or
/// skipped by a rule). PHI: shown only on audited pages, never written to the application log.
/// </summary>
public sealed class OutreachAttemptRow
{
    public long Id { get; set; }
    public string Source { get; set; } = "";
    public string PatientId { get; set; } = "";
    /// <summary>One of <c>sms</c>, <c>email</c>, <c>letter</c>, <c>phone</c>.</summary>
    public string Channel { get; set; } = "";
    public string Template { get; set; } = "";
    public string Language { get; set; } = "";
    public DateTimeOffset AttemptedAt { get; set; }
    /// <summary>One of <c>sent</c>, <c>failed</c>, <c>skipped</c>.</summary>
    public string Outcome { get; set; } = "";
    /// <summary>Why it failed or was skipped (<c>opted-out</c>, <c>quiet-hours</c>, <c>cap</c>, <c>no-contact</c>, ...).</summary>
    public string? Reason { get; set; }
    /// <summary>The letter batch a letter was put in.</summary>
    public long? LetterBatchId { get; set; }
}

/// <summary>A row of <c>outreach_opt_outs</c>: a patient who asked for no more messages on a channel.</summary>
public sealed class OutreachOptOutRow
{
    public long Id { get; set; }
    public string Source { get; set; } = "";
    public string PatientId { get; set; } = "";
    public string Channel { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Where the request came from: <c>link</c> (the personal page) or <c>staff</c>.</summary>
    public string Via { get; set; } = "";
}

/// <summary>
/// A row of <c>outreach_requests</c>: a patient's request from their personal page — a call back, or the time window
/// they prefer to be called in — waiting for a navigator.
/// </summary>
public sealed class OutreachRequestRow
{
    public long Id { get; set; }
    public string Source { get; set; } = "";
    public string PatientId { get; set; } = "";
    /// <summary>The gap kind of the message whose link was used.</summary>
    public string Gap { get; set; } = "";
    /// <summary><c>call-back</c>, or a window: <c>weekday-mornings</c>, <c>weekday-afternoons</c>, <c>weekday-evenings</c>, <c>weekends</c>.</summary>
    public string Kind { get; set; } = "";
    public string Language { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
}

/// <summary>A row of <c>sms_outbox</c>: a text message the development SMS provider kept instead of sending.</summary>
public sealed class SmsOutboxRow
{
    public long Id { get; set; }
    public string To { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A row of <c>letter_batches</c>: letters gathered for printing together (one printable page per batch).</summary>
public sealed class LetterBatchRow
{
    public long Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

/// <summary>A row of <c>letters</c>: one rendered letter of a batch, with the address it goes to.</summary>
public sealed class LetterRow
{
    public long Id { get; set; }
    public long BatchId { get; set; }
    public string Source { get; set; } = "";
    public string PatientId { get; set; } = "";
    public string Language { get; set; } = "";
    /// <summary>The address block, lines separated by newlines.</summary>
    public string Address { get; set; } = "";
    public string Body { get; set; } = "";
}

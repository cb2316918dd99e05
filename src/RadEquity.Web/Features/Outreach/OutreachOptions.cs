namespace RadEquity.Web.Features.Outreach;

/// <summary><c>RadEquity:Outreach</c>: the practice's details in messages, the contact rules and the SMS provider.</summary>
internal sealed class OutreachOptions
{
    public const string Section = "RadEquity:Outreach";

    public string PracticeName { get; set; } = "Riverside Imaging";
    public string PracticePhone { get; set; } = "(555) 010-0100";
    /// <summary>The base of personal links (<c>https://radequity.example.org</c>); without it, the request's address.</summary>
    public Uri? PublicUrl { get; set; }
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(30);
    /// <summary>The practice's time zone (IANA id): quiet hours are in its local time.</summary>
    public string TimeZone { get; set; } = "America/Chicago";
    /// <summary>Quiet hours start (local time): no SMS or phone from here…</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(20, 0);
    /// <summary>…until here (the next morning when it is earlier than the start).</summary>
    public TimeOnly QuietHoursEnd { get; set; } = new(8, 0);
    /// <summary>At most this many contacts per patient (all channels; see <see cref="AttemptOutcome.CountsTowardsCap"/>) within <see cref="CapWindow"/>.</summary>
    public int CapMessages { get; set; } = 3;
    public TimeSpan CapWindow { get; set; } = TimeSpan.FromDays(7);
    /// <summary>A text sent back is matched to the patients texted within this window (STOP, START, HELP).</summary>
    public TimeSpan ReplyWindow { get; set; } = TimeSpan.FromDays(90);
    /// <summary><c>Outbox</c> (development: kept in <c>sms_outbox</c>, shown on /outreach/outbox) or <c>Twilio</c>.</summary>
    public string SmsProvider { get; set; } = "Outbox";
    public TwilioOptions Twilio { get; set; } = new();
}

/// <summary>Twilio's REST Messages API: the account, its auth token and the sending number.</summary>
internal sealed class TwilioOptions
{
    public Uri BaseUrl { get; set; } = new("https://api.twilio.com/");
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }
    /// <summary>The sending number, E.164 (<c>+15550100100</c>).</summary>
    public string? From { get; set; }
}

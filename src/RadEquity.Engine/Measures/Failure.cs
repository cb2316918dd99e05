namespace RadEquity.Engine.Measures;

/// <summary>
/// Why an event does not satisfy a criterion, kept as parts and formatted only when evidence is recorded, so that
/// counting allocates nothing. The default value (and a null string) means the event satisfies it.
/// </summary>
internal readonly struct Failure
{
    private readonly string? _text;
    private readonly string? _value;
    private readonly EventRecord? _statusOf;
    private readonly string? _suffix;
    private readonly DateOnly? _day;
    private readonly bool _hasDay;

    private Failure(string? text, string? value = null, EventRecord? statusOf = null, string? suffix = null, DateOnly? day = null,
        bool hasDay = false)
    {
        _text = text;
        _value = value;
        _statusOf = statusOf;
        _suffix = suffix;
        _day = day;
        _hasDay = hasDay;
    }

    /// <summary>True when the event fails the criterion.</summary>
    public bool IsFailure => _text is not null;

    /// <summary><paramref name="text"/>, then <paramref name="value"/>, then <paramref name="suffix"/>.</summary>
    public static Failure Of(string text, string value, string suffix) => new(text, value, suffix: suffix);

    /// <summary><paramref name="text"/>, then the status of <paramref name="e"/> ("missing" when it has none), then
    /// <paramref name="suffix"/>; the status is read only when the failure is written.</summary>
    public static Failure Status(string text, EventRecord e, string suffix) => new(text, statusOf: e, suffix: suffix);

    /// <summary><paramref name="text"/> followed by <paramref name="day"/> as <see cref="Criteria.Day"/> writes it.</summary>
    public static Failure At(string text, DateOnly? day) => new(text, day: day, hasDay: true);

    public static implicit operator Failure(string? text) => new(text);

    /// <summary>This failure when it is one, else <paramref name="next"/> (the next test of the same event).</summary>
    public Failure Or(Failure next) => IsFailure ? this : next;

    public override string ToString() =>
        _hasDay ? _text + Criteria.Day(_day)
        : _statusOf is not null ? _text + (_statusOf.Event.Status ?? "missing") + _suffix
        : _text + _value + _suffix;
}

using System.Globalization;

namespace RadEquity.Engine.Measures;

/// <summary>
/// The measurement period: whole days from <see cref="Start"/> to <see cref="End"/> inclusive (the CQL
/// <c>"Measurement Period"</c> interval, compared at day precision as the eCQMs do with <c>during day of</c>).
/// </summary>
public sealed record MeasurementPeriod
{
    /// <summary>Creates a period; <paramref name="end"/> must not be before <paramref name="start"/>.</summary>
    public MeasurementPeriod(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), "The measurement period ends before it starts.");
        }

        Start = start;
        End = end;
    }

    /// <summary>First day.</summary>
    public DateOnly Start { get; }

    /// <summary>Last day (inclusive).</summary>
    public DateOnly End { get; }

    /// <summary>The calendar year <paramref name="year"/>.</summary>
    public static MeasurementPeriod ForYear(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    /// <summary>The default period: the calendar year before <paramref name="today"/>.</summary>
    public static MeasurementPeriod PreviousCalendarYear(DateOnly today) => ForYear(today.Year - 1);

    /// <summary>True when <paramref name="day"/> is within the period.</summary>
    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <inheritdoc />
    public override string ToString() =>
        Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".." + End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

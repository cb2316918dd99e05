using RadEquity.Engine.Terminology;

namespace RadEquity.Engine.Measures;

/// <summary>Options that change how measures read facts.</summary>
public sealed record MeasureOptions
{
    /// <summary>
    /// When false (the default), a diagnostic study the eCQMs express as an Observation with category <c>imaging</c>
    /// (mammogram, CT colonography) is also accepted as the radiology record's own forms: a completed Procedure, a
    /// final DiagnosticReport or an available ImagingStudy with a code from the same value set. When true, only the
    /// QI-Core form counts, exactly as the CQL reads it.
    /// </summary>
    public bool QiCoreStudiesOnly { get; init; }

    /// <summary>Days of grace after a short-interval follow-up falls due (BI-RADS 3, Lung-RADS 3 at six months).</summary>
    public int ShortIntervalGraceDays { get; init; } = 30;

    /// <summary>Days before the due date at which a closed gap turns prospective (outreach horizon).</summary>
    public int ProspectiveHorizonDays { get; init; } = 90;
}

/// <summary>
/// What a measure evaluates against: the period, the "as of" date for gaps (no clock read), the compiled value sets
/// and options.
/// </summary>
public sealed record MeasureContext
{
    /// <summary>Creates a context; <paramref name="asOf"/> defaults to the period's last day.</summary>
    public MeasureContext(MeasurementPeriod period, CodeIndex codes, DateOnly? asOf = null, MeasureOptions? options = null)
    {
        Period = period ?? throw new ArgumentNullException(nameof(period));
        Codes = codes ?? throw new ArgumentNullException(nameof(codes));
        AsOf = asOf ?? period.End;
        Options = options ?? new MeasureOptions();
        YearToAsOf = new MeasurementPeriod(AsOf.AddYears(-1).AddDays(1), AsOf);
        ProspectiveFrom = AsOf.AddDays(Options.ProspectiveHorizonDays);
    }

    /// <summary>The measurement period.</summary>
    public MeasurementPeriod Period { get; }

    /// <summary>The date gaps are computed as of; facts dated after it are ignored.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The compiled value sets.</summary>
    public CodeIndex Codes { get; }

    /// <summary>Options.</summary>
    public MeasureOptions Options { get; }

    // Derived once here rather than for every patient; derived from the properties above, so equality is unchanged.

    /// <summary>The year that ends on the as-of date (the USPSTF variant's exclusion window).</summary>
    internal MeasurementPeriod YearToAsOf { get; }

    /// <summary>A screening falling due on or before this day (the as-of date plus the outreach horizon) is a
    /// prospective gap.</summary>
    internal DateOnly ProspectiveFrom { get; }

    /// <summary>The last day facts may count: the earlier of the period end and the as-of date.</summary>
    public DateOnly LastCountedDay => AsOf < Period.End ? AsOf : Period.End;
}

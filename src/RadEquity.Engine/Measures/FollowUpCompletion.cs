using RadEquity.Engine.Terminology;
using static RadEquity.Engine.Measures.Criteria;

namespace RadEquity.Engine.Measures;

/// <summary>
/// Completion of recommended follow-up after an abnormal imaging result. The index is a final BI-RADS or Lung-RADS
/// assessment Observation whose follow-up falls due within the measurement period (so every index has had its whole
/// window by the period's end); a patient with several counts once, by the earliest. The numerator is a resolving
/// event within the window; the time to resolution is kept whenever the index is resolved, even late.
/// </summary>
public sealed class FollowUpCompletion : Measure
{
    private readonly string _id;
    private readonly string _title;
    private readonly string _specification;
    private readonly string _action;
    private readonly ValueSetMask _assessment;
    private readonly IndexRule[] _rules;
    private readonly bool _sameDayResolves;

    // Every rule's index values: a patient with no event valued in it has no index result.
    private readonly ValueSetMask _indexValues;

    private FollowUpCompletion(string id, string title, string specification, string action, ValueSetMask assessment,
        IndexRule[] rules, bool sameDayResolves)
    {
        _id = id;
        _title = title;
        _specification = specification;
        _action = action;
        _assessment = assessment;
        _rules = rules;
        _sameDayResolves = sameDayResolves;
        foreach (var rule in rules)
        {
            _indexValues |= rule.Values;
        }
    }

    /// <summary>One kind of index result: its assessment values, how long follow-up may take, what resolves it.</summary>
    private sealed record IndexRule(string Name, ValueSetMask Values, int Months, int Days, ValueSetMask Resolvers, ValueSetMask ResolvingValues)
    {
        public DateOnly DueFrom(DateOnly index) => index.AddMonths(Months).AddDays(Days);
    }

    /// <summary>BI-RADS 0, 4 and 5 (screening recall, suspicious, highly suggestive) reaching diagnostic resolution —
    /// follow-up breast imaging assessed BI-RADS 1–3, or a breast biopsy — within <paramref name="days"/> days
    /// (60 by default; 90 is the variant).</summary>
    public static FollowUpCompletion BiRadsDiagnosticResolution(CodeIndex codes, int days)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var resolvers = codes.MaskOf(ValueSetUrls.BiRadsAssessment, ValueSetUrls.BreastBiopsy);
        var benign = codes.MaskOf(ValueSetUrls.BiRads1, ValueSetUrls.BiRads2, ValueSetUrls.BiRads3);
        return new FollowUpCompletion($"bi-rads-resolution-{days.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            $"BI-RADS 0/4/5 diagnostic resolution within {days.ToString(System.Globalization.CultureInfo.InvariantCulture)} days",
            "ACR BI-RADS Atlas, 5th edition (2013), and the ACR National Mammography Database timeliness metrics",
            "diagnostic follow-up after an abnormal mammogram", codes.MaskOf(ValueSetUrls.BiRadsAssessment),
            [new IndexRule("BI-RADS 0/4/5", codes.MaskOf(ValueSetUrls.BiRads0, ValueSetUrls.BiRads4, ValueSetUrls.BiRads5), 0, days,
                resolvers, benign)], sameDayResolves: true);
    }

    /// <summary>BI-RADS 3 (probably benign): short-interval breast imaging within six months plus a grace period.</summary>
    public static FollowUpCompletion BiRadsShortInterval(CodeIndex codes, int graceDays)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var imaging = codes.MaskOf(ValueSetUrls.Mammography, ValueSetUrls.BreastDiagnosticImaging, ValueSetUrls.BiRadsAssessment);
        return new FollowUpCompletion("bi-rads-3-short-interval", "BI-RADS 3 short-interval imaging within 6 months",
            "ACR BI-RADS Atlas, 5th edition (2013): probably benign findings, 6-month follow-up",
            "6-month follow-up breast imaging", codes.MaskOf(ValueSetUrls.BiRadsAssessment),
            [new IndexRule("BI-RADS 3", codes.MaskOf(ValueSetUrls.BiRads3), 6, graceDays, imaging, ValueSetMask.None)],
            sameDayResolves: false);
    }

    /// <summary>Lung-RADS 3 at 6 months (plus grace), 4A at 3 months, 4B and 4X diagnostic work-up within 30 days.</summary>
    public static FollowUpCompletion LungRads(CodeIndex codes, int graceDays)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var ct = codes.MaskOf(ValueSetUrls.LowDoseCtLungScreening, ValueSetUrls.ChestCt);
        var workup = codes.MaskOf(ValueSetUrls.ChestCt, ValueSetUrls.LungNoduleWorkup);
        return new FollowUpCompletion("lung-rads-follow-up", "Lung-RADS 3/4A/4B/4X follow-up on time",
            "ACR Lung-RADS v2022", "lung nodule follow-up", codes.MaskOf(ValueSetUrls.LungRadsAssessment),
            [
                new IndexRule("Lung-RADS 3", codes.MaskOf(ValueSetUrls.LungRads3), 6, graceDays, ct, ValueSetMask.None),
                new IndexRule("Lung-RADS 4A", codes.MaskOf(ValueSetUrls.LungRads4A), 3, 0, ct, ValueSetMask.None),
                new IndexRule("Lung-RADS 4B/4X", codes.MaskOf(ValueSetUrls.LungRads4B, ValueSetUrls.LungRads4X), 0, 30, workup,
                    ValueSetMask.None),
            ], sameDayResolves: false);
    }

    /// <inheritdoc />
    public override string Id => _id;

    /// <inheritdoc />
    public override string Title => _title;

    /// <inheritdoc />
    public override string Version => "2026.1";

    /// <inheritdoc />
    public override string Specification => _specification;

    /// <inheritdoc />
    public override string GapAction => _action;

    /// <inheritdoc />
    public override bool IsFollowUp => true;

    /// <inheritdoc />
    protected internal override MeasureResult Evaluate(PatientRecord patient, MeasureContext context, List<Evidence>? log)
    {
        var mp = context.Period;
        EventRecord? index = null;
        IndexRule? rule = null;
        var events = patient.CodeUnion.Overlaps(_assessment) && patient.ValueUnion.Overlaps(_indexValues)
            ? patient.EventSpan : [];
        foreach (var e in events)
        {
            if (!e.Codes.Overlaps(_assessment) || !IsFinalObservation(e) || e.LatestDay is not { } day)
            {
                continue;
            }

            foreach (var r in _rules)
            {
                if (!e.Values.Overlaps(r.Values))
                {
                    continue;
                }

                var due = r.DueFrom(day);
                if (due >= mp.Start && due <= mp.End && day <= context.AsOf
                    && (index is null || day < index.LatestDay || (day == index.LatestDay && string.CompareOrdinal(e.ResourceId, index.ResourceId) < 0)))
                {
                    index = e;
                    rule = r;
                }
            }
        }

        if (index is null || rule is null)
        {
            log?.Add(new Evidence("Denominator: index result whose follow-up falls due in the period", EvidenceRole.Absent, null, null,
                "no final " + string.Join(" or ", _rules.Select(r => r.Name)) + " assessment with follow-up due in " + mp));
            return MeasureResult.NotApplicable;
        }

        var indexDay = index.LatestDay!.Value;
        var dueDay = rule.DueFrom(indexDay);
        log?.Add(new Evidence("Denominator: index result", EvidenceRole.Satisfied, index.Reference, indexDay,
            $"{rule.Name}; follow-up due by {Day(dueDay)}"));

        var resolution = FirstResolution(patient, index, rule, context.AsOf, log);
        var days = resolution?.LatestDay is { } resolved ? resolved.DayNumber - indexDay.DayNumber : (int?)null;
        var met = resolution?.LatestDay is { } r2 && r2 <= dueDay;
        var gap = met ? GapStatus.Closed : dueDay <= context.AsOf ? GapStatus.Open : GapStatus.Prospective;
        return new MeasureResult(true, true, false, met, gap, dueDay, met ? "resolved" : null, days);
    }

    private EventRecord? FirstResolution(PatientRecord patient, EventRecord index, IndexRule rule, DateOnly asOf, List<Evidence>? log)
    {
        var indexDay = index.LatestDay!.Value;
        EventRecord? first = null;
        foreach (var e in patient.EventSpan)
        {
            if (ReferenceEquals(e, index) || !e.Codes.Overlaps(rule.Resolvers) || e.LatestDay is not { } day)
            {
                continue;
            }

            var failure = day < indexDay || (day == indexDay && !_sameDayResolves) ? "not after the index result"
                : day > asOf ? "after the as-of date"
                : !IsResolvingForm(e, rule) ? "not a completed study, procedure or resolving assessment"
                : null;
            if (failure is not null)
            {
                log?.Add(new Evidence("Numerator: resolution", EvidenceRole.NotSatisfied, e.Reference, day, failure));
                continue;
            }

            if (first is null || day < first.LatestDay)
            {
                first = e;
            }
        }

        log?.Add(first is null
            ? new Evidence("Numerator: resolution", EvidenceRole.Absent, null, null, "no resolving follow-up found")
            : new Evidence("Numerator: resolution", EvidenceRole.Satisfied, first.Reference, first.LatestDay, Describe(first)));
        return first;
    }

    private bool IsResolvingForm(EventRecord e, IndexRule rule)
    {
        if (e.Codes.Overlaps(_assessment))
        {
            // A later assessment resolves only with a resolving value (BI-RADS 1-3 after 0/4/5); for short-interval
            // follow-up any final assessment shows the imaging was done.
            return IsFinalObservation(e) && (rule.ResolvingValues.IsEmpty || e.Values.Overlaps(rule.ResolvingValues));
        }

        return !StudyPerformedFailure(e).IsFailure;
    }
}

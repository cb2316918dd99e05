using RadEquity.Engine.Terminology;

namespace RadEquity.Engine.Measures;

/// <summary>The measures RadEquity evaluates, compiled against one set of value sets.</summary>
public static class MeasureSet
{
    /// <summary>The standard measures, in report order: CMS125, the USPSTF breast variant, CMS130, lung screening,
    /// BI-RADS 0/4/5 resolution at 60 and 90 days, BI-RADS 3 short interval, Lung-RADS follow-up.</summary>
    public static IReadOnlyList<Measure> Standard(CodeIndex codes, MeasureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var grace = (options ?? new MeasureOptions()).ShortIntervalGraceDays;
        return
        [
            new BreastCancerScreening(codes),
            new BreastScreeningUspstf(codes),
            new ColorectalCancerScreening(codes),
            new LungCancerScreening(codes),
            FollowUpCompletion.BiRadsDiagnosticResolution(codes, 60),
            FollowUpCompletion.BiRadsDiagnosticResolution(codes, 90),
            FollowUpCompletion.BiRadsShortInterval(codes, grace),
            FollowUpCompletion.LungRads(codes, grace),
        ];
    }
}

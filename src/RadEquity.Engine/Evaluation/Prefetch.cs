using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using RadEquity.Engine.Measures;

namespace RadEquity.Engine.Evaluation;

/// <summary>
/// Asks the processor to start loading the objects a patient's evaluation reads first, a few patients before it is
/// evaluated. A patient's facts are separate objects scattered over a heap far larger than the caches, so evaluating
/// one is mostly waiting for memory; asked for ahead, those waits overlap the work on the patients before (about a
/// third less time on the 200,000-patient benchmark). A hint only: it changes no result, and does nothing where the
/// processor has no prefetch instruction the runtime exposes.
/// </summary>
internal static class Prefetch
{
    /// <summary>How many patients ahead the objects the record points to are asked for. Their codings can only be
    /// found once the demographics have arrived, so they are asked for half as far ahead.</summary>
    public const int Distance = 4;

    /// <summary>Demographics, coverages and events: the objects the record points to.</summary>
    public static void Facts(PatientRecord patient)
    {
        Object(patient.Patient);
        foreach (var coverage in patient.CoverageSpan)
        {
            Object(coverage);
        }

        foreach (var e in patient.EventSpan)
        {
            Object(e);
        }
    }

    /// <summary>Race and ethnicity codings, which the demographics point to.</summary>
    public static void Codings(PatientRecord patient)
    {
        Object(patient.Patient.RaceCodes);
        Object(patient.Patient.EthnicityCodes);
    }

    private static unsafe void Object(object? o)
    {
        if (!Sse.IsSupported || o is null)
        {
            return;
        }

        // A reference is the object's address. Should the object move before the hint is given, the hint is only
        // wasted: a prefetch never faults. Two cache lines cover the fields read of every object asked for.
        var address = (byte*)Unsafe.As<object, nint>(ref o);
        Sse.Prefetch0(address);
        Sse.Prefetch0(address + 64);
    }
}

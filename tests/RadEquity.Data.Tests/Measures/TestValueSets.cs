using RadEquity.Engine.Facts;
using RadEquity.Engine.Terminology;

namespace RadEquity.Data.Tests.Measures;

/// <summary>
/// A small catalog: every value set the measures need, empty except the few codes the reader tests use, so which
/// events classify (and which are dropped) is decided here.
/// </summary>
internal static class TestValueSets
{
    public static readonly Coding BiRadsCode = new(Coding.Loinc, "24606-6");
    public static readonly Coding BiRadsNegative = new(Coding.Loinc, "LA6576-8");
    public static readonly Coding BiRadsSuspicious = new(Coding.Loinc, "LA6668-3");
    public static readonly Coding ScreeningMammogram = new(Coding.Cpt, "77067");
    /// <summary>A code in no value set: an event with only such codes is dropped at load.</summary>
    public static readonly Coding OfficeNote = new(Coding.Loinc, "11506-3");

    public static CodeIndex Codes { get; } = CodeIndex.Compile(CodeIndex.RequiredUrls.Select(url => new ValueSet(
        url, url[(url.LastIndexOf('/') + 1)..], null, "test", url switch
        {
            ValueSetUrls.BiRadsAssessment => [BiRadsCode],
            ValueSetUrls.BiRads1 => [BiRadsNegative],
            ValueSetUrls.BiRads4 => [BiRadsSuspicious],
            ValueSetUrls.Mammography => [ScreeningMammogram],
            _ => [],
        })));
}

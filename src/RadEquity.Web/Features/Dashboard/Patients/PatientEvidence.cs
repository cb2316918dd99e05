using RadEquity.Engine.Terminology;

namespace RadEquity.Web.Features.Dashboard.Patients;

/// <summary>The default value sets, compiled once for the pages that explain outcomes.</summary>
internal static class PatientEvidence
{
    private static readonly Lazy<CodeIndex> Compiled = new(() => CodeIndex.Compile(ValueSetCatalog.LoadDefault().All));

    /// <summary>The compiled default value sets (runs made with other value sets are explained with these: the page says which).</summary>
    public static CodeIndex Codes => Compiled.Value;
}

using RadEquity.Engine.Facts;

namespace RadEquity.Engine.Terminology;

/// <summary>
/// A value set as data: its canonical URL and the codes of its expansion (FHIR <c>ValueSet.expansion.contains</c>).
/// Measures name value sets by URL (see <see cref="ValueSetUrls"/>); the codes can be replaced by loading official
/// expansions without touching measure logic (ARCHITECTURE idea 2).
/// </summary>
/// <param name="Url">The canonical URL, e.g. <c>http://cts.nlm.nih.gov/fhir/ValueSet/2.16.840.1.113883.3.464.1003.108.12.1018</c>.</param>
/// <param name="Name">Its computable name (e.g. <c>Mammography</c>).</param>
/// <param name="Version">The expansion's version, when known.</param>
/// <param name="Source">Where the codes came from: <c>default</c> or the file they were loaded from.</param>
/// <param name="Codes">The expansion: every code, with its system.</param>
public sealed record ValueSet(string Url, string Name, string? Version, string Source, IReadOnlyList<Coding> Codes);

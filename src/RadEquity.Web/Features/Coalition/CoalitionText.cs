namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// The hub's words in English and Spanish (<c>CoalitionText.resx</c>, <c>CoalitionText.es.resx</c> beside this file),
/// read through <c>IStringLocalizer&lt;CoalitionText&gt;</c>. Pages, validation messages and e-mails share one table,
/// so a translator works in one place.
/// </summary>
internal sealed class CoalitionText;

namespace RadEquity.Web.Features.Coalition.Home;

/// <summary>
/// The home slice's words in English and Spanish (<c>HomeText.resx</c>, <c>HomeText.es.resx</c> beside this file),
/// read through <c>IStringLocalizer&lt;HomeText&gt;</c> as <c>L</c> in the pages.
/// </summary>
internal sealed class HomeText;

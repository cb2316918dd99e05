namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// The discussion's and webinars' words in English and Spanish (<c>CommunityText.resx</c>, <c>CommunityText.es.resx</c>),
/// read through <c>IStringLocalizer&lt;CommunityText&gt;</c> (<c>L</c> in the pages).
/// </summary>
internal sealed class CommunityText;

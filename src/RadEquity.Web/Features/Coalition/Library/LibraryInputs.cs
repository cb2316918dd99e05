using Microsoft.Extensions.Localization;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Library;

/// <summary>The submission form's fields, bound as <c>Input.*</c> (empty fields arrive as null and are kept as "").</summary>
internal sealed class ResourceInput
{
    public string Title { get; set => field = value ?? ""; } = "";
    public string Summary { get; set => field = value ?? ""; } = "";
    public string Kind { get; set => field = value ?? ""; } = "";
    public List<string> Tags { get; set => field = value ?? []; } = [];
    public List<string> Audiences { get; set => field = value ?? []; } = [];
    public string SourceUrl { get; set => field = value ?? ""; } = "";
    public string Organisation { get; set => field = value ?? ""; } = "";

    /// <summary>The problems, each with its field, in the form's order and the current language.</summary>
    public IEnumerable<(string Field, string Message)> Problems(IStringLocalizer<LibraryText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > LibraryResourceRow.TitleLength)
        {
            yield return (nameof(Title), text["Error_Title"]);
        }

        if (string.IsNullOrWhiteSpace(Summary) || Summary.Trim().Length > LibraryResourceRow.SummaryLength)
        {
            yield return (nameof(Summary), text["Error_Summary"]);
        }

        if (!LibraryChoices.Kinds.Contains(Kind))
        {
            yield return (nameof(Kind), text["Error_Kind"]);
        }

        if (Tags.Count == 0 || !Tags.All(LibraryChoices.Tags.Contains))
        {
            yield return (nameof(Tags), text["Error_Tags"]);
        }

        if (Audiences.Count == 0 || !Audiences.All(LibraryChoices.Audiences.Contains))
        {
            yield return (nameof(Audiences), text["Error_Audiences"]);
        }

        if (!IsWebAddress(SourceUrl))
        {
            yield return (nameof(SourceUrl), text["Error_SourceUrl"]);
        }

        if (string.IsNullOrWhiteSpace(Organisation) || Organisation.Trim().Length > LibraryResourceRow.OrganisationLength)
        {
            yield return (nameof(Organisation), text["Error_Organisation"]);
        }
    }

    /// <summary>An absolute http or https address with a host: the link is shown to everyone, so no other scheme.</summary>
    public static bool IsWebAddress(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && value.Trim().Length <= LibraryResourceRow.SourceUrlLength
        && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host);
}

/// <summary>The comment form's fields, bound as <c>Input.*</c>.</summary>
internal sealed class CommentInput
{
    public string Name { get; set => field = value ?? ""; } = "";
    public string Email { get; set => field = value ?? ""; } = "";
    public string Body { get; set => field = value ?? ""; } = "";

    /// <summary>The problems; the e-mail address is checked only when it is asked for (not of a signed-in member).</summary>
    public IEnumerable<(string Field, string Message)> Problems(IStringLocalizer<LibraryText> text, bool emailAsked)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > LibraryCommentRow.NameLength)
        {
            yield return (nameof(Name), text["Error_CommentName"]);
        }

        if (emailAsked && !PledgeInput.IsEmailAddress(Email))
        {
            yield return (nameof(Email), text["Error_CommentEmail"]);
        }

        if (string.IsNullOrWhiteSpace(Body) || Body.Trim().Length > LibraryCommentRow.BodyLength)
        {
            yield return (nameof(Body), text["Error_CommentBody", LibraryCommentRow.BodyLength]);
        }
    }
}

using System.Globalization;
using Microsoft.Extensions.Localization;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Home;

/// <summary>A form's problems, each with its field; the page links each message to <c>#{Prefix}_{Field}</c>.</summary>
internal sealed record FormProblems(string Prefix, IReadOnlyList<(string Field, string Message)> Items);

/// <summary>Checks shared by the slice's forms. Model binding turns an empty field into null; the inputs keep "" instead.</summary>
internal static class HomeChecks
{
    /// <summary>An absolute http or https address within <paramref name="maxLength"/>: no <c>javascript:</c> or relative links.</summary>
    public static bool IsWebAddress(string? value, int maxLength = MemberOrganisationRow.UrlLength) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim().Length <= maxLength
        && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host);

    public static bool IsText(string value, int maxLength) => !string.IsNullOrWhiteSpace(value) && value.Trim().Length <= maxLength;

    public static string? Optional(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Staff's organisation form, bound as <c>Input.*</c>.</summary>
internal sealed class OrganisationInput
{
    public string Name { get; set => field = value ?? ""; } = "";
    public string Kind { get; set => field = value ?? ""; } = "";
    public string Website { get; set => field = value ?? ""; } = "";
    public string Summary { get; set => field = value ?? ""; } = "";
    /// <summary><c>yyyy-MM-dd</c>, as a date input sends it.</summary>
    public string JoinedOn { get; set => field = value ?? ""; } = "";
    public string LinkedInstanceUrl { get; set => field = value ?? ""; } = "";

    public static OrganisationInput From(MemberOrganisationRow row) => new()
    {
        Name = row.Name,
        Kind = row.Kind,
        Website = row.Website ?? "",
        Summary = row.Summary,
        JoinedOn = row.JoinedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        LinkedInstanceUrl = row.LinkedInstanceUrl ?? "",
    };

    public DateOnly? JoinDate =>
        DateOnly.TryParseExact(JoinedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public IEnumerable<(string Field, string Message)> Problems(IStringLocalizer<HomeText> text, DateOnly today)
    {
        if (!HomeChecks.IsText(Name, MemberOrganisationRow.NameLength))
        {
            yield return (nameof(Name), text["Error_OrganisationName"]);
        }

        if (!OrganisationKind.All.Contains(Kind))
        {
            yield return (nameof(Kind), text["Error_Kind"]);
        }

        if (Website.Length > 0 && !HomeChecks.IsWebAddress(Website))
        {
            yield return (nameof(Website), text["Error_Website"]);
        }

        if (Summary.Length > MemberOrganisationRow.SummaryLength)
        {
            yield return (nameof(Summary), text["Error_Summary"]);
        }

        if (JoinDate is not { } joined || joined.Year < 1900 || joined > today)
        {
            yield return (nameof(JoinedOn), text["Error_JoinedOn"]);
        }

        if (LinkedInstanceUrl.Length > 0 && !HomeChecks.IsWebAddress(LinkedInstanceUrl))
        {
            yield return (nameof(LinkedInstanceUrl), text["Error_LinkedInstance"]);
        }
    }

    public void CopyTo(MemberOrganisationRow row)
    {
        row.Name = Name.Trim();
        row.Kind = Kind;
        row.Website = HomeChecks.Optional(Website);
        row.Summary = Summary.Trim();
        row.JoinedOn = JoinDate!.Value;
        // Only a practice runs a RadEquity instance of its own.
        row.LinkedInstanceUrl = Kind == OrganisationKind.Practice ? HomeChecks.Optional(LinkedInstanceUrl) : null;
    }
}

/// <summary>Staff's disparity fact form, bound as <c>Input.*</c>.</summary>
internal sealed class FactInput
{
    public string Position { get; set => field = value ?? ""; } = "";
    public string Figure { get; set => field = value ?? ""; } = "";
    public string StatementEn { get; set => field = value ?? ""; } = "";
    public string StatementEs { get; set => field = value ?? ""; } = "";
    public string SourceTitle { get; set => field = value ?? ""; } = "";
    public string SourceUrl { get; set => field = value ?? ""; } = "";
    public string SourceYear { get; set => field = value ?? ""; } = "";

    public static FactInput From(DisparityFactRow row) => new()
    {
        Position = row.Position.ToString(CultureInfo.InvariantCulture),
        Figure = row.Figure,
        StatementEn = row.StatementEn,
        StatementEs = row.StatementEs ?? "",
        SourceTitle = row.SourceTitle,
        SourceUrl = row.SourceUrl,
        SourceYear = row.SourceYear.ToString(CultureInfo.InvariantCulture),
    };

    public IEnumerable<(string Field, string Message)> Problems(IStringLocalizer<HomeText> text, int thisYear)
    {
        if (!int.TryParse(Position, NumberStyles.Integer, CultureInfo.InvariantCulture, out var position) || position is < 0 or > 10_000)
        {
            yield return (nameof(Position), text["Error_Position"]);
        }

        if (!HomeChecks.IsText(Figure, DisparityFactRow.FigureLength))
        {
            yield return (nameof(Figure), text["Error_Figure"]);
        }

        if (!HomeChecks.IsText(StatementEn, DisparityFactRow.StatementLength))
        {
            yield return (nameof(StatementEn), text["Error_StatementEn"]);
        }

        if (StatementEs.Trim().Length > DisparityFactRow.StatementLength)
        {
            yield return (nameof(StatementEs), text["Error_StatementEs"]);
        }

        if (!HomeChecks.IsText(SourceTitle, DisparityFactRow.SourceTitleLength))
        {
            yield return (nameof(SourceTitle), text["Error_SourceTitle"]);
        }

        if (!HomeChecks.IsWebAddress(SourceUrl, DisparityFactRow.UrlLength))
        {
            yield return (nameof(SourceUrl), text["Error_SourceUrl"]);
        }

        if (!int.TryParse(SourceYear, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) || year < 1900 || year > thisYear)
        {
            yield return (nameof(SourceYear), text["Error_SourceYear"]);
        }
    }

    public void CopyTo(DisparityFactRow row)
    {
        row.Position = int.Parse(Position, CultureInfo.InvariantCulture);
        row.Figure = Figure.Trim();
        row.StatementEn = StatementEn.Trim();
        row.StatementEs = HomeChecks.Optional(StatementEs);
        row.SourceTitle = SourceTitle.Trim();
        row.SourceUrl = SourceUrl.Trim();
        row.SourceYear = int.Parse(SourceYear, CultureInfo.InvariantCulture);
    }
}

/// <summary>A person's join form, bound as <c>Input.*</c>.</summary>
internal sealed class JoinInput
{
    public string Name { get; set => field = value ?? ""; } = "";
    public string Email { get; set => field = value ?? ""; } = "";
    public string Password { get; set => field = value ?? ""; } = "";
    /// <summary>A member organisation's id, or "" for none.</summary>
    public string OrganisationId { get; set => field = value ?? ""; } = "";

    public long? Organisation => long.TryParse(OrganisationId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public IEnumerable<(string Field, string Message)> Problems(IStringLocalizer<HomeText> text, IReadOnlySet<long> organisations)
    {
        if (!HomeChecks.IsText(Name, ContactMessageRow.NameLength))
        {
            yield return (nameof(Name), text["Error_Name"]);
        }

        if (!PledgeInput.IsEmailAddress(Email))
        {
            yield return (nameof(Email), text["Error_Email"]);
        }

        if (OrganisationId.Length > 0 && (Organisation is not { } id || !organisations.Contains(id)))
        {
            yield return (nameof(OrganisationId), text["Error_Organisation"]);
        }
    }
}

/// <summary>An organisation's request to join, bound as <c>Request.*</c>.</summary>
internal sealed class JoinRequestInput
{
    public string Organisation { get; set => field = value ?? ""; } = "";
    public string Kind { get; set => field = value ?? ""; } = "";
    public string Website { get; set => field = value ?? ""; } = "";
    public string ContactName { get; set => field = value ?? ""; } = "";
    public string Email { get; set => field = value ?? ""; } = "";
    public string Message { get; set => field = value ?? ""; } = "";

    public IEnumerable<(string Field, string Message)> Problems(IStringLocalizer<HomeText> text)
    {
        if (!HomeChecks.IsText(Organisation, MemberOrganisationRow.NameLength))
        {
            yield return (nameof(Organisation), text["Error_OrganisationName"]);
        }

        if (!OrganisationKind.All.Contains(Kind))
        {
            yield return (nameof(Kind), text["Error_Kind"]);
        }

        if (Website.Length > 0 && !HomeChecks.IsWebAddress(Website))
        {
            yield return (nameof(Website), text["Error_Website"]);
        }

        if (!HomeChecks.IsText(ContactName, ContactMessageRow.NameLength))
        {
            yield return (nameof(ContactName), text["Error_Name"]);
        }

        if (!PledgeInput.IsEmailAddress(Email))
        {
            yield return (nameof(Email), text["Error_Email"]);
        }

        if (Message.Trim().Length > OrganisationJoinRequestRow.MessageLength)
        {
            yield return (nameof(Message), text["Error_MessageLength"]);
        }
    }
}

/// <summary>The contact form, bound as <c>Input.*</c>.</summary>
internal sealed class ContactInput
{
    public string Name { get; set => field = value ?? ""; } = "";
    public string Email { get; set => field = value ?? ""; } = "";
    public string Subject { get; set => field = value ?? ""; } = "";
    public string Message { get; set => field = value ?? ""; } = "";

    public IEnumerable<(string Field, string Message)> Problems(IStringLocalizer<HomeText> text)
    {
        if (!HomeChecks.IsText(Name, ContactMessageRow.NameLength))
        {
            yield return (nameof(Name), text["Error_Name"]);
        }

        if (!PledgeInput.IsEmailAddress(Email))
        {
            yield return (nameof(Email), text["Error_Email"]);
        }

        if (!HomeChecks.IsText(Subject, ContactMessageRow.SubjectLength))
        {
            yield return (nameof(Subject), text["Error_Subject"]);
        }

        if (!HomeChecks.IsText(Message, ContactMessageRow.MessageLength))
        {
            yield return (nameof(Message), text["Error_Message"]);
        }
    }
}

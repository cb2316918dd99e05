using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using MimeKit;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// The pledge form's fields, bound as <c>Input.*</c>. Model binding turns an empty field into null; the setters turn
/// it back into "", so the checks below see text.
/// </summary>
internal sealed class PledgeInput
{
    public string Name { get; set => field = value ?? ""; } = "";
    public string Email { get; set => field = value ?? ""; } = "";
    public string Role { get; set => field = value ?? ""; } = "";
    public string Organisation { get; set => field = value ?? ""; } = "";
    public string State { get; set => field = value ?? ""; } = "";
    public string PracticeSetting { get; set => field = value ?? ""; } = "";
    public List<string> Actions { get; set => field = value ?? []; } = [];
    public string Commitment { get; set => field = value ?? ""; } = "";
    public bool ShowName { get; set; }

    /// <summary>
    /// The problems, each with the field it belongs to, in the form's order, worded in the current language. Checked
    /// here rather than by attributes so every message comes from <see cref="CoalitionText"/>.
    /// </summary>
    public IEnumerable<(string Field, string Message)> Problems(IStringLocalizer<CoalitionText> text)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > PledgeRow.NameLength)
        {
            yield return (nameof(Name), text["Error_Name"]);
        }

        if (!IsEmailAddress(Email))
        {
            yield return (nameof(Email), text["Error_Email"]);
        }

        if (!PledgeChoices.Roles.Contains(Role))
        {
            yield return (nameof(Role), text["Error_Role"]);
        }

        if (Organisation.Length > PledgeRow.OrganisationLength)
        {
            yield return (nameof(Organisation), text["Error_Organisation"]);
        }

        if (!PledgeChoices.States.ContainsKey(State))
        {
            yield return (nameof(State), text["Error_State"]);
        }

        if (!PledgeChoices.Settings.Contains(PracticeSetting))
        {
            yield return (nameof(PracticeSetting), text["Error_Setting"]);
        }

        if (Actions.Count == 0 || !Actions.All(PledgeChoices.Actions.Contains))
        {
            yield return (nameof(Actions), text["Error_Actions"]);
        }

        if (Commitment.Length > PledgeRow.CommitmentLength)
        {
            yield return (nameof(Commitment), text["Error_Commitment"]);
        }
    }

    /// <summary>One plain address (<c>name@domain.tld</c>), no display name or list, within the column's length.</summary>
    public static bool IsEmailAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > PledgeRow.EmailLength)
        {
            return false;
        }

        var trimmed = value.Trim();
        return new EmailAddressAttribute().IsValid(trimmed)
            && MailboxAddress.TryParse(trimmed, out var mailbox)
            && string.Equals(mailbox.Address, trimmed, StringComparison.Ordinal)
            && mailbox.Domain.Contains('.', StringComparison.Ordinal);
    }
}

using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition;

/// <summary>
/// The hub's e-mails (confirmation, the data-rights link), written in the pledge's language and sent through the
/// configured SMTP server with MailKit. Every message carries an unsubscribe link, in the body and as
/// <c>List-Unsubscribe</c>.
/// </summary>
internal sealed class PledgeMail(HubMail mail, IOptions<CoalitionOptions> coalition, PledgeTokens tokens, IStringLocalizer<CoalitionText> text)
{
    public bool IsConfigured => mail.IsConfigured;

    public string? Host => mail.Host;

    public int Port => mail.Port;

    public Task<MailOutcome> SendConfirmationAsync(PledgeRow pledge, Uri baseUrl, CancellationToken cancellationToken) =>
        SendAsync(pledge, baseUrl, "MailConfirm_Subject", "MailConfirm_Body",
            Link(baseUrl, "/coalition/confirm", tokens.Create(PledgeLink.Confirm, pledge.Id, pledge.Email), pledge.Culture), cancellationToken,
            (int)coalition.Value.ConfirmationLifetime.TotalDays);

    public Task<MailOutcome> SendMyDataLinkAsync(PledgeRow pledge, Uri baseUrl, CancellationToken cancellationToken) =>
        SendAsync(pledge, baseUrl, "MailData_Subject", "MailData_Body",
            Link(baseUrl, "/coalition/my-pledge/data", tokens.Create(PledgeLink.MyData, pledge.Id, pledge.Email), pledge.Culture), cancellationToken,
            (int)coalition.Value.DataLinkLifetime.TotalHours);

    public Task<MailOutcome> SendFollowUpAsync(PledgeRow pledge, string kind, Uri baseUrl, CancellationToken cancellationToken) =>
        SendAsync(pledge, baseUrl, "MailFollowUp_Subject_" + kind, "MailFollowUp_Body_" + kind,
            new Uri(baseUrl, "coalition/pledges?culture=" + Uri.EscapeDataString(pledge.Culture)), cancellationToken);

    internal static Uri Link(Uri baseUrl, string path, string token, string culture) =>
        new(baseUrl, path.TrimStart('/') + "?token=" + Uri.EscapeDataString(token) + "&culture=" + Uri.EscapeDataString(culture));

    private async Task<MailOutcome> SendAsync(
        PledgeRow pledge, Uri baseUrl, string subjectKey, string bodyKey, Uri action, CancellationToken cancellationToken, int lifetime = 0)
    {
        var token = tokens.Create(PledgeLink.Unsubscribe, pledge.Id, pledge.Email);
        var unsubscribe = Link(baseUrl, "/coalition/unsubscribe", token, pledge.Culture);
        var oneClick = Link(baseUrl, Coalition.OneClickUnsubscribePath, token, pledge.Culture);
        using var message = Compose(pledge, subjectKey, bodyKey, lifetime, action, unsubscribe, oneClick);
        return await mail.SendAsync(message, subjectKey + " for pledge " + pledge.Id.ToString(CultureInfo.InvariantCulture), cancellationToken)
            .ConfigureAwait(false);
    }

    private MimeMessage Compose(PledgeRow pledge, string subjectKey, string bodyKey, int lifetime, Uri action, Uri unsubscribe, Uri oneClick)
    {
        // The localizer reads the current UI culture: the pledge's language for the length of this message.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(pledge.Culture);
        try
        {
            var message = new MimeMessage();
            message.To.Add(new MailboxAddress(pledge.Name, pledge.Email));
            message.Subject = text[subjectKey];
            // RFC 8058 one-click: the mail program POSTs to this address; the body's link opens a page with a button.
            message.Headers.Add("List-Unsubscribe", "<" + oneClick.AbsoluteUri + ">");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            message.Body = new TextPart("plain")
            {
                Text = string.Format(CultureInfo.InvariantCulture, "{0}\n\n{1}\n\n{2}\n\n-- \n{3}\n{4}\n",
                    string.Format(CultureInfo.InvariantCulture, text["Mail_Greeting"], pledge.Name),
                    text[bodyKey, lifetime], action.AbsoluteUri, text["Mail_Unsubscribe"], unsubscribe.AbsoluteUri),
            };
            return message;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

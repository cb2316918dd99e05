using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using RadEquity.Data.Model;

namespace RadEquity.Web.Features.Coalition.Home;

/// <summary>The home slice's e-mails, composed in the reader's language and sent through <see cref="HubMail"/>.</summary>
internal sealed class HomeMail(
    HubMail mail, IStringLocalizer<HomeText> text, IOptions<CoalitionHomeOptions> options, IOptions<DataProtectionTokenProviderOptions> tokens)
{
    public bool IsConfigured => mail.IsConfigured;

    public Task<MailOutcome> SendJoinConfirmationAsync(RadEquityUser user, string name, string culture, Uri link, CancellationToken cancellationToken)
    {
        var hours = (int)tokens.Value.TokenLifespan.TotalHours;
        return SendAsync(culture, new MailboxAddress(name, user.Email!), "MailJoin_Subject",
            () => string.Format(CultureInfo.InvariantCulture, "{0}\n\n{1}\n\n{2}\n\n{3}\n",
                string.Format(CultureInfo.InvariantCulture, text["Mail_Greeting"], name), text["MailJoin_Body", hours], link.AbsoluteUri,
                text["MailJoin_NotYou"]),
            "join confirmation for user " + user.Id, cancellationToken);
    }

    public Task<MailOutcome> SendAlreadyJoinedAsync(RadEquityUser user, string culture, Uri baseUrl, CancellationToken cancellationToken) =>
        SendAsync(culture, MailboxAddress.Parse(user.Email!), "MailKnown_Subject",
            () => string.Format(CultureInfo.InvariantCulture, "{0}\n\n{1}\n\n{2}\n",
                text["MailKnown_Body"], new Uri(baseUrl, "account/sign-in").AbsoluteUri, text["MailJoin_NotYou"]),
            "already-joined notice for user " + user.Id, cancellationToken);

    /// <summary>Tells staff (<see cref="CoalitionHomeOptions.StaffEmail"/>) that something arrived; nothing without that setting.</summary>
    public async Task<MailOutcome?> NotifyStaffAsync(string what, string subject, string body, string replyTo, CancellationToken cancellationToken)
    {
        if (options.Value.StaffEmail is not { } staff)
        {
            return null;
        }

        using var message = new MimeMessage();
        message.To.Add(MailboxAddress.Parse(staff));
        message.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        return await mail.SendAsync(message, what, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MailOutcome> SendAsync(
        string culture, MailboxAddress to, string subjectKey, Func<string> body, string what, CancellationToken cancellationToken)
    {
        // The localizer reads the current UI culture: the reader's language for the length of this message.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        MimeMessage message;
        try
        {
            message = new MimeMessage();
            message.To.Add(to);
            message.Subject = text[subjectKey];
            message.Body = new TextPart("plain") { Text = body() };
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        using (message)
        {
            return await mail.SendAsync(message, what, cancellationToken).ConfigureAwait(false);
        }
    }
}

using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RadEquity.Web.Features.Coalition;

/// <summary>Whether an e-mail left for the SMTP server.</summary>
internal enum MailOutcome
{
    Sent,
    /// <summary>No <c>RadEquity:Smtp:Host</c>: nothing was attempted.</summary>
    NotConfigured,
    /// <summary>The server could not be reached or refused the message (logged).</summary>
    Failed,
}

/// <summary>
/// The hub's one way out for e-mail: a composed message through the configured SMTP server (<see cref="SmtpOptions"/>)
/// with MailKit. The sender fills in From; callers compose the rest, in the recipient's language.
/// </summary>
internal sealed class HubMail(IOptions<SmtpOptions> smtp, ILogger<HubMail> log)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(smtp.Value.Host);

    public string? Host => smtp.Value.Host;

    public int Port => smtp.Value.Port;

    /// <summary>
    /// Sends <paramref name="message"/> from the configured sender. <paramref name="what"/> names the e-mail in the log
    /// (a kind and an id, never an address or other personal data).
    /// </summary>
    public async Task<MailOutcome> SendAsync(MimeMessage message, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsConfigured)
        {
            log.LogWarning("Coalition e-mail is not configured; {What} was not sent.", what);
            return MailOutcome.NotConfigured;
        }

        var options = smtp.Value;
        message.From.Clear();
        message.From.Add(MailboxAddress.Parse(options.Sender!));
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, Enum.Parse<SecureSocketOptions>(options.Security, ignoreCase: true), cancellationToken)
                .ConfigureAwait(false);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
            return MailOutcome.Sent;
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or CommandException or AuthenticationException
            or SslHandshakeException or TimeoutException)
        {
            log.LogError(e, "Coalition e-mail {What} could not be sent through {Host}:{Port}.", what, options.Host, options.Port);
            return MailOutcome.Failed;
        }
    }
}

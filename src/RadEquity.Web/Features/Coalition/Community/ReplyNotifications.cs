using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MimeKit;
using RadEquity.Data;

namespace RadEquity.Web.Features.Coalition.Community;

/// <summary>
/// The e-mail to a topic's followers about a new reply: one message per follower except the reply's author, sent in
/// the background so a slow or failing SMTP server never holds up or fails the post. Each message links to the reply
/// and carries a signed unfollow link that works without signing in. A reply queued when the process stops is not
/// mailed (a lost notification, not lost data).
/// </summary>
internal sealed class ReplyNotifications(
    IServiceScopeFactory scopes, HubMail mail, UnfollowTokens tokens, IStringLocalizer<CommunityText> text,
    ILogger<ReplyNotifications> log) : BackgroundService
{
    private readonly Channel<(long ReplyId, Uri BaseUrl)> _replies = Channel.CreateUnbounded<(long, Uri)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the e-mails for a saved reply; links start with <paramref name="baseUrl"/> (see <see cref="Coalition.BaseUrl"/>).</summary>
    public void Queue(long replyId, Uri baseUrl) => _replies.Writer.TryWrite((replyId, baseUrl));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (replyId, baseUrl) in _replies.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await SendAsync(replyId, baseUrl, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    log.LogError(e, "Reply {ReplyId}: the follower e-mails could not be prepared.", replyId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(long replyId, Uri baseUrl, CancellationToken cancellationToken)
    {
        if (!mail.IsConfigured)
        {
            return;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RadEquityDbContext>();
        var reply = await db.DiscussionReplies.AsNoTracking().SingleOrDefaultAsync(r => r.Id == replyId, cancellationToken).ConfigureAwait(false);
        var topic = reply is null ? null
            : await db.DiscussionTopics.AsNoTracking().SingleOrDefaultAsync(t => t.Id == reply.TopicId, cancellationToken).ConfigureAwait(false);
        if (reply is null || topic is null || reply.IsHidden || topic.IsHidden)
        {
            return;
        }

        var followers = await db.DiscussionFollows.AsNoTracking()
            .Where(f => f.TopicId == topic.Id && f.UserId != reply.AuthorId)
            .Join(db.Users, f => f.UserId, u => u.Id, (f, u) => new { f.Id, f.UserId, f.Culture, u.Email })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var follower in followers)
        {
            if (string.IsNullOrWhiteSpace(follower.Email))
            {
                continue;
            }

            using var message = Compose(follower.Email, follower.Culture, topic.Title, reply.AuthorName,
                new Uri(baseUrl, $"coalition/discussion/{topic.Id}?culture={follower.Culture}#reply-{reply.Id}"),
                new Uri(baseUrl, "coalition/discussion/unfollow?token=" + Uri.EscapeDataString(tokens.Create(follower.Id, follower.UserId))
                    + "&culture=" + follower.Culture));
            await mail.SendAsync(message, $"reply {reply.Id} to follow {follower.Id}", cancellationToken).ConfigureAwait(false);
        }
    }

    private MimeMessage Compose(string email, string culture, string title, string author, Uri replyLink, Uri unfollow)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            var message = new MimeMessage();
            message.To.Add(MailboxAddress.Parse(email));
            message.Subject = text["Mail_Reply_Subject", title];
            message.Headers.Add("List-Unsubscribe", "<" + unfollow.AbsoluteUri + ">");
            message.Body = new TextPart("plain")
            {
                Text = string.Format(CultureInfo.InvariantCulture, "{0}\n\n{1}\n\n-- \n{2}\n{3}\n",
                    text["Mail_Reply_Body", author, title], replyLink.AbsoluteUri, text["Mail_Reply_Unfollow"], unfollow.AbsoluteUri),
            };
            return message;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

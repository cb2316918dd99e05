using Microsoft.EntityFrameworkCore;
using MimeKit;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Data.Outreach;
using RadEquity.Web.Features.Coalition;

namespace RadEquity.Web.Features.Outreach;

/// <summary>One message to send: to whom, about which gap, by which channel, addressing which barriers.</summary>
internal sealed record DeliveryRequest(string Source, string PatientId, GapKind Gap, Channel Channel, DateOnly? DueDate,
    IReadOnlySet<PatientBarrier> Barriers);

/// <summary>What came of one attempt (as logged in <c>outreach_attempts</c>).</summary>
internal sealed record DeliveryResult(long AttemptId, string Outcome, string? Reason);

/// <summary>
/// Sends one message after the rules — opt-out, contact detail, quiet hours, contact cap — and logs the attempt, whatever
/// its outcome, in <c>outreach_attempts</c>. E-mail goes through the app's one SMTP sender (<see cref="HubMail"/>),
/// texts through the configured <see cref="ISmsProvider"/>, letters into a printable batch. The application log gets
/// attempt ids and outcomes only, never names, addresses or text.
/// </summary>
internal sealed class Delivery(RadEquityDbContext db, MessageTemplates templates, PatientContacts contacts, OutreachTokens tokens,
    HubMail mail, ISmsProvider sms, ContactRules rules, TimeProvider time, ILogger<Delivery> log)
{
    /// <summary>Sends <paramref name="request"/>; letters need <paramref name="letterBatchId"/>.</summary>
    public async Task<DeliveryResult> SendAsync(DeliveryRequest request, Uri baseUrl, long? letterBatchId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Channel == Channel.Phone)
        {
            throw new ArgumentException("Phone scripts are read by a navigator, not sent.", nameof(request));
        }

        if (request.Channel == Channel.Letter && letterBatchId is null)
        {
            throw new ArgumentException("A letter goes into a batch.", nameof(letterBatchId));
        }

        var now = time.GetUtcNow();
        var patient = await db.Patients.AsNoTracking()
            .Where(p => p.Source == request.Source && p.PatientId == request.PatientId)
            .Select(p => new { p.LanguageCode, p.NeedsInterpreter })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var language = MessageTemplates.LanguageFor(patient?.LanguageCode);
        var attempt = new OutreachAttemptRow
        {
            Source = request.Source,
            PatientId = request.PatientId,
            Channel = MessageTemplates.Name(request.Channel),
            Template = MessageTemplates.Key(request.Gap, request.Channel),
            Language = language,
            AttemptedAt = now,
        };

        var contact = await contacts.ReadAsync(request.Source, request.PatientId, cancellationToken).ConfigureAwait(false);
        var blocking = await rules.BlockingAsync(request.Source, request.PatientId, request.Channel, contact, now, cancellationToken)
            .ConfigureAwait(false);
        if (blocking.Count > 0 && blocking[0] is var skip)
        {
            return await LogAsync(attempt, AttemptOutcome.Skipped, skip, cancellationToken).ConfigureAwait(false);
        }

        var barriers = new HashSet<PatientBarrier>(request.Barriers);
        if (patient?.NeedsInterpreter == true)
        {
            barriers.Add(PatientBarrier.Language);
        }

        var link = new Uri(baseUrl, "outreach/link?t=" + Uri.EscapeDataString(
            tokens.Create(new PersonalLink(request.Source, request.PatientId, request.Gap, language))));
        var message = await templates.RenderAsync(request.Gap, request.Channel, language,
            new MessageSubject(contact!.FirstName ?? "", request.DueDate, barriers, link), cancellationToken).ConfigureAwait(false);

        string? failure = null;
        switch (request.Channel)
        {
            case Channel.Email:
                var email = new MimeMessage { Subject = message.Subject ?? "" };
                email.To.Add(MailboxAddress.Parse(contact.Email!));
                email.Body = new TextPart("plain") { Text = message.Text };
                failure = await mail.SendAsync(email, "outreach " + attempt.Template, cancellationToken).ConfigureAwait(false) switch
                {
                    MailOutcome.Sent => null,
                    MailOutcome.NotConfigured => "email-not-configured",
                    _ => "email-failed",
                };
                break;
            case Channel.Sms:
                var sent = await sms.SendAsync(contact.Phone!, message.Text, cancellationToken).ConfigureAwait(false);
                failure = sent.IsSent ? null : sent.Reason ?? "sms-failed";
                break;
            case Channel.Letter:
                db.Letters.Add(new LetterRow
                {
                    BatchId = letterBatchId!.Value,
                    Source = request.Source,
                    PatientId = request.PatientId,
                    Language = language,
                    Address = string.Join('\n', contact.Address.Prepend(contact.FirstName ?? "")),
                    Body = message.Text,
                });
                attempt.LetterBatchId = letterBatchId;
                break;
            case Channel.Phone:
            default:
                throw new ArgumentOutOfRangeException(nameof(request));
        }

        return await LogAsync(attempt, failure is null ? AttemptOutcome.Sent : AttemptOutcome.Failed, failure, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DeliveryResult> LogAsync(OutreachAttemptRow attempt, string outcome, string? reason, CancellationToken cancellationToken)
    {
        attempt.Outcome = outcome;
        attempt.Reason = reason;
        db.OutreachAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("Outreach attempt {AttemptId} ({Channel}, {Template}): {Outcome} {Reason}.", attempt.Id, attempt.Channel,
            attempt.Template, outcome, reason);
        return new DeliveryResult(attempt.Id, outcome, reason);
    }
}

/// <summary>Opt-outs: per channel, or every channel at once (the personal page's "stop messages").</summary>
internal static class OptOuts
{
    public const string All = "all";
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RadEquity.Data;
using RadEquity.Data.Model;
using RadEquity.Data.Outreach;

namespace RadEquity.Web.Features.Outreach;

/// <summary>What a text sent back to the practice asks for.</summary>
internal enum SmsKeyword
{
    /// <summary>Anything that is not a keyword: logged as a reply and otherwise ignored.</summary>
    Other,
    Stop,
    Start,
    Help,
}

/// <summary>The keywords of texts sent back, as carriers and Twilio read them, plus the Spanish ones our texts invite.</summary>
internal static class SmsKeywords
{
    // Spanish ALTO and PARAR: a Spanish-speaking patient answering a Spanish text may well write them; both mean stop.
    private static readonly HashSet<string> Stop = new(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ALTO", "PARAR"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> Start = new(["START", "UNSTOP"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The keyword of a text: its whole body, trimmed, in any case; anything longer is not a keyword.</summary>
    public static SmsKeyword Of(string? body)
    {
        var word = (body ?? "").Trim();
        return Stop.Contains(word) ? SmsKeyword.Stop
            : Start.Contains(word) ? SmsKeyword.Start
            : string.Equals(word, "HELP", StringComparison.OrdinalIgnoreCase) ? SmsKeyword.Help
            : SmsKeyword.Other;
    }

    public static string Name(SmsKeyword keyword) => keyword switch
    {
        SmsKeyword.Stop => "stop",
        SmsKeyword.Start => "start",
        SmsKeyword.Help => "help",
        SmsKeyword.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(keyword)),
    };
}

/// <summary>
/// Twilio's request signature (<c>X-Twilio-Signature</c>): base64 of HMAC-SHA1, keyed by the auth token, over the full
/// URL Twilio called followed by every POST parameter's name and value, sorted by name.
/// </summary>
internal static class TwilioSignature
{
    public static string Compute(string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        // SHA-1 is Twilio's choice, not ours; as an HMAC it still authenticates (no collision attack applies).
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>Whether <paramref name="signature"/> is Twilio's for this request (compared in constant time).</summary>
    public static bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> parameters, string? signature, string authToken) =>
        !string.IsNullOrEmpty(signature)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(url, parameters, authToken)), Encoding.ASCII.GetBytes(signature));
}

/// <summary>What came of a text sent back: the keyword, the patients it was matched to, and the answer to text back (HELP).</summary>
internal sealed record SmsReplyResult(SmsKeyword Keyword, IReadOnlyList<(string Source, string PatientId)> Patients, string? Answer);

/// <summary>
/// Texts patients send back. The sender is found among the patients texted within <see cref="OutreachOptions.ReplyWindow"/>
/// (sent <c>outreach_attempts</c> on channel sms), by comparing normalised numbers — never by scanning every patient. A
/// number shared by several of them (a family phone) acts for all. STOP opts them out of SMS (via <c>sms-reply</c>),
/// START removes their SMS opt-outs, HELP gets a short answer; each reply is a <c>reply</c> row of
/// <c>outreach_attempts</c> with its keyword as reason. The application log gets the keyword and a count, never a
/// number or a body.
/// </summary>
internal sealed class SmsReplies(RadEquityDbContext db, PatientContacts contacts, IOptions<OutreachOptions> options, TimeProvider time,
    ILogger<SmsReplies> log)
{
    public const string Via = "sms-reply";

    public async Task<SmsReplyResult> HandleAsync(string? from, string? body, CancellationToken cancellationToken)
    {
        var keyword = SmsKeywords.Of(body);
        var number = PatientContacts.NormalisePhone(from);
        var patients = number is null ? [] : await TextedPatientsAsync(number, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (source, patientId, language) in patients)
        {
            db.OutreachAttempts.Add(new OutreachAttemptRow
            {
                Source = source,
                PatientId = patientId,
                Channel = MessageTemplates.Name(Channel.Sms),
                Template = Via,
                Language = language,
                AttemptedAt = now,
                Outcome = AttemptOutcome.Reply,
                Reason = SmsKeywords.Name(keyword),
            });
            var optOuts = await db.OutreachOptOuts
                .Where(o => o.Source == source && o.PatientId == patientId && o.Channel == "sms").ToListAsync(cancellationToken).ConfigureAwait(false);
            if (keyword == SmsKeyword.Stop && optOuts.Count == 0)
            {
                db.OutreachOptOuts.Add(new OutreachOptOutRow { Source = source, PatientId = patientId, Channel = "sms", CreatedAt = now, Via = Via });
            }
            else if (keyword == SmsKeyword.Start)
            {
                db.OutreachOptOuts.RemoveRange(optOuts);
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("SMS reply {Keyword} matched {Patients} texted patients.", SmsKeywords.Name(keyword), patients.Count);
        var answer = keyword == SmsKeyword.Help
            ? MessageTemplates.Text("Sms_Help", patients.Count > 0 ? patients[0].Language : "en")
                .Replace("{practice}", options.Value.PracticeName, StringComparison.Ordinal)
                .Replace("{practice_phone}", options.Value.PracticePhone, StringComparison.Ordinal)
            : null;
        return new SmsReplyResult(keyword, [.. patients.Select(p => (p.Source, p.PatientId))], answer);
    }

    /// <summary>The patients texted within the window whose stored phone is <paramref name="number"/>.</summary>
    private async Task<List<(string Source, string PatientId, string Language)>> TextedPatientsAsync(string number, CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - options.Value.ReplyWindow;
        var sms = MessageTemplates.Name(Channel.Sms);
        var texted = await db.OutreachAttempts.AsNoTracking()
            .Where(a => a.Channel == sms && a.Outcome == AttemptOutcome.Sent && a.AttemptedAt > since)
            .Select(a => new { a.Source, a.PatientId, a.Language })
            .Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var languages = texted.DistinctBy(p => (p.Source, p.PatientId)).ToDictionary(p => (p.Source, p.PatientId), p => p.Language);
        var read = await contacts.ReadManyAsync(languages.Keys, cancellationToken).ConfigureAwait(false);
        return [.. read.Where(c => PatientContacts.NormalisePhone(c.Phone) == number)
            .Select(c => (c.Source, c.PatientId, languages[(c.Source, c.PatientId)]))
            .OrderBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.PatientId, StringComparer.Ordinal)];
    }
}

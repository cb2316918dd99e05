using System.Globalization;
using System.Resources;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RadEquity.Data;

namespace RadEquity.Web.Features.Outreach;

/// <summary>The kinds of care gap a message can be about; each has its own sentence in every language.</summary>
internal enum GapKind
{
    Mammogram,
    Colorectal,
    Lung,
    /// <summary>A BI-RADS or Lung-RADS result whose follow-up exam is due.</summary>
    FollowUp,
}

/// <summary>Which gap kind a measure's care gap is.</summary>
internal static class GapKinds
{
    /// <summary>The gap kind of <paramref name="measureId"/>'s open gaps; null for a measure outreach has no words for.</summary>
    public static GapKind? ForMeasure(string measureId) => measureId switch
    {
        "cms125" or "breast-uspstf-2024" => GapKind.Mammogram,
        "cms130" => GapKind.Colorectal,
        "lung-uspstf-2021" => GapKind.Lung,
        "bi-rads-3-short-interval" or "lung-rads-follow-up" => GapKind.FollowUp,
        _ => measureId.Contains("rads", StringComparison.OrdinalIgnoreCase) ? GapKind.FollowUp : null,
    };
}

/// <summary>How a message reaches the patient.</summary>
internal enum Channel
{
    Sms,
    Email,
    Letter,
    /// <summary>A script a navigator reads on the phone; never sent by the app.</summary>
    Phone,
}

/// <summary>What may keep a patient from the exam; each has a block of text that answers it.</summary>
internal enum PatientBarrier
{
    Cost,
    Distance,
    Time,
    Language,
}

/// <summary>The words <see cref="MessageTemplates"/> and the personal page use, per language (<c>OutreachText.*.resx</c>).</summary>
internal sealed class OutreachText
{
    public static readonly ResourceManager Resources = new(typeof(OutreachText));
}

/// <summary>What fills a template's placeholders for one patient.</summary>
internal sealed record MessageSubject(string FirstName, DateOnly? DueDate, IReadOnlySet<PatientBarrier> Barriers, Uri Link);

/// <summary>A rendered message: a subject (e-mail only) and the text.</summary>
internal sealed record Message(string Template, string Language, string? Subject, string Text);

/// <summary>
/// The message templates: one per gap kind × channel, in every supported language. A template is the channel's frame
/// (<c>Template_sms</c>, ...) with the gap's sentence, the barrier blocks and the patient's details put into its
/// placeholders. Staff may replace a template's text in a language (<c>outreach_template_overrides</c>); the
/// placeholders stay the same.
/// </summary>
internal sealed class MessageTemplates(RadEquityDbContext db, Microsoft.Extensions.Options.IOptions<OutreachOptions> options)
{
    /// <summary>The supported languages: English first (the fallback), then the translations.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "es", "zh-Hans", "vi"];

    /// <summary>Every placeholder a template may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders =
        ["{first_name}", "{practice}", "{gap}", "{due_date}", "{blocks}", "{practice_phone}", "{link}"];

    public static string Key(GapKind gap, Channel channel) => Name(gap) + "." + Name(channel);

    public static string Name(GapKind gap) => gap switch
    {
        GapKind.Mammogram => "mammogram",
        GapKind.Colorectal => "colorectal",
        GapKind.Lung => "lung",
        GapKind.FollowUp => "followup",
        _ => throw new ArgumentOutOfRangeException(nameof(gap)),
    };

    public static string Name(Channel channel) => channel switch
    {
        Channel.Sms => "sms",
        Channel.Email => "email",
        Channel.Letter => "letter",
        Channel.Phone => "phone",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static string Name(PatientBarrier barrier) => barrier switch
    {
        PatientBarrier.Cost => "cost",
        PatientBarrier.Distance => "distance",
        PatientBarrier.Time => "time",
        PatientBarrier.Language => "language",
        _ => throw new ArgumentOutOfRangeException(nameof(barrier)),
    };

    /// <summary>The supported language closest to a patient's preferred language code (BCP 47); English otherwise.</summary>
    public static string LanguageFor(string? code) => code?.ToUpperInvariant() switch
    {
        null => "en",
        var c when c.StartsWith("ES", StringComparison.Ordinal) => "es",
        var c when c.StartsWith("ZH", StringComparison.Ordinal) => "zh-Hans",
        var c when c.StartsWith("VI", StringComparison.Ordinal) => "vi",
        _ => "en",
    };

    /// <summary>A built-in text in a language, without falling back to English (null when the translation lacks it).</summary>
    public static string? Default(string name, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var set = OutreachText.Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set?.GetString(name) ?? (language == "en" ? OutreachText.Resources.GetString(name, CultureInfo.InvariantCulture) : null);
    }

    /// <summary>A built-in text in a language, falling back to English.</summary>
    public static string Text(string name, string language) =>
        OutreachText.Resources.GetString(name, CultureInfo.GetCultureInfo(language)) ?? name;

    /// <summary>The template's own text in a language: staff's override if there is one, else the built-in frame.</summary>
    public async Task<string> TemplateTextAsync(GapKind gap, Channel channel, string language, CancellationToken cancellationToken)
    {
        var key = Key(gap, channel);
        var custom = await db.OutreachTemplateOverrides.AsNoTracking()
            .Where(o => o.Template == key && o.Language == language)
            .Select(o => o.Text)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return custom ?? Text("Template_" + Name(channel), language);
    }

    public async Task<Message> RenderAsync(GapKind gap, Channel channel, string language, MessageSubject subject, CancellationToken cancellationToken)
    {
        var text = await TemplateTextAsync(gap, channel, language, cancellationToken).ConfigureAwait(false);
        return Render(gap, channel, language, text, subject, options.Value);
    }

    /// <summary>Fills <paramref name="text"/>'s placeholders; pure, so previews and tests render exactly what is sent.</summary>
    public static Message Render(GapKind gap, Channel channel, string language, string text, MessageSubject subject, OutreachOptions options)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(options);
        var culture = CultureInfo.GetCultureInfo(language);
        var blocks = new StringBuilder();
        foreach (var barrier in Enum.GetValues<PatientBarrier>().Where(subject.Barriers.Contains))
        {
            // Letters and e-mails give each block its own line; texts and scripts run on.
            blocks.Append(Text("Block_" + Name(barrier), language)).Append(channel is Channel.Email or Channel.Letter ? "\n" : " ");
        }

        var dueDate = subject.DueDate is { } due ? due.ToString("D", culture) : "";
        string Fill(string template) => template
            .Replace("{gap}", Text("Gap_" + Name(gap), language), StringComparison.Ordinal)
            .Replace("{blocks}", blocks.ToString().TrimEnd('\n'), StringComparison.Ordinal)
            .Replace("{first_name}", subject.FirstName, StringComparison.Ordinal)
            .Replace("{practice}", options.PracticeName, StringComparison.Ordinal)
            .Replace("{due_date}", dueDate, StringComparison.Ordinal)
            .Replace("{practice_phone}", options.PracticePhone, StringComparison.Ordinal)
            .Replace("{link}", subject.Link.AbsoluteUri, StringComparison.Ordinal);
        var subjectLine = channel == Channel.Email ? Fill(Text("Subject_email", language)) : null;
        return new Message(Key(gap, channel), language, subjectLine, Fill(text));
    }

    /// <summary>A made-up patient for previews (no real person's data on the templates page).</summary>
    public static MessageSubject Sample(DateOnly today) =>
        new("Maria", today.AddDays(-30), new HashSet<PatientBarrier>(Enum.GetValues<PatientBarrier>()), new Uri("https://radequity.example.org/outreach/link?t=sample"));
}

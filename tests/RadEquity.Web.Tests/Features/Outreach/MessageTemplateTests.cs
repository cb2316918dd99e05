using System.Collections;
using System.Globalization;
using System.Resources;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using RadEquity.Data.Outreach;
using RadEquity.Web.Features.Outreach;

namespace RadEquity.Web.Tests.Features.Outreach;

/// <summary>Templates in every language, readability, the contact rules and personal-link tokens: no store, no host.</summary>
public sealed class MessageTemplateTests
{
    private static readonly OutreachOptions Options = new();

    private static readonly DateOnly Today = new(2026, 11, 24);

    public static TheoryData<string> Languages => [.. MessageTemplates.Languages];

    private static IEnumerable<(GapKind Gap, Channel Channel)> Templates() =>
        from gap in Enum.GetValues<GapKind>() from channel in Enum.GetValues<Channel>() select (gap, channel);

    [Theory]
    [MemberData(nameof(Languages))]
    public void Render_EveryGapAndChannel_FillsEveryPlaceholder(string language)
    {
        foreach (var (gap, channel) in Templates())
        {
            var message = MessageTemplates.Render(gap, channel, language, MessageTemplates.Text("Template_" + MessageTemplates.Name(channel), language),
                MessageTemplates.Sample(Today), Options);

            Assert.DoesNotContain("{", message.Text, StringComparison.Ordinal);
            Assert.Contains("Maria", message.Text, StringComparison.Ordinal);
            Assert.Contains(Options.PracticePhone, message.Text, StringComparison.Ordinal);
            // A phone script is read aloud: the patient gets no link from it.
            Assert.Equal(channel != Channel.Phone, message.Text.Contains("https://radequity.example.org/outreach/link?t=sample", StringComparison.Ordinal));
            Assert.Contains(Today.AddDays(-30).ToString("D", CultureInfo.GetCultureInfo(language)), message.Text, StringComparison.Ordinal);
            Assert.Contains(MessageTemplates.Text("Gap_" + MessageTemplates.Name(gap), language), message.Text, StringComparison.Ordinal);
            Assert.Contains(MessageTemplates.Text("Block_language", language), message.Text, StringComparison.Ordinal);
            Assert.Equal(channel == Channel.Email, message.Subject is not null);
            Assert.DoesNotContain("{", message.Subject ?? "", StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("es")]
    [InlineData("zh-Hans")]
    [InlineData("vi")]
    public void Translation_EveryText_IsItsOwnAndDiffersFromEnglish(string language)
    {
        var english = Entries(CultureInfo.InvariantCulture);
        var translated = Entries(CultureInfo.GetCultureInfo(language));

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, text) in english)
        {
            Assert.NotEqual(text, translated[name]);
            // The same placeholders, so staff's edits and the renderer work alike in every language.
            foreach (var placeholder in MessageTemplates.Placeholders.Append("{0}"))
            {
                Assert.True(text.Contains(placeholder, StringComparison.Ordinal) == translated[name].Contains(placeholder, StringComparison.Ordinal),
                    $"{language} {name}: {placeholder}");
            }
        }
    }

    [Fact]
    public void Render_EveryEnglishTemplateAndBlock_ReadsAtGradeEightOrBelow()
    {
        foreach (var (gap, channel) in Templates())
        {
            var message = MessageTemplates.Render(gap, channel, "en", MessageTemplates.Text("Template_" + MessageTemplates.Name(channel), "en"),
                MessageTemplates.Sample(Today), Options);
            var grade = Readability.FleschKincaidGrade(message.Text);
            Assert.True(grade <= 8, $"{message.Template}: grade {grade:F1}");
        }

        foreach (var barrier in Enum.GetValues<PatientBarrier>())
        {
            var grade = Readability.FleschKincaidGrade(MessageTemplates.Text("Block_" + MessageTemplates.Name(barrier), "en"));
            Assert.True(grade <= 8, $"{barrier}: grade {grade:F1}");
        }
    }

    [Theory]
    [InlineData("cms125", "Mammogram")]
    [InlineData("breast-uspstf-2024", "Mammogram")]
    [InlineData("cms130", "Colorectal")]
    [InlineData("lung-uspstf-2021", "Lung")]
    [InlineData("bi-rads-3-short-interval", "FollowUp")]
    [InlineData("bi-rads-resolution-30", "FollowUp")]
    [InlineData("lung-rads-follow-up", "FollowUp")]
    [InlineData("something-else", "")]
    public void ForMeasure_EachMeasuresGap_HasItsKind(string measureId, string kind) =>
        Assert.Equal(kind, GapKinds.ForMeasure(measureId)?.ToString() ?? "");

    [Theory]
    [InlineData("cat", 1)]
    [InlineData("simple", 2)]
    [InlineData("time", 1)]
    [InlineData("screening", 2)]
    [InlineData("mammogram", 3)]
    [InlineData("interpreter", 4)]
    [InlineData("needed", 2)]
    [InlineData("called", 1)]
    public void Syllables_CommonWords_MatchTheDictionary(string word, int syllables) =>
        Assert.Equal(syllables, Readability.Syllables(word));

    [Fact]
    public void FleschKincaidGrade_ShortWordsShortSentences_IsLowAndLongWordsIsHigh()
    {
        Assert.True(Readability.FleschKincaidGrade("The cat sat on the mat. It is time to eat.") < 2);
        Assert.True(Readability.FleschKincaidGrade(
            "Comprehensive radiological evaluation necessitates individualized consideration of socioeconomic determinants.") > 16);
        Assert.Equal(0, Readability.FleschKincaidGrade("https://example.org 555-0100"));
    }

    [Theory]
    [InlineData("2026-11-24T03:00:00Z", true)] // 21:00 in Chicago
    [InlineData("2026-11-24T13:00:00Z", true)] // 07:00
    [InlineData("2026-11-24T14:00:00Z", false)] // 08:00
    [InlineData("2026-11-24T20:00:00Z", false)] // 14:00
    [InlineData("2026-11-25T01:59:00Z", false)] // 19:59
    public void QuietHours_PracticeLocalTime_AcrossMidnight(string utc, bool quiet) =>
        Assert.Equal(quiet, QuietHours.Contains(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture), Options));

    [Fact]
    public void QuietHours_AppliesToTextsAndCallsOnly()
    {
        Assert.True(QuietHours.AppliesTo(Channel.Sms));
        Assert.True(QuietHours.AppliesTo(Channel.Phone));
        Assert.False(QuietHours.AppliesTo(Channel.Email));
        Assert.False(QuietHours.AppliesTo(Channel.Letter));
    }

    [Fact]
    public void ContactCap_AtTheLimit_IsReached()
    {
        Assert.False(ContactCap.IsReached(Options.CapMessages - 1, Options));
        Assert.True(ContactCap.IsReached(Options.CapMessages, Options));
    }

    [Fact]
    public void Tokens_TamperedExpiredAndGood_AreToldApart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var tokens = new OutreachTokens(new EphemeralDataProtectionProvider(), Microsoft.Extensions.Options.Options.Create(Options), clock);
        var link = new PersonalLink("demo", "p|1", GapKind.Lung, "vi");
        var token = tokens.Create(link);

        Assert.Equal(new PersonalLinkRead(link, Expired: false), tokens.Read(token));
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        Assert.Null(tokens.Read(tampered).Link);
        Assert.Null(tokens.Read("").Link);
        clock.Advance(Options.LinkLifetime);
        var expired = tokens.Read(token);
        Assert.True(expired.Expired);
        Assert.Equal("vi", expired.Link?.Language);
    }

    [Fact]
    public void PatientContacts_Parse_ReadsMobileEmailNameAndAddress()
    {
        var json = """
            {"resourceType":"Patient","id":"p1","name":[{"family":"Nguyen","given":["Lan","Thi"]}],
             "telecom":[{"system":"phone","value":"+15550100001","use":"home"},{"system":"phone","value":"+15550100002","use":"mobile"},
                        {"system":"email","value":"lan@example.org"}],
             "address":[{"use":"old","city":"Gone"},{"use":"home","line":["1 Main St"],"city":"Springfield","state":"IL","postalCode":"62701"}]}
            """u8;
        var contact = PatientContacts.Parse("demo", "p1", json);

        Assert.Equal("Lan", contact.FirstName);
        Assert.Equal("+15550100002", contact.Phone);
        Assert.Equal("lan@example.org", contact.Email);
        Assert.Equal(["1 Main St", "Springfield, IL 62701"], contact.Address);
        Assert.Null(PatientContacts.Parse("demo", "p2", """{"resourceType":"Patient"}"""u8).Phone);
    }

    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var set = OutreachText.Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new MissingManifestResourceException(culture.Name);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }
}

using RadEquity.Data.Outreach;
using RadEquity.Web.Features.Outreach;

namespace RadEquity.Web.Tests.Features.Outreach;

/// <summary>The pure parts of reply handling: keywords, Twilio's signature and phone numbers compared across formats.</summary>
public sealed class SmsReplyRuleTests
{
    [Theory]
    [InlineData("STOP", "stop")]
    [InlineData(" stopall\n", "stop")]
    [InlineData("Unsubscribe", "stop")]
    [InlineData("cancel", "stop")]
    [InlineData("END", "stop")]
    [InlineData("quit", "stop")]
    [InlineData("Alto", "stop")]
    [InlineData("PARAR", "stop")]
    [InlineData("start", "start")]
    [InlineData("UNSTOP", "start")]
    [InlineData("Help ", "help")]
    [InlineData("please stop", "other")]
    [InlineData("", "other")]
    [InlineData(null, "other")]
    public void Of_Body_TheKeywordOfTheWholeTrimmedTextInAnyCase(string? body, string expected) =>
        Assert.Equal(expected, SmsKeywords.Name(SmsKeywords.Of(body)));

    [Fact]
    public void Compute_KnownRequest_MatchesAnIndependentHmacSha1()
    {
        // Computed outside .NET (Python's hmac over the URL and the sorted name+value pairs) for this request.
        KeyValuePair<string, string>[] form =
            [new("To", "+15550100100"), new("From", "+15550100007"), new("Body", "STOP"), new("MessageSid", "SM0123456789abcdef0123456789abcdef")];

        var signature = TwilioSignature.Compute("https://radequity.example.org/outreach/sms/inbound", form, "test-auth-token");

        Assert.Equal("ZNCWKiGBbjB2zSQDPnexB1L6jCk=", signature);
        Assert.True(TwilioSignature.IsValid("https://radequity.example.org/outreach/sms/inbound", form, signature, "test-auth-token"));
        Assert.False(TwilioSignature.IsValid("https://radequity.example.org/outreach/sms/inbound", form, signature, "another-token"));
        Assert.False(TwilioSignature.IsValid("https://radequity.example.org/outreach/sms/inbound?x=1", form, signature, "test-auth-token"));
    }

    [Theory]
    [InlineData("+15550100007", "+15550100007")]
    [InlineData("(555) 010-0007", "+15550100007")]
    [InlineData("555.010.0007", "+15550100007")]
    [InlineData("1 555 010 0007", "+15550100007")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("010-0007", null)]
    [InlineData("call me", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void NormalisePhone_WrittenAnyWay_E164OrNull(string? number, string? expected) =>
        Assert.Equal(expected, PatientContacts.NormalisePhone(number));
}

using System.Text;
using RadEquity.Data.Worklist;

namespace RadEquity.Data.Tests.Worklist;

/// <summary>Contact channels read from a raw Patient resource's telecom.</summary>
public sealed class PatientTelecomTests
{
    [Fact]
    public void Systems_MobilePhoneAndEmail_PhoneSmsAndEmailSorted()
    {
        var json = """{"resourceType":"Patient","id":"p","telecom":[{"system":"phone","value":"555-0100","use":"mobile"},{"system":"email","value":"a@example.org"},{"system":"phone","value":"555-0101","use":"home"}]}""";

        Assert.Equal(["email", "phone", "sms"], PatientTelecom.Systems(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Systems_NoTelecomOrNoValue_None()
    {
        Assert.Empty(PatientTelecom.Systems("""{"resourceType":"Patient","id":"p"}"""u8));
        Assert.Empty(PatientTelecom.Systems("""{"resourceType":"Patient","id":"p","telecom":[{"system":"phone"}]}"""u8));
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using RadEquity.Web.Features.Outreach;

namespace RadEquity.Web.Tests.Features.Outreach;

/// <summary>The Twilio adapter over a real HTTP connection to a listener in the test process, which plays Twilio's Messages endpoint.</summary>
public sealed class TwilioSmsTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Uri _baseUrl;

    public TwilioSmsTests()
    {
        // A free port: bind one, note it, release it for HttpListener.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _baseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
            probe.Stop();
        }

        _listener.Prefixes.Add(_baseUrl.AbsoluteUri);
        _listener.Start();
    }

    [Fact]
    public async Task SendAsync_PostsTheFormWithBasicAuthToTheAccountsMessages()
    {
        using var http = new HttpClient();
        var sms = new TwilioSms(http, Microsoft.Extensions.Options.Options.Create(Options()), NullLogger<TwilioSms>.Instance);

        var sending = sms.SendAsync("+15550100009", "Hi Ana & co. Reply STOP to stop texts.", CancellationToken.None);
        var context = await _listener.GetContextAsync();
        string form;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            form = await reader.ReadToEndAsync();
        }

        var (method, path, auth, type) = (context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"],
            context.Request.ContentType);
        context.Response.StatusCode = 201;
        context.Response.Close(Encoding.UTF8.GetBytes("""{"sid":"SM1","status":"queued"}"""), willBlock: false);
        var result = await sending;

        Assert.True(result.IsSent);
        Assert.Equal("POST", method);
        Assert.Equal("/2010-04-01/Accounts/AC123/Messages.json", path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC123:secret")), auth);
        Assert.StartsWith("application/x-www-form-urlencoded", type, StringComparison.Ordinal);
        Assert.Equal("To=%2B15550100009&From=%2B15550100100&Body=Hi+Ana+%26+co.+Reply+STOP+to+stop+texts.", form);
    }

    [Fact]
    public async Task SendAsync_ProviderRefuses_FailsWithTheStatus()
    {
        using var http = new HttpClient();
        var sms = new TwilioSms(http, Microsoft.Extensions.Options.Options.Create(Options()), NullLogger<TwilioSms>.Instance);

        var sending = sms.SendAsync("+15550100009", "Hello", CancellationToken.None);
        var context = await _listener.GetContextAsync();
        context.Response.StatusCode = 401;
        context.Response.Close();

        Assert.Equal(new SmsResult(false, "provider-status-401"), await sending);
    }

    [Fact]
    public async Task SendAsync_NotConfigured_FailsWithoutAConnection()
    {
        using var http = new HttpClient();
        var options = Options();
        options.Twilio.AuthToken = null;
        var sms = new TwilioSms(http, Microsoft.Extensions.Options.Options.Create(options), NullLogger<TwilioSms>.Instance);

        Assert.Equal(new SmsResult(false, "sms-not-configured"), await sms.SendAsync("+15550100009", "Hello", CancellationToken.None));
    }

    public void Dispose() => _listener.Close();

    private OutreachOptions Options() => new()
    {
        SmsProvider = "Twilio",
        Twilio = new TwilioOptions { BaseUrl = _baseUrl, AccountSid = "AC123", AuthToken = "secret", From = "+15550100100" },
    };
}

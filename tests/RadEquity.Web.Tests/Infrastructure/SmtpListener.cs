using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace RadEquity.Web.Tests.Infrastructure;

/// <summary>A message the <see cref="SmtpListener"/> received: the envelope's recipients and the parsed message.</summary>
public sealed record ReceivedMail(IReadOnlyList<string> Recipients, MimeMessage Message)
{
    /// <summary>The plain-text body.</summary>
    public string Text => Message.TextBody ?? "";

    /// <summary>The first link in the body to <paramref name="path"/> (absolute, as sent).</summary>
    public Uri Link(string path) =>
        Regex.Match(Text, "https?://\\S+" + Regex.Escape(path) + "\\?\\S+") is { Success: true } match
            ? new Uri(match.Value)
            : throw new InvalidOperationException($"No link to {path} in: {Text}");
}

/// <summary>
/// A real SMTP server on 127.0.0.1 (a free port), speaking just enough of RFC 5321 (EHLO/HELO, MAIL, RCPT, DATA, RSET,
/// NOOP, QUIT) for the app's MailKit client, and keeping every message it receives. No external process.
/// </summary>
public sealed partial class SmtpListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ReceivedMail> _received = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public SmtpListener()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The app's settings for this server.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RadEquity:Smtp:Host"] = "127.0.0.1",
        ["RadEquity:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RadEquity:Smtp:Sender"] = "RadEquity coalition <coalition@radequity.test>",
        ["RadEquity:Smtp:Security"] = "None",
    };

    /// <summary>Every message received so far addressed to <paramref name="address"/>.</summary>
    public IReadOnlyList<ReceivedMail> To(string address)
    {
        lock (_received)
        {
            return [.. _received.Where(m => m.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase))];
        }
    }

    /// <summary>Waits (up to 10 s) until <paramref name="count"/> messages to the address have arrived, and returns them.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(string address, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (To(address).Count < count && DateTime.UtcNow < deadline)
        {
            await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200));
        }

        var mails = To(address);
        Assert.True(mails.Count >= count, $"expected {count} message(s) to {address}, got {mails.Count}");
        return mails;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        var recipients = new List<string>();
        try
        {
            await writer.WriteLineAsync("220 localhost test SMTP");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-localhost\r\n250 8BITMIME\r\n");
                        break;
                    case "HELO" or "NOOP" or "MAIL":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RSET":
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        recipients.Add(Address().Match(line).Groups[1].Value);
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                        {
                            // RFC 5321 4.5.2: a leading dot was doubled by the sender.
                            data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.Latin1.GetBytes(data.ToString())));
                        lock (_received)
                        {
                            _received.Add(new ReceivedMail([.. recipients], message));
                        }

                        recipients.Clear();
                        _arrived.Release();
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client or the test went away.
        }
    }

    [GeneratedRegex("<([^>]*)>")]
    private static partial Regex Address();
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace GovDataPortal.Tests.Features.Notifications;

/// <summary>One message as the sink received it: envelope plus raw DATA (headers and body).</summary>
public sealed record SinkMessage(string From, IReadOnlyList<string> To, string Data)
{
    /// <summary>The Subject header, with RFC 2047 encoded words ("=?utf-8?B?…?=") decoded.</summary>
    public string Subject => DecodeWords(Header("Subject"));

    /// <summary>The body after the blank line, base64-decoded when the message says so.</summary>
    public string Body
    {
        get
        {
            var split = Data.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var body = split < 0 ? "" : Data[(split + 4)..];
            return Header("Content-Transfer-Encoding").Trim().Equals("base64", StringComparison.OrdinalIgnoreCase)
                ? Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", "")))
                : body;
        }
    }

    private string Header(string name)
    {
        // Headers may be folded onto continuation lines starting with white space.
        var m = Regex.Match(Data, $@"^{name}:(?<v>[^\r\n]*(\r\n[ \t][^\r\n]*)*)", RegexOptions.Multiline | RegexOptions.IgnoreCase);
        return m.Success ? m.Groups["v"].Value.Replace("\r\n", "") : "";
    }

    // The words of one header are joined before decoding: a character's bytes may be split across two of them.
    private static string DecodeWords(string value)
    {
        var words = Regex.Matches(value, @"=\?utf-8\?B\?(?<b>[^?]*)\?=", RegexOptions.IgnoreCase);
        if (words.Count == 0) return value.Trim();
        return Encoding.UTF8.GetString([.. words.SelectMany(w => Convert.FromBase64String(w.Groups["b"].Value))]);
    }
}

/// <summary>
/// A loopback SMTP server for tests: EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT — enough for
/// System.Net.Mail.SmtpClient. Received messages are collected; nothing leaves the machine.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public ConcurrentQueue<SinkMessage> Messages { get; } = new();
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Listens on <paramref name="port"/> (0: any free port), e.g. the port of a sink stopped earlier.</summary>
    public SmtpSink(int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink.test ESMTP");
        string? from = null;
        var to = new List<string>();
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO": await writer.WriteLineAsync("250 sink.test"); break;
                case "MAIL": (from, to) = (Address(line), []); await writer.WriteLineAsync("250 OK"); break;
                case "RCPT": to.Add(Address(line)); await writer.WriteLineAsync("250 OK"); break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    Messages.Enqueue(new SinkMessage(from ?? "", to, await ReadDataAsync(reader)));
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "RSET" or "NOOP": await writer.WriteLineAsync("250 OK"); break;
                case "QUIT": await writer.WriteLineAsync("221 Bye"); return;
                default: await writer.WriteLineAsync("502 Command not implemented"); break;
            }
        }
    }

    private async Task<string> ReadDataAsync(StreamReader reader)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(_stop.Token) is { } line && line != ".")
            data.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n"); // dot-stuffing
        return data.ToString();
    }

    private static string Address(string line) => Regex.Match(line, "<(?<a>[^>]*)>").Groups["a"].Value;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}

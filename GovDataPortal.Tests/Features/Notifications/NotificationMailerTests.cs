using GovDataPortal.Features.Notifications;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Tests.Features.Notifications;

/// <summary>
/// E-mail delivery against a loopback SMTP sink. The mailer sends everything pending, so each test gets a database of
/// its own (xUnit creates the class per test, and with it this fixture) and counts exactly what it arranged.
/// </summary>
public class NotificationMailerTests : IAsyncLifetime
{
    private readonly PortalFixture _portal = new();
    private readonly SmtpSink _sink = new();

    public Task InitializeAsync() => _portal.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _sink.DisposeAsync();
        await _portal.DisposeAsync();
    }

    private SmtpOptions Options(string? host = "127.0.0.1") => new()
    {
        Host = host, Port = _sink.Port, From = "portal@shuangpai.test", PortalUrl = "https://portal.shuangpai.test/",
    };

    private async Task<MailRun> SendAsync(SmtpOptions options)
    {
        await using var scope = _portal.AnonymousScope(); // the job runs with nobody signed in
        var mailer = ActivatorUtilities.CreateInstance<NotificationMailer>(scope.ServiceProvider, new FixedOptions(options));
        return await mailer.SendPendingAsync();
    }

    private async Task SetEmailAsync(string userName, string? email)
    {
        await using var db = await _portal.DbAsync();
        await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, email));
    }

    private async Task<Notification> RowAsync(long id)
    {
        await using var db = await _portal.DbAsync();
        return await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id);
    }

    private async Task SettleDemoBacklogAsync()
    {
        // The demo seed may carry notifications of its own; these tests count only what they add.
        await using var db = await _portal.DbAsync();
        await db.Notifications.ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailedAt, _portal.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Notifications_are_mailed_once_with_title_body_and_link()
    {
        await SettleDemoBacklogAsync();
        await SetEmailAsync("lina", "lina@police.shuangpai.test");
        var ids = await _portal.NotifyAsync("lina", 2, "待办：疑义、错误数据校核", link: "inbox/7");

        Assert.Equal(new MailRun(2, 0), await SendAsync(Options()));
        Assert.Equal(2, _sink.Messages.Count);
        var first = _sink.Messages.First();
        Assert.Equal(["lina@police.shuangpai.test"], first.To);
        Assert.Equal("portal@shuangpai.test", first.From);
        Assert.Equal("待办：疑义、错误数据校核1", first.Subject);
        Assert.Contains("“测试事项”待您办理（第1条）。", first.Body);
        Assert.Contains("https://portal.shuangpai.test/inbox/7", first.Body);
        Assert.Equal(_portal.Clock.GetUtcNow(), (await RowAsync(ids[0])).EmailedAt);

        // The second run finds nothing left to send.
        Assert.Equal(MailRun.None, await SendAsync(Options()));
        Assert.Equal(2, _sink.Messages.Count);
    }

    [Fact]
    public async Task Two_nodes_mailing_at_once_send_each_notification_exactly_once()
    {
        await SettleDemoBacklogAsync();
        await SetEmailAsync("yangfan", "yangfan@hr.shuangpai.test");
        await _portal.NotifyAsync("yangfan", 120, "并发"); // several batches of 50

        var runs = await Task.WhenAll(SendAsync(Options()), SendAsync(Options()));
        Assert.Equal(120, runs.Sum(r => r.Sent));
        Assert.Equal(120, _sink.Messages.Select(m => m.Subject).Distinct().Count());
        Assert.Equal(120, _sink.Messages.Count);
    }

    [Fact]
    public async Task Users_without_a_valid_address_are_skipped_and_settled_not_retried()
    {
        await SettleDemoBacklogAsync();
        await SetEmailAsync("liuyang", null);
        await SetEmailAsync("yangfan", "不是邮箱");
        await SetEmailAsync("chenjing", "chenjing@market.shuangpai.test");
        var none = await _portal.NotifyAsync("liuyang", 1);
        var invalid = await _portal.NotifyAsync("yangfan", 1);
        await _portal.NotifyAsync("chenjing", 1);

        Assert.Equal(new MailRun(1, 2), await SendAsync(Options()));
        Assert.NotNull((await RowAsync(invalid[0])).EmailedAt);
        Assert.Equal(["chenjing@market.shuangpai.test"], _sink.Messages.Single().To);
        // Settled: the next run does not look at it again, and an address added later does not mail the old one.
        Assert.NotNull((await RowAsync(none[0])).EmailedAt);
        await SetEmailAsync("liuyang", "liuyang@market.shuangpai.test");
        Assert.Equal(MailRun.None, await SendAsync(Options()));
        Assert.Single(_sink.Messages);
    }

    [Fact]
    public async Task Nothing_is_sent_or_settled_while_no_smtp_host_or_sender_is_configured()
    {
        await SetEmailAsync("zhangwei", "zhangwei@police.shuangpai.test");
        var ids = await _portal.NotifyAsync("zhangwei", 1);
        Assert.Equal(MailRun.None, await SendAsync(Options(host: "")));
        Assert.Equal(MailRun.None, await SendAsync(Options(host: null)));
        var noSender = Options();
        noSender.From = "";
        Assert.Equal(MailRun.None, await SendAsync(noSender));
        Assert.Empty(_sink.Messages);
        Assert.Null((await RowAsync(ids[0])).EmailedAt);
    }

    [Fact]
    public async Task Notifications_older_than_a_day_when_mail_is_switched_on_are_settled_without_mailing()
    {
        await SettleDemoBacklogAsync();
        await SetEmailAsync("wangqiang", "wangqiang@police.shuangpai.test");
        var old = await _portal.NotifyAsync("wangqiang", 1, "旧通知");
        _portal.Clock.Advance(NotificationMailer.MaxAge + TimeSpan.FromMinutes(1));
        await _portal.NotifyAsync("wangqiang", 1, "新通知");

        Assert.Equal(new MailRun(1, 1), await SendAsync(Options()));
        Assert.Equal("新通知1", _sink.Messages.Single().Subject);
        Assert.NotNull((await RowAsync(old[0])).EmailedAt);
    }

    [Fact]
    public async Task An_unreachable_server_leaves_the_notifications_for_the_next_run()
    {
        await SettleDemoBacklogAsync();
        await SetEmailAsync("zhaomin", "zhaomin@centre.shuangpai.test");
        var ids = await _portal.NotifyAsync("zhaomin", 1);
        var closed = Options();
        closed.Port = ClosedPort();

        Assert.Equal(new MailRun(0, 0, Complete: false), await SendAsync(closed)); // the job fails, so Hangfire retries it
        Assert.Null((await RowAsync(ids[0])).EmailedAt);
        Assert.Equal(new MailRun(1, 0), await SendAsync(Options()));
    }

    private static int ClosedPort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private sealed class FixedOptions(SmtpOptions value) : IOptionsMonitor<SmtpOptions>
    {
        public SmtpOptions CurrentValue => value;
        public SmtpOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<SmtpOptions, string?> listener) => null;
    }
}

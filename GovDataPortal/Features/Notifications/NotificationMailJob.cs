using Hangfire;

namespace GovDataPortal.Features.Notifications;

/// <summary>
/// Every minute, half a minute after the flow-timer sweep in spirit (cron has minute resolution): mail pending
/// notifications. When the mail server is down the run fails and Hangfire retries it after 10 s, 30 s, 1 min …; the
/// notifications stay pending in the portal's table until a run gets them out, so none is lost, and each is marked
/// mailed in the transaction that sent it, so none goes out twice.
/// </summary>
public sealed class NotificationMailJob(NotificationMailer mailer, ILogger<NotificationMailJob> logger)
{
    public const string Id = "notification-mail";
    public const string Cron = "* * * * *";

    [AutomaticRetry(Attempts = 8, DelaysInSeconds = [10, 30, 60, 120, 300, 600, 1200, 1800])]
    // A run that finds another still sending gives up after a minute and is retried, rather than holding a worker.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken ct)
    {
        var run = await mailer.SendPendingAsync(ct);
        if (run.Sent > 0) logger.LogInformation("通知邮件：已发送 {Count} 封。", run.Sent);
        if (!run.Complete) throw new MailServerUnavailableException();
    }
}

/// <summary>Thrown so that Hangfire records the failed run and retries it; the message is what the dashboard shows.</summary>
public sealed class MailServerUnavailableException() : Exception("邮件服务器暂时不可用，未发送的通知将自动重试。");

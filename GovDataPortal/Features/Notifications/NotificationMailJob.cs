using Hangfire;

namespace GovDataPortal.Features.Notifications;

/// <summary>
/// Every minute: mail pending notifications. When the mail server is down the run fails and Hangfire retries it after
/// 10 s and 30 s (then the next minute's run carries on); the notifications stay pending in the portal's table until a
/// run gets them out, so none is lost, and each is marked mailed in the transaction that sent it, so none goes out
/// twice. Runs may overlap: each claims its own batch with SKIP LOCKED.
/// </summary>
public sealed class NotificationMailJob(NotificationMailer mailer, ILogger<NotificationMailJob> logger)
{
    public const string Id = "notification-mail";
    public const string Cron = "* * * * *";

    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [10, 30], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken ct)
    {
        var run = await mailer.SendPendingAsync(ct);
        if (run.Sent > 0) logger.LogInformation("通知邮件：已发送 {Count} 封。", run.Sent);
        // A node shutting down is no mail-server failure: the next run simply carries on.
        if (!run.Complete && !ct.IsCancellationRequested) throw new MailServerUnavailableException();
    }
}

/// <summary>Thrown so that Hangfire records the failed run and retries it; the message is what the dashboard shows.</summary>
public sealed class MailServerUnavailableException() : Exception("邮件服务器暂时不可用，未发送的通知将自动重试。");

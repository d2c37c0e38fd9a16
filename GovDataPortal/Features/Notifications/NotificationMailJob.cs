using Quartz;

namespace GovDataPortal.Features.Notifications;

/// <summary>
/// Every minute, half a minute after the flow-timer sweep (so its reminders go out the same minute): mail pending
/// notifications. A thin shell over <see cref="NotificationMailer"/>, which does nothing while Smtp:Host is empty.
/// </summary>
[DisallowConcurrentExecution]
public sealed class NotificationMailJob(NotificationMailer mailer, ILogger<NotificationMailJob> logger) : IJob
{
    public static readonly JobKey Key = new("notification-mail", "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var run = await mailer.SendPendingAsync(ct);
        if (run.Sent > 0) logger.LogInformation("通知邮件：已发送 {Count} 封。", run.Sent);
    }

    public static void Schedule(IQuartzBuilder q)
    {
        q.AddJob<NotificationMailJob>(j => j.WithIdentity(Key).StoreDurably().WithDescription("通知邮件发送"));
        q.AddTrigger<NotificationMailJob>(t => t.ForJob(Key).WithIdentity("notification-mail-every-minute", "notifications")
            .WithCronSchedule("30 * * * * ?"));
    }
}

using GovDataPortal.Features.Notifications;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Features.Notifications;
using GovDataPortal.Tests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Infrastructure.Jobs;

/// <summary>
/// A real Hangfire server against the test database: the recurring jobs are declared on Beijing time, and a mail run
/// that meets a mail server that is down is retried automatically, so the notification still arrives, once.
/// Each test builds its own portal (the SMTP port is part of its settings).
/// </summary>
public class HangfireJobsTests
{
    private sealed class JobsPortal(int smtpPort) : PortalFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:WorkerCount"] = "4",
            ["Jobs:PollInterval"] = "00:00:01",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:From"] = "portal@shuangpai.test",
        };
    }

    private static async Task WithPortalAsync(int smtpPort, Func<PortalFixture, Task> test)
    {
        var portal = new JobsPortal(smtpPort);
        await portal.InitializeAsync();
        try { await test(portal); }
        finally { await portal.DisposeAsync(); }
    }

    [Fact]
    public Task Recurring_jobs_are_declared_on_Beijing_time() => WithPortalAsync(1, portal =>
    {
        using var connection = portal.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);

        Assert.Equal("* * * * *", jobs[FlowTimerJob.Id].Cron);
        Assert.Equal("* * * * *", jobs[NotificationMailJob.Id].Cron);
        Assert.Equal("30 1 * * *", jobs[GovDataPortal.Features.Audit.AuditChainHeadJob.Id].Cron);
        Assert.All(jobs.Values, j => Assert.Equal(ChinaTime.Zone.Id, j.TimeZoneId));
        return Task.CompletedTask;
    });

    [Fact]
    public async Task A_mail_server_that_is_down_for_a_while_loses_no_notification_and_sends_it_once()
    {
        int port;
        await using (var first = new SmtpSink()) port = first.Port; // a port that answers nothing now
        await WithPortalAsync(port, async portal =>
        {
            await SettleBacklogAsync(portal);
            await using (var db = await portal.DbAsync())
                await db.Users.Where(u => u.UserName == "zhaomin")
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "zhaomin@centre.shuangpai.test"));
            var id = (await portal.NotifyAsync("zhaomin", 1, title: "服务器恢复后送达")).Single();

            var jobId = portal.Services.GetRequiredService<IBackgroundJobClient>()
                .Enqueue<NotificationMailJob>(j => j.RunAsync(CancellationToken.None));
            await WaitUntilAsync(portal, jobId, () => Task.FromResult(RetryCount(portal, jobId)), n => n >= 1, TimeSpan.FromSeconds(30));
            Assert.Null(await EmailedAtAsync(portal, id)); // nothing lost: still pending

            await using var sink = new SmtpSink(port);
            await WaitUntilAsync(portal, jobId, () => Task.FromResult(sink.Messages.Count), n => n >= 1, TimeSpan.FromSeconds(90));
            await Task.Delay(TimeSpan.FromSeconds(3)); // any duplicate would arrive by now

            Assert.Single(sink.Messages, m => m.Subject == "服务器恢复后送达1");
            Assert.NotNull(await EmailedAtAsync(portal, id));
        });
    }

    private static async Task SettleBacklogAsync(PortalFixture portal)
    {
        await using var db = await portal.DbAsync();
        await db.Notifications.ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailedAt, portal.Clock.GetUtcNow()));
    }

    private static async Task<DateTimeOffset?> EmailedAtAsync(PortalFixture portal, long id)
    {
        await using var db = await portal.DbAsync();
        return await db.Notifications.Where(n => n.Id == id).Select(n => n.EmailedAt).SingleAsync();
    }

    private static int RetryCount(PortalFixture portal, string jobId)
    {
        using var connection = portal.Services.GetRequiredService<JobStorage>().GetConnection();
        return int.TryParse(connection.GetJobParameter(jobId, "RetryCount"), out var n) ? n : 0;
    }

    /// <summary>Polls until done; on time-out fails with the job's state history and what the workers are doing.</summary>
    private static async Task WaitUntilAsync<T>(PortalFixture portal, string jobId, Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        T value;
        while (!done(value = await read()))
        {
            if (DateTime.UtcNow > until) Assert.Fail($"still {value} after {timeout.TotalSeconds} s\n{Diagnose(portal, jobId)}");
            await Task.Delay(250);
        }
    }

    private static string Diagnose(PortalFixture portal, string jobId)
    {
        var api = portal.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var processing = api.ProcessingJobs(0, 10).Select(p => $"{p.Value.Job?.Type.Name}.{p.Value.Job?.Method.Name} since {p.Value.StartedAt:O}");
        var history = api.JobDetails(jobId).History.Select(h => $"{h.CreatedAt:O} {h.StateName} {h.Reason}");
        return $"processing: {string.Join("; ", processing)}\nhistory:\n{string.Join("\n", history)}";
    }
}

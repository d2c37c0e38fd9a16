using Hangfire;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// Daily at 09:00 Beijing time: from 1 October, reminds departments of published entries not fully reviewed this year
/// (hubei Art. 11). A thin shell: the service decides per department under a lock and records the reminder in the same
/// transaction, so a re-delivered or overlapping run sends nothing twice.
/// </summary>
public sealed class MaintenanceReminderJob(MaintenanceService service)
{
    public const string Id = "catalogue-maintenance-reminders";
    public const string Cron = "0 9 * * *";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task RunAsync(CancellationToken ct) => service.RemindAsync(ct);
}

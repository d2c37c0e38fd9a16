using Hangfire;

namespace GovDataPortal.Features.Workflow;

/// <summary>
/// Every minute: fire due flow timers (reminders, escalation, deemed approval). A thin shell: the engine claims the
/// timers with FOR UPDATE SKIP LOCKED and records each effect in the same transaction, so a second run — another node,
/// or Hangfire re-delivering the job after a node died — finds nothing left to do.
/// </summary>
public sealed class FlowTimerJob(FlowTimerSweep sweep, ILogger<FlowTimerJob> logger)
{
    public const string Id = "flow-timers";
    public const string Cron = "* * * * *";

    // The next minute's run picks up whatever this one left: no retries to pile up, no failed runs kept. Two runs at
    // once are harmless (each claims other timers), so no lock holds a worker waiting.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken ct)
    {
        var fired = await sweep.SweepAsync($"{Environment.MachineName}:{Environment.ProcessId}", ct);
        if (fired > 0) logger.LogInformation("流程计时器：已处理 {Count} 个到期计时器。", fired);
    }
}

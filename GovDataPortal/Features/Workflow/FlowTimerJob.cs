using Quartz;

namespace GovDataPortal.Features.Workflow;

/// <summary>Every minute: fire due flow timers. A thin shell; the engine does the claiming and the work.</summary>
[DisallowConcurrentExecution]
public sealed class FlowTimerJob(WorkflowEngine engine, ILogger<FlowTimerJob> logger) : IJob
{
    public static readonly JobKey Key = new("flow-timers", "workflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var fired = await engine.SweepAsync($"{Environment.MachineName}:{Environment.ProcessId}", ct);
        if (fired > 0) logger.LogInformation("流程计时器：已处理 {Count} 个到期计时器。", fired);
    }

    public static void Schedule(IQuartzBuilder q)
    {
        q.AddJob<FlowTimerJob>(j => j.WithIdentity(Key).StoreDurably().WithDescription("流程期限提醒、督办与视为同意"));
        q.AddTrigger<FlowTimerJob>(t => t.ForJob(Key).WithIdentity("flow-timers-every-minute", "workflow")
            .WithCronSchedule("0 * * * * ?"));
    }
}

using GovDataPortal.Features.Notifications;
using GovDataPortal.Infrastructure.Jobs;

namespace GovDataPortal.Features.Workflow;

public static class WorkflowSetup
{
    public static IServiceCollection AddWorkflow(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<WorkflowOptions>(config.GetSection(WorkflowOptions.Section));
        services.AddScoped<WorkflowEngine>();
        services.AddSingleton<Notifier>();
        services.AddRecurringJob<FlowTimerJob>(FlowTimerJob.Id, FlowTimerJob.Cron, j => j.RunAsync(CancellationToken.None));
        return services;
    }
}

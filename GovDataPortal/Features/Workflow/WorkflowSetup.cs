using GovDataPortal.Features.Notifications;
using GovDataPortal.Infrastructure.Jobs;

namespace GovDataPortal.Features.Workflow;

public static class WorkflowSetup
{
    public static IServiceCollection AddWorkflow(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<WorkflowOptions>(config.GetSection(WorkflowOptions.Section));
        services.AddScoped<FlowRuntime>();
        services.AddSingleton<FlowDeadlines>();
        services.AddScoped<FlowAssignees>();
        services.AddScoped<FlowRouter>();
        services.AddScoped<FlowDecisions>();
        services.AddScoped<FlowExtensions>();
        services.AddScoped<FlowParties>();
        services.AddScoped<FlowTimerSweep>();
        services.AddScoped<FlowReader>();
        services.AddScoped<WorkflowEngine>();
        services.AddSingleton<Notifier>();
        services.AddRecurringJob<FlowTimerJob>(FlowTimerJob.Id, FlowTimerJob.Cron, j => j.RunAsync(CancellationToken.None));
        return services;
    }
}

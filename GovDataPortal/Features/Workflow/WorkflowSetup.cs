using GovDataPortal.Features.Notifications;

namespace GovDataPortal.Features.Workflow;

public static class WorkflowSetup
{
    public static IServiceCollection AddWorkflow(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<WorkflowOptions>(config.GetSection(WorkflowOptions.Section));
        services.AddScoped<WorkflowEngine>();
        services.AddSingleton<Notifier>();
        return services;
    }
}

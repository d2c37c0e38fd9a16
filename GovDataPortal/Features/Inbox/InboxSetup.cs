using GovDataPortal.Features.Notifications;
using GovDataPortal.Infrastructure.Jobs;

namespace GovDataPortal.Features.Inbox;

/// <summary>The inbox, notifications and their e-mail delivery: one registration, one set of endpoints, one job.</summary>
public static class InboxSetup
{
    public static IServiceCollection AddInbox(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SmtpOptions>(config.GetSection(SmtpOptions.Section));
        services.AddScoped<InboxService>();
        services.AddScoped<UserNotificationService>();
        services.AddScoped<NotificationMailer>();
        // Features add their subject pages with AddFlowSubjectLink (DataChecks: "DataCheckRequest" → data-checks/{id}).
        services.AddSingleton<IFlowSubjectLinks, FlowSubjectLinks>();
        // Idle while Smtp:Host is empty.
        services.AddRecurringJob<NotificationMailJob>(NotificationMailJob.Id, NotificationMailJob.Cron, j => j.RunAsync(CancellationToken.None));
        return services;
    }

    public static RouteGroupBuilder MapInboxEndpoints(this RouteGroupBuilder api)
    {
        InboxEndpoints.Map(api);
        NotificationEndpoints.Map(api);
        return api;
    }
}

using GovDataPortal.Infrastructure.Jobs;

namespace GovDataPortal.Features.Sharing.Grants;

/// <summary>The grants part of sharing (called from <see cref="SharingSetup"/>).</summary>
public static class GrantSetup
{
    public static IServiceCollection AddGrants(this IServiceCollection services)
    {
        services.AddOptions<GrantOptions>().BindConfiguration(GrantOptions.Section);
        services.AddScoped<GrantService>();
        services.AddScoped<GrantExport>();
        services.AddScoped<GrantJobs>();
        services.AddRecurringJob<GrantExpiryJob>(GrantExpiryJob.Id, GrantExpiryJob.Cron, j => j.RunAsync(CancellationToken.None));
        services.AddRecurringJob<GrantReminderJob>(GrantReminderJob.Id, GrantReminderJob.Cron, j => j.RunAsync(CancellationToken.None));
        return services;
    }
}

using GovDataPortal.Infrastructure.Jobs;

namespace GovDataPortal.Features.Audit;

/// <summary>The audit log's services: writing, reading, refused-access records and the nightly chain-head job.</summary>
public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditQueryService>();
        services.AddSingleton<RefusalAudit>();
        services.AddRecurringJob<AuditChainHeadJob>(AuditChainHeadJob.Id, AuditChainHeadJob.Cron, j => j.RunAsync(CancellationToken.None));
        return services;
    }
}

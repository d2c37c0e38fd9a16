using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GovDataPortal.Infrastructure;

public sealed class DatabaseHealthCheck(IDbContextFactory<PortalDbContext> factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy("数据库连接正常")
                : HealthCheckResult.Unhealthy("无法连接数据库");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("无法连接数据库", e);
        }
    }
}

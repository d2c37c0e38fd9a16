using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace GovDataPortal.Features.Audit;

/// <summary>
/// Daily: verifies the audit chain and writes its head (id and hash) to the application log. A rewrite of the whole
/// chain then no longer matches the heads already logged elsewhere.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AuditChainHeadJob(IDbContextFactory<PortalDbContext> factory, ILogger<AuditChainHeadJob> logger) : IJob
{
    public static readonly JobKey Key = new("audit-chain-head", "audit");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var report = await AuditChain.VerifyAsync(db, ct);
        if (report.IsIntact)
            logger.LogInformation("审计日志链头：第 {Id} 条，哈希 {Hash}", report.CheckedCount, report.HeadHash);
        else
            logger.LogCritical("审计日志哈希链校验失败：{Report}", report.Describe());
    }

    public static void Schedule(IQuartzBuilder q)
    {
        q.AddJob<AuditChainHeadJob>(j => j.WithIdentity(Key).StoreDurably().WithDescription("审计日志链头记录"));
        q.AddTrigger<AuditChainHeadJob>(t => t.ForJob(Key).WithIdentity("audit-chain-head-daily", "audit")
            .WithCronSchedule("0 30 1 * * ?", c => c.InTimeZone(ChinaTime.Zone)));
    }
}

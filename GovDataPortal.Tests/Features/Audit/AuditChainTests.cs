using GovDataPortal.Features.Audit;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GovDataPortal.Tests.Features.Audit;

public class AuditChainTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const int Writers = 100;

    [Fact]
    public async Task Seeded_chain_verifies_and_ids_have_no_gaps()
    {
        await using var db = await portal.DbAsync();
        var report = await AuditChain.VerifyAsync(db, default);
        Assert.True(report.IsIntact, report.Describe());
        Assert.Equal(await db.AuditRecords.CountAsync(), report.CheckedCount);
        Assert.True(report.CheckedCount > 10);
    }

    [Fact]
    public async Task Chain_verifies_after_100_concurrent_audited_writes()
    {
        List<int> departments;
        long before, updatesBefore;
        await using (var db = await portal.DbAsync())
        {
            departments = await db.Departments.OrderBy(d => d.Id).Select(d => d.Id).ToListAsync();
            before = await db.AuditRecords.LongCountAsync();
            updatesBefore = await db.AuditRecords.LongCountAsync(a => a.Action == AuditActions.Update && a.EntityType == "Department");
        }

        // Each writer is its own scope (request or circuit): one renames a department through the audit interceptor,
        // the rest write an event through AuditLog. All of them race for the head of the chain.
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() =>
            i < departments.Count ? RenameDepartmentAsync(departments[i], i) : WriteEventAsync(i))));

        await using var check = await portal.DbAsync();
        var report = await AuditChain.VerifyAsync(check, default);
        var (count, min, max) = (await check.AuditRecords.LongCountAsync(), await check.AuditRecords.MinAsync(a => a.Id),
            await check.AuditRecords.MaxAsync(a => a.Id));
        Assert.True(report.IsIntact, report.Describe());
        Assert.Equal(before + Writers, count);
        Assert.Equal((1L, count), (min, max));
        Assert.Equal(count, report.CheckedCount);
        Assert.Equal(updatesBefore + departments.Count,
            await check.AuditRecords.LongCountAsync(a => a.Action == AuditActions.Update && a.EntityType == "Department"));
    }

    [Fact]
    public async Task The_daily_head_job_logs_the_id_and_hash_of_the_last_record()
    {
        await using var scope = portal.AnonymousScope();
        var logger = new CapturingLogger<AuditChainHeadJob>();
        AuditRecord head;
        await using (var db = await portal.DbAsync())
            head = await db.AuditRecords.AsNoTracking().OrderByDescending(a => a.Id).FirstAsync();

        await new AuditChainHeadJob(scope.Get<IDbContextFactory<PortalDbContext>>(), logger).RunAsync(default);

        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, level);
        Assert.Contains($"第 {head.Id} 条", message);
        Assert.Contains(head.Hash, message);
    }

    private async Task RenameDepartmentAsync(int departmentId, int i)
    {
        await using var scope = await portal.ScopeAsAsync("admin", $"10.0.0.{i}");
        await using var db = await scope.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var department = await db.Departments.SingleAsync(d => d.Id == departmentId);
        department.Name += "（并发改名）";
        await db.SaveChangesAsync();
    }

    private async Task WriteEventAsync(int i)
    {
        await using var scope = await portal.ScopeAsAsync(i % 2 == 0 ? "zhangwei" : "liuyang", $"10.0.1.{i}");
        await scope.Get<AuditLog>().WriteAsync(AuditActions.Export, new { 序号 = i });
    }
}

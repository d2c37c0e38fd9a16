using GovDataPortal.Features.Audit;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GovDataPortal.Tests.Features.Audit;

/// <summary>
/// The log is append-only in the database (trigger in the Initial migration) and tamper-evident beyond it (hash chain):
/// whoever switches the triggers off still cannot change a record without verification naming where.
/// Each test works on its own copy of the seeded database.
/// </summary>
public class AuditTamperingTests
{
    private const string InsufficientPrivilege = "42501";

    [Theory]
    [InlineData("UPDATE audit_records SET \"Summary\" = '{}' WHERE \"Id\" = $1")]
    [InlineData("UPDATE audit_records SET \"UserName\" = 'someone-else', \"Hash\" = \"Hash\" WHERE \"Id\" = $1")]
    [InlineData("DELETE FROM audit_records WHERE \"Id\" = $1")]
    public async Task Changing_or_deleting_a_record_through_raw_sql_is_refused_and_the_row_is_unchanged(string sql)
    {
        await using var database = await ScratchDatabase.CreateAsync();
        var before = await database.RecordAsync(3);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => database.ExecuteAsync(sql, 3L));

        Assert.Equal(InsufficientPrivilege, refused.SqlState);
        Assert.Contains("审计日志只允许追加", refused.MessageText);
        Assert.Equivalent(before, await database.RecordAsync(3));
        Assert.True((await database.VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Truncating_the_log_is_refused_and_every_row_stays()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        var count = await database.CountAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => database.ExecuteAsync("TRUNCATE audit_records"));

        Assert.Equal(InsufficientPrivilege, refused.SqlState);
        Assert.Equal(count, await database.CountAsync());
    }

    [Fact]
    public async Task A_summary_changed_with_triggers_disabled_is_reported_at_that_record()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        var k = await database.CountAsync() / 2;

        await database.TamperAsync("UPDATE audit_records SET \"Summary\" = $1 WHERE \"Id\" = $2", """{"原因":"已篡改"}""", k);

        var report = await database.VerifyAsync();
        Assert.False(report.IsIntact);
        Assert.Equal(k, report.FirstBrokenId);
        Assert.Equal(k - 1, report.CheckedCount);
        Assert.Contains("记录已被改动", report.Describe());
    }

    [Fact]
    public async Task A_deleted_middle_record_is_reported_at_the_gap()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        var k = await database.CountAsync() / 2;

        await database.TamperAsync("DELETE FROM audit_records WHERE \"Id\" = $1", k);

        var report = await database.VerifyAsync();
        Assert.False(report.IsIntact);
        Assert.Equal(k + 1, report.FirstBrokenId);
        Assert.Contains($"缺少第 {k} 条记录", report.Problem);
    }

    [Fact]
    public async Task A_record_rewritten_with_a_recomputed_hash_is_reported_at_the_next_record()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        var k = await database.CountAsync() / 2;
        var record = await database.RecordAsync(k);
        record.Summary = """{"原因":"连同哈希一起篡改"}""";
        record.Hash = record.ComputeHash();

        await database.TamperAsync("UPDATE audit_records SET \"Summary\" = $1, \"Hash\" = $2 WHERE \"Id\" = $3", record.Summary, record.Hash, k);

        var report = await database.VerifyAsync();
        Assert.False(report.IsIntact);
        Assert.Equal(k + 1, report.FirstBrokenId);
        Assert.Equal(k, report.CheckedCount); // record k itself is self-consistent now
        Assert.Contains("前序哈希", report.Problem);
    }

    [Fact]
    public async Task The_daily_head_job_logs_a_critical_message_naming_the_broken_record_and_fails()
    {
        await using var database = await ScratchDatabase.CreateAsync();
        await database.TamperAsync("UPDATE audit_records SET \"IpAddress\" = '10.0.0.66' WHERE \"Id\" = $1", 2L);
        var logger = new CapturingLogger<AuditChainHeadJob>();

        var failure = await Assert.ThrowsAsync<AuditChainBrokenException>(() => new AuditChainHeadJob(database, logger).RunAsync(default));

        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Critical, level);
        Assert.Contains("第 2 条记录处断开", message);
        Assert.Contains("第 2 条记录处断开", failure.Message); // the dashboard shows the run as failed, with the reason
    }
}

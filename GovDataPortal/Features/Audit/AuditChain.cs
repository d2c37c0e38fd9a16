using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Audit;

/// <summary>Appends records to the hash chain and verifies it.</summary>
public static class AuditChain
{
    // Any constant works; it only has to be the same for every writer.
    private const long ChainLockKey = 0x6764705f61756469; // "gdp_audi"

    /// <summary>
    /// Links and inserts <paramref name="records"/> inside the caller's open transaction. The advisory lock serialises
    /// writers until that transaction ends, so the head read here is the real head and ids have no gaps.
    /// </summary>
    public static async Task AppendAsync(PortalDbContext db, IReadOnlyList<AuditRecord> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Audit records must be appended inside a transaction.");

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", ct);
        var head = await db.AuditRecords.AsNoTracking().OrderByDescending(a => a.Id)
            .Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(ct);
        var (id, previous) = head is null ? (0L, AuditRecord.GenesisHash) : (head.Id, head.Hash);

        foreach (var r in records)
        {
            r.Id = ++id;
            r.OccurredAt = AuditRecord.ToStoredPrecision(r.OccurredAt);
            r.PreviousHash = previous;
            r.Hash = previous = r.ComputeHash();
        }
        // Many rows per statement: a timer sweep or a bulk change appends hundreds at once.
        await BulkInsert.RowsAsync(db, "audit_records", Columns, records.Select(r => new object?[]
        {
            r.Id, r.OccurredAt, r.UserId, r.UserName, r.DepartmentId, r.IpAddress, r.Action, r.EntityType, r.EntityId,
            r.Summary, r.PreviousHash, r.Hash,
        }), ct);
    }

    private static readonly string[] Columns =
        ["Id", "OccurredAt", "UserId", "UserName", "DepartmentId", "IpAddress", "Action", "EntityType", "EntityId", "Summary", "PreviousHash", "Hash"];

    /// <summary>Walks the chain in id order and reports the first record that does not link or hash correctly.</summary>
    public static async Task<AuditChainReport> VerifyAsync(PortalDbContext db, CancellationToken ct, int batchSize = 5000)
    {
        var previous = AuditRecord.GenesisHash;
        long expectedId = 0, checkedCount = 0;
        while (true)
        {
            var batch = await db.AuditRecords.AsNoTracking().Where(a => a.Id > expectedId)
                .OrderBy(a => a.Id).Take(batchSize).ToListAsync(ct);
            if (batch.Count == 0) return AuditChainReport.Intact(checkedCount, previous);
            foreach (var r in batch)
            {
                var problem = r.Id != expectedId + 1 ? $"缺少第 {expectedId + 1} 条记录（下一条为第 {r.Id} 条）"
                    : r.PreviousHash != previous ? "前序哈希与上一条记录不一致"
                    : r.Hash != r.ComputeHash() ? "记录内容与其哈希不符，记录已被改动"
                    : null;
                if (problem is not null) return AuditChainReport.Broken(checkedCount, r.Id, problem);
                previous = r.Hash;
                expectedId = r.Id;
                checkedCount++;
            }
        }
    }
}

public sealed record AuditChainReport(bool IsIntact, long CheckedCount, long? FirstBrokenId, string? Problem, string? HeadHash)
{
    public static AuditChainReport Intact(long count, string head) => new(true, count, null, null, head);
    public static AuditChainReport Broken(long count, long id, string problem) => new(false, count, id, problem, null);

    public string Describe() => IsIntact
        ? $"审计日志哈希链完整，共校验 {CheckedCount} 条记录。"
        : $"审计日志哈希链在第 {FirstBrokenId} 条记录处断开：{Problem}。";
}

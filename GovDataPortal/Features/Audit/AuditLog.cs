using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Audit;

/// <summary>Writes audit records for events that are not entity changes: sign-in, sign-out, lockout, export.</summary>
public sealed class AuditLog(IDbContextFactory<PortalDbContext> factory, CurrentActor actor, TimeProvider clock)
{
    public Task WriteAsync(string action, object summary, CancellationToken ct = default) =>
        WriteAsync(action, null, null, summary, ct);

    public async Task WriteAsync(string action, string? entityType, string? entityId, object summary, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AuditChain.AppendAsync(db, [AuditInterceptor.NewRecord(actor, clock, action, entityType, entityId, summary)], ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>For events before a principal exists (a failed sign-in): the named user, as far as it is known.</summary>
    public async Task WriteForUserAsync(string action, string? userId, string userName, int? departmentId, string? ip,
        object summary, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var record = AuditInterceptor.NewRecord(actor, clock, action, "PortalUser", userId, summary);
        record.UserId = userId;
        record.UserName = userName;
        record.DepartmentId = departmentId;
        record.IpAddress = ip ?? record.IpAddress;
        await AuditChain.AppendAsync(db, [record], ct);
        await tx.CommitAsync(ct);
    }
}

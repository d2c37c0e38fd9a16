using System.Text.Json;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Tokens;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GovDataPortal.Features.Audit;

/// <summary>
/// Writes an audit record for every create/update/delete of business data, role change and token issue/revoke,
/// in the same transaction as the change, so a change without its record (or the reverse) can never be committed.
/// Records are built after the save so generated keys are known. Synchronous SaveChanges is refused: it would
/// bypass the log.
/// </summary>
public sealed class AuditInterceptor(CurrentActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> HiddenProperties =
    [
        nameof(PortalUser.PasswordHash), nameof(PortalUser.SecurityStamp), nameof(PortalUser.ConcurrencyStamp),
        nameof(PortalUser.NormalizedEmail), nameof(PortalUser.NormalizedUserName), nameof(PersonalAccessToken.TokenHash),
    ];

    // Book-keeping that changes on every sign-in or API call; recording it would drown the log.
    private static readonly HashSet<string> NoiseProperties =
    [
        nameof(PortalUser.AccessFailedCount), nameof(PortalUser.LockoutEnd), nameof(PortalUser.LastSignInAt),
        nameof(PortalUser.SecurityStamp), nameof(PortalUser.ConcurrencyStamp), nameof(PersonalAccessToken.LastUsedAt),
        // A share request's copy of its open step's deadline: the flow engine audits the step itself.
        nameof(Sharing.ShareRequest.CurrentDueAt),
    ];

    private sealed record Pending(EntityEntry Entry, string Action, Dictionary<string, object?> Changes);

    // Keyed by context: one scope may save several contexts, and nothing guarantees they never overlap.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<DbContext, (List<Pending> Items, bool OwnsTransaction)> _inFlight = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw new NotSupportedException("请使用 SaveChangesAsync：同步保存无法写入审计日志。");

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is not PortalDbContext db) return result;
        var pending = db.ChangeTracker.Entries().Select(Describe).OfType<Pending>().ToList();
        if (pending.Count == 0) return result;

        var owns = db.Database.CurrentTransaction is null;
        if (owns) await db.Database.BeginTransactionAsync(ct);
        _inFlight[db] = (pending, owns);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is not PortalDbContext db || !_inFlight.TryRemove(db, out var state)) return result;
        var records = state.Items.Select(p => ToRecord(p)).ToList();
        await AuditChain.AppendAsync(db, records, ct);
        if (state.OwnsTransaction) await db.Database.CommitTransactionAsync(ct);
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is not PortalDbContext db || !_inFlight.TryRemove(db, out var state) || !state.OwnsTransaction) return;
        // A failed command may already have ended the transaction; the original error is what the caller must see.
        if (db.Database.CurrentTransaction is { } tx)
            try { await tx.RollbackAsync(ct); }
            catch (ObjectDisposedException) { }
            finally { await tx.DisposeAsync(); }
    }

    private static Pending? Describe(EntityEntry e) => (e.Entity, e.State) switch
    {
        (AuditRecord, _) => null,
        (IdentityUserRole<string>, EntityState.Added) => new(e, AuditActions.RoleGranted, Values(e)),
        (IdentityUserRole<string>, EntityState.Deleted) => new(e, AuditActions.RoleRevoked, Values(e)),
        (PersonalAccessToken, EntityState.Added) => new(e, AuditActions.TokenIssued, Values(e)),
        (PersonalAccessToken t, EntityState.Modified) when e.Property(nameof(t.RevokedAt)).IsModified
            => new(e, AuditActions.TokenRevoked, Values(e)),
        (IAudited or PortalUser, EntityState.Added) => new(e, AuditActions.Create, Values(e)),
        (IAudited or PortalUser, EntityState.Deleted) => new(e, AuditActions.Delete, Values(e)),
        (IAudited or PortalUser, EntityState.Modified) => Modified(e),
        _ => null,
    };

    private static Pending? Modified(EntityEntry e)
    {
        var changes = e.Properties
            .Where(p => p.IsModified && !NoiseProperties.Contains(p.Metadata.Name) && !Equals(p.OriginalValue, p.CurrentValue))
            .ToDictionary(p => p.Metadata.Name, p => Shown(p.Metadata.Name, (object?)new { 原值 = p.OriginalValue, 新值 = p.CurrentValue }));
        // A password change is worth a line, but never its hash. Identity saves the whole user row on every sign-in
        // (failed count, stamps, LastSignInAt), marking every property modified: only a hash that really differs from
        // the one read is a change.
        // Type check first: e.Property throws for an entity without that property (every IAudited one).
        if (e.Entity is PortalUser && e.Property(nameof(PortalUser.PasswordHash)) is { IsModified: true } hash
            && !Equals(hash.OriginalValue, hash.CurrentValue))
            changes[nameof(PortalUser.PasswordHash)] = "已修改";
        return changes.Count == 0 ? null : new(e, AuditActions.Update, changes);
    }

    // Read through the value snapshot rather than a PropertyEntry per property: a sweep describes hundreds of rows.
    private static Dictionary<string, object?> Values(EntityEntry e)
    {
        var values = e.State == EntityState.Deleted ? e.OriginalValues : e.CurrentValues;
        return values.Properties.Where(p => !NoiseProperties.Contains(p.Name) || p.Name == nameof(PortalUser.LockoutEnd))
            .ToDictionary(p => p.Name, p => Shown(p.Name, values[p]));
    }

    private static object? Shown(string property, object? value) => value switch
    {
        _ when HiddenProperties.Contains(property) => "***",
        // File contents stay out of the log; their size and fingerprint identify them.
        byte[] bytes => new { 字节数 = bytes.Length, SHA256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) },
        _ => value,
    };

    private AuditRecord ToRecord(Pending p)
    {
        var key = p.Entry.Metadata.FindPrimaryKey()!.Properties
            .Select(k => p.Entry.Property(k.Name).CurrentValue ?? p.Entry.Property(k.Name).OriginalValue);
        // A new row's generated key is only known now, after the save.
        foreach (var k in p.Entry.Metadata.FindPrimaryKey()!.Properties)
            if (p.Changes.ContainsKey(k.Name)) p.Changes[k.Name] = p.Entry.Property(k.Name).CurrentValue;
        return NewRecord(actor, clock, p.Action, AuditEntityTypes.KeyOf(p.Entry.Metadata.ClrType), string.Join(",", key), p.Changes);
    }

    internal static AuditRecord NewRecord(CurrentActor actor, TimeProvider clock, string action, string? entityType,
        string? entityId, object summary) => new()
    {
        OccurredAt = clock.GetUtcNow(),
        UserId = actor.UserId,
        UserName = actor.UserName,
        DepartmentId = actor.DepartmentId,
        IpAddress = actor.IpAddress,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Summary = JsonSerializer.Serialize(summary, AuditJson.Options),
    };
}

internal static class AuditJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        // Chinese stays readable in the stored JSON and in the export.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

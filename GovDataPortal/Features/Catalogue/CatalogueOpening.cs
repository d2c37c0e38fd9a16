using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Catalogue;

/// <summary>Why an entry's opening is on hold (hubei Art. 28: 中止开放 on an objection, then 撤回 or reopened).</summary>
public enum OpeningHold
{
    /// <summary>中止开放: an objection was received; the provider verifies.</summary>
    Suspended = 1,
    /// <summary>撤回: the provider withdrew the data from opening after verifying an objection.</summary>
    Withdrawn = 2,
}

/// <summary>The opening of a published entry as open data sees it.</summary>
public sealed record OpenableEntry(long Id, OpenType? OpenType, OpeningHold? Hold);

/// <summary>
/// The catalogue's contract for open data (features never write each other's tables): an entry's open type and the
/// hold on its opening (hubei Art. 28: 中止开放 on receipt of an objection, then withdrawn or restored). Every call works
/// in the caller's unit of work, so the hold and the objection that caused it are saved together.
/// </summary>
public interface ICatalogueOpening
{
    Task<OpenableEntry?> OpenableAsync(PortalDbContext db, long entryId, CancellationToken ct);

    Task SuspendAsync(PortalDbContext db, long entryId, string reason, CancellationToken ct);

    Task RestoreAsync(PortalDbContext db, long entryId, string reason, CancellationToken ct);

    Task WithdrawAsync(PortalDbContext db, long entryId, string reason, CancellationToken ct);
}

internal sealed class CatalogueOpening(TimeProvider clock) : ICatalogueOpening
{
    public async Task<OpenableEntry?> OpenableAsync(PortalDbContext db, long entryId, CancellationToken ct) =>
        await db.CatalogueEntries.AsNoTracking().Where(e => e.Id == entryId)
            .Select(e => new OpenableEntry(e.Id, e.OpenType, e.OpeningHold)).FirstOrDefaultAsync(ct);

    public async Task SuspendAsync(PortalDbContext db, long entryId, string reason, CancellationToken ct) =>
        (await LoadAsync(db, entryId, ct)).HoldOpening(OpeningHold.Suspended, reason, clock.GetUtcNow());

    public async Task RestoreAsync(PortalDbContext db, long entryId, string reason, CancellationToken ct) =>
        (await LoadAsync(db, entryId, ct)).RestoreOpening(reason, clock.GetUtcNow());

    public async Task WithdrawAsync(PortalDbContext db, long entryId, string reason, CancellationToken ct) =>
        (await LoadAsync(db, entryId, ct)).HoldOpening(OpeningHold.Withdrawn, reason, clock.GetUtcNow());

    private static async Task<CatalogueEntry> LoadAsync(PortalDbContext db, long entryId, CancellationToken ct) =>
        await db.CatalogueEntries.FindAsync([entryId], ct) ?? throw new NotFoundException("目录条目不存在。");
}

public partial class CatalogueEntry
{
    public const int OpeningHoldReasonMaxLength = 500;

    /// <summary>Null while the entry opens as its open type says; otherwise why not (hubei Art. 28).</summary>
    public OpeningHold? OpeningHold { get; private set; }
    public DateTimeOffset? OpeningHoldAt { get; private set; }
    public string? OpeningHoldReason { get; private set; }

    internal void HoldOpening(OpeningHold hold, string reason, DateTimeOffset at) =>
        (OpeningHold, OpeningHoldAt, OpeningHoldReason) = (hold, at, Cut(reason));

    /// <summary>Opens again (恢复开放 / 处理后再开放); the reason stays on record until the next hold.</summary>
    internal void RestoreOpening(string reason, DateTimeOffset at) =>
        (OpeningHold, OpeningHoldAt, OpeningHoldReason) = (null, at, Cut(reason));

    private static string Cut(string reason) => reason.Length > OpeningHoldReasonMaxLength ? reason[..OpeningHoldReasonMaxLength] : reason;
}

internal sealed class CatalogueOpeningConfiguration : IEntityTypeConfiguration<CatalogueEntry>
{
    public void Configure(EntityTypeBuilder<CatalogueEntry> b)
    {
        b.Property(e => e.OpeningHold).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.OpeningHoldReason).HasMaxLength(CatalogueEntry.OpeningHoldReasonMaxLength);
    }
}

using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue;

/// <summary>A published entry as sharing sees it: what may be asked for, and how (issue 10 §1).</summary>
public sealed record SharableEntry(
    long Id, string ResourceCode, string Name, int ProviderDepartmentId, ShareType ShareType, ShareMethods Methods,
    ShareOperations Operations, string? ShareConditions, string? ShareBasis, IReadOnlyList<string> ItemNames);

/// <summary>
/// The catalogue's contract for the sharing feature (features never read each other's tables): the published version
/// of an entry with its items.
/// </summary>
public interface ICatalogueSharing
{
    /// <summary>The entry's published version; null when it does not exist or is not (or no longer) published.</summary>
    Task<SharableEntry?> PublishedAsync(PortalDbContext db, long entryId, CancellationToken ct);
}

internal sealed class CatalogueSharing : ICatalogueSharing
{
    public async Task<SharableEntry?> PublishedAsync(PortalDbContext db, long entryId, CancellationToken ct)
    {
        var row = await (
            from e in db.CatalogueEntries.AsNoTracking()
            where e.Id == entryId && e.Status == EntryStatus.Published && e.ResourceCode != null
            join v in db.CatalogueVersions on new { EntryId = e.Id, Number = (int)e.PublishedVersionNumber! } equals new { v.EntryId, v.Number }
            select new
            {
                e.Id, e.ResourceCode, v.Name, e.ProviderDepartmentId, v.ShareType, v.ShareMethods, v.ShareOperations,
                v.ShareConditions, v.ShareBasis, VersionId = v.Id,
            }).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var items = await db.CatalogueItems.AsNoTracking().Where(i => i.VersionId == row.VersionId).OrderBy(i => i.Ordinal)
            .Select(i => i.Name).ToListAsync(ct);
        return new SharableEntry(row.Id, row.ResourceCode!, row.Name, row.ProviderDepartmentId, row.ShareType ?? ShareType.NotShared, row.ShareMethods,
            row.ShareOperations, row.ShareConditions, row.ShareBasis, items);
    }
}

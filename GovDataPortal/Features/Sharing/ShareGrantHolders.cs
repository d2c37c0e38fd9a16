using GovDataPortal.Features.Catalogue;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Sharing;

/// <summary>
/// The catalogue asks, before publishing a breaking version, which departments hold live grants on the items it
/// removes or retypes (issue 9 §2): active or suspended grants on the entry naming any of those items.
/// </summary>
internal sealed class ShareGrantHolders : ICatalogueGrantHolders
{
    public async Task<IReadOnlyList<int>> DepartmentsHoldingAsync(PortalDbContext db, long entryId, IReadOnlyList<string> itemNames,
        CancellationToken ct)
    {
        if (itemNames.Count == 0) return [];
        var names = itemNames.ToArray();
        return await db.ShareGrants.AsNoTracking()
            .Where(g => g.CatalogueEntryId == entryId && (g.Status == GrantStatus.Active || g.Status == GrantStatus.Suspended)
                && g.ItemNames.Any(i => names.Contains(i)))
            .Select(g => g.RequesterDepartmentId).Distinct().ToListAsync(ct);
    }
}

/// <summary>
/// A registered, approved application scenario covering a request (foshan Art. 28 ¶2: such a need is granted directly).
/// The scenarios part of this feature answers; until it does, none matches.
/// </summary>
public interface IApplicationScenarioMatch
{
    /// <summary>The id of an approved scenario of <paramref name="requesterDepartmentId"/> using every one of <paramref name="items"/> of the entry; null if none.</summary>
    Task<long?> MatchingAsync(PortalDbContext db, int requesterDepartmentId, long entryId, IReadOnlyList<string> items, CancellationToken ct);
}

internal sealed class NoApplicationScenarioMatch : IApplicationScenarioMatch
{
    public Task<long?> MatchingAsync(PortalDbContext db, int requesterDepartmentId, long entryId, IReadOnlyList<string> items,
        CancellationToken ct) => Task.FromResult<long?>(null);
}

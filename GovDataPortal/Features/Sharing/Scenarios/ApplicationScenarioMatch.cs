using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Sharing.Scenarios;

/// <summary>
/// foshan Art. 28 ¶2: a need that matches an approved application scenario is granted directly. A scenario matches when
/// it is approved, the requesting department registered it or takes part in it, and it uses the entry with every item
/// asked for (a request for more than the scenario names goes through the provider's review).
/// </summary>
internal sealed class ApplicationScenarioMatch : IApplicationScenarioMatch
{
    public async Task<long?> MatchingAsync(PortalDbContext db, int requesterDepartmentId, long entryId, IReadOnlyList<string> items,
        CancellationToken ct)
    {
        if (items.Count == 0) return null;
        var candidates = await db.Set<ApplicationScenario>().AsNoTracking().Include(s => s.Entries)
            .Where(s => s.Status == ScenarioStatus.Approved
                && (s.DepartmentId == requesterDepartmentId || s.InvolvedDepartmentIds.Contains(requesterDepartmentId))
                && s.Entries.Any(e => e.CatalogueEntryId == entryId))
            .OrderBy(s => s.Id).ToListAsync(ct);
        return candidates.FirstOrDefault(s => s.Covers(requesterDepartmentId, entryId, items))?.Id;
    }
}

using System.Linq.Expressions;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// Who is looking at the catalogue: their department and, for a data authority's staff, the departments it supervises
/// (itself included). <see cref="CatalogueAccess.ViewerAsync"/> builds it for the current actor.
/// </summary>
public sealed record CatalogueViewer(int? DepartmentId, IReadOnlyList<int> SupervisedDepartmentIds)
{
    public static readonly CatalogueViewer Anonymous = new(null, []);

    public bool Supervises(int departmentId) => SupervisedDepartmentIds.Contains(departmentId);
    public bool IsOwn(int departmentId) => DepartmentId == departmentId;
}

/// <summary>
/// The one visibility rule of the catalogue (issue 9 §5), used by the list, the entry page, the API and the export:
/// published (and withdrawn — it is shown that the data existed) entries are visible to every department, 不予共享 ones
/// included (foshan Art. 13(3): their existence is listed, they just cannot be requested); drafts only to their own
/// department; once submitted, also to the data authority that supervises the provider.
/// </summary>
public static class CatalogueVisibility
{
    public static Expression<Func<CatalogueEntry, bool>> VisibleTo(CatalogueViewer viewer)
    {
        var own = viewer.DepartmentId ?? -1;
        var supervised = viewer.SupervisedDepartmentIds.ToArray();
        return e => e.Status == EntryStatus.Published || e.Status == EntryStatus.Withdrawn
            || e.ProviderDepartmentId == own
            || (e.EverSubmitted && supervised.Contains(e.ProviderDepartmentId));
    }

    /// <summary>The same rule for one loaded entry.</summary>
    public static bool CanSee(CatalogueViewer viewer, CatalogueEntry entry) =>
        entry.Status is EntryStatus.Published or EntryStatus.Withdrawn
        || viewer.IsOwn(entry.ProviderDepartmentId)
        || (entry.EverSubmitted && viewer.Supervises(entry.ProviderDepartmentId));

    /// <summary>
    /// Whether the viewer may read versions that are not published (drafts and versions under review): the provider's
    /// own department, and once submitted, the supervising authority.
    /// </summary>
    public static bool CanSeeUnpublished(CatalogueViewer viewer, CatalogueEntry entry) =>
        viewer.IsOwn(entry.ProviderDepartmentId) || (entry.EverSubmitted && viewer.Supervises(entry.ProviderDepartmentId));
}

/// <summary>Builds the <see cref="CatalogueViewer"/> of the current actor.</summary>
public sealed class CatalogueAccess(CurrentActor actor)
{
    public async Task<CatalogueViewer> ViewerAsync(PortalDbContext db, CancellationToken ct = default)
    {
        if (!actor.IsAuthenticated || actor.DepartmentId is not { } department) return CatalogueViewer.Anonymous;
        return new CatalogueViewer(department, await DataAuthorities.SupervisedByAsync(db, department, ct));
    }
}

using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Sharing.Grants;

/// <summary>Who sees a grant, who acts for its provider and who records its use.</summary>
internal static class GrantAccess
{
    // Province > city > county > township: a few steps; the bound only guards against a cycle in bad data.
    private const int MaxDepth = 16;

    /// <summary>
    /// The two departments concerned, and the reviewers of a data authority above either of them (the county centre and the
    /// city authority that decides conditional shares: shuangpai Art. 24-25). System administrators maintain accounts,
    /// not business data: they see only their own department's grants.
    /// </summary>
    public static async Task<bool> CanSeeAsync(PortalDbContext db, CurrentActor actor, ShareGrant grant, CancellationToken ct)
    {
        if (!actor.IsAuthenticated || actor.DepartmentId is not { } mine) return false;
        return mine == grant.RequesterDepartmentId || mine == grant.ProviderDepartmentId || await SupervisesAsync(db, actor, grant, ct);
    }

    /// <summary>A reviewer of the data authority above either department (who signs usage agreements: shuangpai Art. 24, longyan Art. 12).</summary>
    public static async Task<bool> SupervisesAsync(PortalDbContext db, CurrentActor actor, ShareGrant grant, CancellationToken ct)
    {
        if (!actor.IsAuthenticated || actor.DepartmentId is not { } mine || !actor.IsInRole(PortalRoles.AuthorityReviewer)) return false;
        var supervised = await SupervisedAsync(db, mine, ct);
        return supervised.Contains(grant.ProviderDepartmentId) || supervised.Contains(grant.RequesterDepartmentId);
    }

    /// <summary>The provider's 部门审核人 suspends, resumes and ends (shuangpai Art. 25).</summary>
    public static bool ActsForProvider(CurrentActor actor, ShareGrant grant) =>
        actor.IsAuthenticated && actor.DepartmentId == grant.ProviderDepartmentId && actor.IsInRole(PortalRoles.DepartmentApprover);

    /// <summary>The requester's 数据专管员 and 部门审核人 (or the exchange platform acting with their token) record uses.</summary>
    public static bool ActsForRequester(CurrentActor actor, ShareGrant grant) =>
        actor.IsAuthenticated && actor.DepartmentId == grant.RequesterDepartmentId
        && (actor.IsInRole(PortalRoles.DataSpecialist) || actor.IsInRole(PortalRoles.DepartmentApprover));

    /// <summary>
    /// The departments whose nearest data authority is <paramref name="authorityDepartmentId"/> or whose chain of
    /// authorities upwards passes it (a city authority supervises its counties' departments too); empty when it is no
    /// region's authority. Regions and departments are a short list, read once.
    /// </summary>
    public static async Task<List<int>> SupervisedAsync(PortalDbContext db, int authorityDepartmentId, CancellationToken ct)
    {
        var parents = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.ParentId, ct);
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.RegionId, d.IsRegionDataAuthority }).ToListAsync(ct);
        var authorityRegions = departments.Where(d => d.Id == authorityDepartmentId && d.IsRegionDataAuthority).Select(d => d.RegionId).ToHashSet();
        if (authorityRegions.Count == 0) return [];

        bool Below(int regionId)
        {
            int? region = regionId;
            for (var depth = 0; region is { } id && depth < MaxDepth; depth++)
            {
                if (authorityRegions.Contains(id)) return true;
                region = parents.GetValueOrDefault(id);
            }
            return false;
        }

        return [.. departments.Where(d => Below(d.RegionId)).Select(d => d.Id)];
    }
}

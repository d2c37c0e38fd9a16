using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Organisation;

/// <summary>
/// Which department is a department's data authority (数据主管部门): the one its region names, else the one of the
/// nearest region above that has one — a county department without a county authority answers to the city's. The one
/// answer the flow engine (who decides, who is told of overdue tasks), data checks (who supervises), the inbox and
/// 工作台 (which departments a reviewer's region covers) use.
/// </summary>
public static class DataAuthorities
{
    // Province > city > county > township: a few steps; the bound only guards against a cycle in bad data.
    private const int MaxDepth = 16;

    /// <summary>The data authority of <paramref name="departmentId"/>, or null when no region above it names one.</summary>
    public static async Task<int?> OfDepartmentAsync(PortalDbContext db, int departmentId, CancellationToken ct)
    {
        var regionId = await db.Departments.Where(d => d.Id == departmentId).Select(d => (int?)d.RegionId).FirstOrDefaultAsync(ct);
        return await NearestFromAsync(db, regionId, ct);
    }

    /// <summary>
    /// The data authority above <paramref name="departmentId"/>'s own authority: the nearest one in the regions above
    /// that authority's region (shuangpai Art. 24(2): the county centre's opinion goes to the city authority).
    /// </summary>
    public static async Task<int?> AboveDepartmentAsync(PortalDbContext db, int departmentId, CancellationToken ct)
    {
        if (await OfDepartmentAsync(db, departmentId, ct) is not { } own) return null;
        var parent = await db.Departments.Where(d => d.Id == own).Select(d => db.Regions.Where(r => r.Id == d.RegionId).Select(r => r.ParentId).FirstOrDefault())
            .FirstOrDefaultAsync(ct);
        return await NearestFromAsync(db, parent, ct);
    }

    private static async Task<int?> NearestFromAsync(PortalDbContext db, int? regionId, CancellationToken ct)
    {
        for (var depth = 0; regionId is { } r && depth < MaxDepth; depth++)
        {
            var authority = await db.Departments.Where(d => d.RegionId == r && d.IsRegionDataAuthority)
                .Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
            if (authority is not null) return authority;
            regionId = await db.Regions.Where(x => x.Id == r).Select(x => x.ParentId).FirstOrDefaultAsync(ct);
        }
        return null;
    }

    /// <summary>
    /// The departments <paramref name="authorityDepartmentId"/> is the data authority of (itself included), by the same
    /// rule as <see cref="OfDepartmentAsync"/>; empty when it is no region's data authority. Regions and departments are a
    /// short list, read once; what is filtered by them is then filtered in SQL.
    /// </summary>
    public static async Task<List<int>> SupervisedByAsync(PortalDbContext db, int authorityDepartmentId, CancellationToken ct)
    {
        var parents = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.ParentId, ct);
        var departments = await db.Departments.AsNoTracking()
            .Select(d => new { d.Id, d.RegionId, d.IsRegionDataAuthority }).ToListAsync(ct);
        var authorityOfRegion = departments.Where(d => d.IsRegionDataAuthority).ToDictionary(d => d.RegionId, d => d.Id);
        if (!authorityOfRegion.ContainsValue(authorityDepartmentId)) return [];

        int? AuthorityOf(int regionId)
        {
            int? region = regionId;
            for (var depth = 0; region is { } id && depth < MaxDepth; depth++)
            {
                if (authorityOfRegion.TryGetValue(id, out var authority)) return authority;
                region = parents.GetValueOrDefault(id);
            }
            return null;
        }

        return [.. departments.Where(d => AuthorityOf(d.RegionId) == authorityDepartmentId).Select(d => d.Id)];
    }
}

using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Organisation;

/// <summary>
/// Whether a department has someone in a role, so that no flow step opens that nobody can act on: the action that
/// would open it is refused (<see cref="RequireHolderAsync"/>), and the departments page shows what each department
/// lacks for the active rules (<see cref="MissingRolesAsync"/>).
/// </summary>
public static class RoleCoverage
{
    /// <summary>
    /// ASP.NET Identity's way of switching an account off is a lockout without end (<c>DateTimeOffset.MaxValue</c>, which
    /// Npgsql stores as <c>infinity</c>). The portal's own lockout lasts 15 minutes after wrong passwords: such a user
    /// still holds the role and can act once it lifts, so a temporary lock does not make a department "without" the role.
    /// </summary>
    private static readonly DateTimeOffset DisabledFrom = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The users who can act on a task addressed to <paramref name="role"/> (the same ones notified of it).</summary>
    public static IQueryable<PortalUser> Holders(PortalDbContext db, string role) =>
        db.Users.Where(u => !(u.LockoutEnabled && u.LockoutEnd >= DisabledFrom)
            // A role's id is its key name (RoleConfiguration), so no join to the roles table is needed.
            && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == role));

    public static Task<bool> HasHolderAsync(PortalDbContext db, int departmentId, string role, CancellationToken ct) =>
        Holders(db, role).AnyAsync(u => u.DepartmentId == departmentId, ct);

    /// <summary>Refuses, in Chinese, an action that would give a task to <paramref name="role"/> of a department where nobody holds it.</summary>
    public static async Task RequireHolderAsync(PortalDbContext db, int departmentId, string role, CancellationToken ct)
    {
        if (await HasHolderAsync(db, departmentId, role, ct)) return;
        var name = await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(OrganisationService.DepartmentMissingMessage);
        throw new DomainException(MissingHolderMessage(name, role));
    }

    public static string MissingHolderMessage(string departmentName, string role)
    {
        var roleName = PortalRoles.DisplayName(role);
        return $"“{departmentName}”没有可办理的{roleName}账号，该事项无法送达办理人。"
            + $"请系统管理员先为该部门设置{roleName}账号（由安全管理员授予角色）后再办理。";
    }

    /// <summary>
    /// The business roles <paramref name="profile"/>'s flows give tasks to, by the kind of department they land in:
    /// an ordinary department (as provider, requester or the target of a forward), a data authority, and — on top of
    /// that — an authority that is another authority's higher one (<see cref="StepActor.HigherDataAuthority"/>).
    /// Every department needs a 数据专管员 (its data duties and the requester's notices go there) and every authority a
    /// 主管部门审核人 (overdue tasks are escalated to it).
    /// </summary>
    public static RoleNeeds Needs(PolicyProfile profile)
    {
        var ordinary = new HashSet<string> { PortalRoles.DataSpecialist };
        var authority = new HashSet<string> { PortalRoles.DataSpecialist, PortalRoles.AuthorityReviewer };
        var higher = new HashSet<string>();

        void Need(StepActor actor, string role)
        {
            switch (actor)
            {
                case StepActor.ProviderDepartment or StepActor.RequesterDepartment: ordinary.Add(role); break;
                case StepActor.DataAuthority: authority.Add(role); break;
                case StepActor.HigherDataAuthority: higher.Add(role); break;
                // A named user is chosen when the flow starts: no role to hold.
            }
        }

        foreach (var flow in profile.Flows)
            foreach (var step in flow.Steps)
                foreach (var p in step.Participants)
                {
                    Need(p.Actor, p.Role);
                    // A forward hands the same step to another (ordinary) department's holder of the role.
                    if (step.Actions.HasFlag(StepActions.Forward)) ordinary.Add(p.Role);
                    // An extension is consented to in the department whose task it extends (shuangpai Art. 27).
                    if (step.Actions.HasFlag(StepActions.RequestExtension) && flow.Extension is { } extension)
                        Need(p.Actor, extension.ConsentRole);
                }
        return new RoleNeeds(Canonical(ordinary), Canonical(authority), Canonical(higher.Except(authority)));
    }

    /// <summary>
    /// For each department (all, or those of <paramref name="departmentIds"/>), the roles <paramref name="profile"/>'s flows
    /// need of it that nobody there holds, in the canonical role order; departments lacking nothing map to an empty list.
    /// Three set-based reads (regions, departments, who holds what), whatever the number of departments.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<string>>> MissingRolesAsync(PortalDbContext db,
        PolicyProfile profile, IReadOnlyCollection<int>? departmentIds, CancellationToken ct)
    {
        var needs = Needs(profile);
        var parents = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.ParentId, ct);
        var departments = await db.Departments.AsNoTracking()
            .Select(d => new { d.Id, d.RegionId, d.IsRegionDataAuthority }).ToListAsync(ct);
        var authorityOfRegion = departments.Where(d => d.IsRegionDataAuthority).ToDictionary(d => d.RegionId, d => d.Id);

        // An authority is "higher" when the nearest authority above another authority's region is it.
        var higherAuthorities = new HashSet<int>();
        foreach (var a in departments.Where(d => d.IsRegionDataAuthority))
            if (NearestAuthority(parents.GetValueOrDefault(a.RegionId), parents, authorityOfRegion) is { } higher)
                higherAuthorities.Add(higher);

        var wanted = departmentIds?.ToHashSet();
        var business = PortalRoles.Business.ToList();
        var heldQuery = from u in db.Users
                        join r in db.UserRoles on u.Id equals r.UserId
                        where business.Contains(r.RoleId) && !(u.LockoutEnabled && u.LockoutEnd >= DisabledFrom)
                        select new { u.DepartmentId, r.RoleId };
        if (wanted is not null)
        {
            var ids = wanted.ToList();
            heldQuery = heldQuery.Where(h => ids.Contains(h.DepartmentId));
        }
        var held = (await heldQuery.Distinct().ToListAsync(ct)).ToLookup(h => h.DepartmentId, h => h.RoleId);

        var result = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var d in departments.Where(d => wanted is null || wanted.Contains(d.Id)))
        {
            var needed = d.IsRegionDataAuthority
                ? higherAuthorities.Contains(d.Id) ? needs.Authority.Concat(needs.HigherAuthority) : needs.Authority
                : needs.Ordinary;
            var has = held[d.Id].ToHashSet();
            result[d.Id] = Canonical(needed.Where(r => !has.Contains(r)));
        }
        return result;
    }

    private static int? NearestAuthority(int? regionId, Dictionary<int, int?> parents, Dictionary<int, int> authorityOfRegion)
    {
        // Province > city > county > township: a few steps; the bound only guards against a cycle in bad data.
        for (var depth = 0; regionId is { } id && depth < 16; depth++)
        {
            if (authorityOfRegion.TryGetValue(id, out var authority)) return authority;
            regionId = parents.GetValueOrDefault(id);
        }
        return null;
    }

    private static List<string> Canonical(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet();
        return [.. PortalRoles.All.Where(set.Contains)];
    }

    /// <summary>How missing roles read on the pages: "缺少：领导、部门审核人".</summary>
    public static string Describe(IReadOnlyList<string> missing) =>
        missing.Count == 0 ? "角色齐全" : "缺少：" + string.Join("、", missing.Select(PortalRoles.DisplayName));
}

/// <summary>The roles a profile's flows need, by kind of department (<see cref="RoleCoverage.Needs"/>).</summary>
public sealed record RoleNeeds(IReadOnlyList<string> Ordinary, IReadOnlyList<string> Authority, IReadOnlyList<string> HigherAuthority);

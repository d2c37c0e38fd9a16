using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Home;

/// <summary>What the header and menu show about the signed-in person.</summary>
public sealed record ShellInfo(string DisplayName, string UserName, string DepartmentName, IReadOnlyList<string> Roles, Jurisdiction Jurisdiction)
{
    public string RoleNames => string.Join("、", Roles.Select(PortalRoles.DisplayName));
}

public sealed class ShellService(IDbContextFactory<PortalDbContext> factory, CurrentActor actor, IOptions<PortalOptions> portal)
{
    public Jurisdiction ActiveJurisdiction => portal.Value.ActiveJurisdiction;

    public async Task<ShellInfo?> GetAsync(CancellationToken ct = default)
    {
        if (actor.DepartmentId is not { } departmentId) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var department = await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).FirstOrDefaultAsync(ct);
        var roles = PortalRoles.All.Where(actor.IsInRole).ToList();
        return new ShellInfo(actor.DisplayName ?? "", actor.UserName ?? "", department ?? "（未知部门）", roles, ActiveJurisdiction);
    }
}

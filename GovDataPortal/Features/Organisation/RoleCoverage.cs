using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Organisation;

/// <summary>Whether someone in a department holds a role (so a step given to that role can be acted on).</summary>
public static class RoleCoverage
{
    public static Task<bool> HasHolderAsync(PortalDbContext db, int departmentId, string role, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.DepartmentId == departmentId && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == role), ct);

    /// <summary>"双牌县市场监督管理局没有领导账号，…" — names the department and the role.</summary>
    public static async Task<string> MissingMessageAsync(PortalDbContext db, int departmentId, string role, CancellationToken ct)
    {
        var name = await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? $"部门{departmentId}";
        return $"{name}没有{PortalRoles.DisplayName(role)}账号，无人可以办理，请系统管理员先为该部门设置{PortalRoles.DisplayName(role)}。";
    }
}

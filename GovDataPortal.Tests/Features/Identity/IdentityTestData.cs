using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Identity;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>Reads the demo data the identity and token tests arrange and assert against.</summary>
internal static class IdentityTestData
{
    /// <summary>The user's roles as stored, in the canonical order.</summary>
    public static async Task<List<string>> RolesOfAsync(this PortalFixture portal, string userName)
    {
        await using var db = await portal.DbAsync();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var roles = await db.UserRoles.Where(r => r.UserId == id).Select(r => r.RoleId).ToListAsync();
        return PortalRoles.All.Where(roles.Contains).ToList();
    }

    public static async Task<List<AuditRecord>> AuditAsync(this PortalFixture portal, string action)
    {
        await using var db = await portal.DbAsync();
        return await db.AuditRecords.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync();
    }

    public static async Task<long> AuditCountAsync(this PortalFixture portal)
    {
        await using var db = await portal.DbAsync();
        return await db.AuditRecords.LongCountAsync();
    }
}

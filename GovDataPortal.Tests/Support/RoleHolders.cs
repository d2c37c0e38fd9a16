using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Support;

/// <summary>
/// Accounts for departments a test makes itself: a flow refuses to give a task to a role nobody in the department holds,
/// so a test department that takes part in a flow needs its role holders like a real one.
/// </summary>
public static class RoleHolders
{
    /// <summary>Creates a user of <paramref name="departmentId"/> holding <paramref name="role"/> (demo password); returns the user.</summary>
    public static async Task<PortalUser> AddRoleHolderAsync(this PortalFixture portal, int departmentId, string role,
        string displayName = "测试用户")
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            UserName = "t" + Guid.NewGuid().ToString("N")[..12], DisplayName = displayName, DepartmentId = departmentId,
            CreatedAt = portal.Clock.GetUtcNow(),
        };
        Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }
}

using System.Security.Claims;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace GovDataPortal.Features.Demo;

/// <summary>The demo seeders act as the demo users, so every change goes through the services' rules, tasks and audit.</summary>
internal static class DemoActing
{
    /// <summary>A DI scope acting as the named demo user (roles and department as at sign-in), as a signed-in request would.</summary>
    public static async Task<AsyncServiceScope> ScopeAsAsync(this IServiceScopeFactory scopes, string userName)
    {
        var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"演示账户 {userName} 不存在。");
        ClaimsPrincipal principal = await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync(user);
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(principal, "127.0.0.1");
        return scope;
    }
}

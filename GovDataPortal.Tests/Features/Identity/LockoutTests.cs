using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>Five wrong passwords lock an account for 15 minutes; every attempt is audited.</summary>
public class LockoutTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string WrongPassword = "Wrong@Pass2026";

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_and_are_audited()
    {
        const string user = "wangqiang";
        for (var i = 1; i <= 4; i++)
            Assert.Equal(SignInService.WrongCredentials, (await SignInAsync(user, WrongPassword)).Error);
        var lockedAround = DateTimeOffset.UtcNow;

        var fifth = await SignInAsync(user, WrongPassword);

        Assert.False(fifth.Succeeded);
        Assert.StartsWith("登录失败次数过多，账户已锁定，请于", fifth.Error);
        Assert.Equal(5, (await portal.AuditAsync(AuditActions.LoginFailed)).Count(a => a.UserName == user));
        Assert.Single(await portal.AuditAsync(AuditActions.LockedOut), a => a.UserName == user);
        var lockoutEnd = await LockoutEndAsync(user);
        Assert.InRange(lockoutEnd, lockedAround.AddMinutes(15), DateTimeOffset.UtcNow.AddMinutes(15));

        var rightWhileLocked = await SignInAsync(user, DemoAccounts.Password);
        Assert.False(rightWhileLocked.Succeeded);
        Assert.Contains("账户已锁定", rightWhileLocked.Error);

        // ASP.NET Core Identity 10's UserManager reads DateTimeOffset.UtcNow, not TimeProvider (TimeProvider support
        // arrives in .NET 11, dotnet/aspnetcore#62796), so moving portal.Clock cannot end the lock. "16 minutes later"
        // is therefore made by moving the stored lockout end back 16 minutes.
        portal.Clock.Advance(TimeSpan.FromMinutes(16));
        await MoveLockoutEndAsync(user, TimeSpan.FromMinutes(-16));

        var afterLock = await SignInAsync(user, DemoAccounts.Password);
        Assert.True(afterLock.Succeeded, afterLock.Error);
        Assert.Single(await portal.AuditAsync(AuditActions.Login), a => a.UserName == user);
    }

    [Fact]
    public async Task The_system_admin_unlocks_a_locked_account_and_the_unlock_is_audited()
    {
        const string user = "chenjing";
        for (var i = 1; i <= 5; i++) await SignInAsync(user, WrongPassword);
        var userId = await portal.UserIdAsync(user);
        await using var scope = await portal.ScopeAsAsync("admin");
        var admin = scope.Get<UserAdministrationService>();
        Assert.True((await admin.GetUserAsync(userId))!.IsLocked);

        await admin.UnlockUserAsync(userId);

        Assert.False((await admin.GetUserAsync(userId))!.IsLocked);
        Assert.True((await SignInAsync(user, DemoAccounts.Password)).Succeeded);
        Assert.Contains(await portal.AuditAsync(AuditActions.Update),
            a => a.EntityId == userId && a.UserName == "admin" && a.Summary.Contains("解除锁定"));
    }

    private async Task<SignInService.Outcome> SignInAsync(string userName, string password)
    {
        await using var scope = portal.AnonymousScope();
        // A successful sign-in writes the cookie, which needs an HttpContext; a test has no request, so give it one.
        scope.Get<SignInManager<PortalUser>>().Context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        return await scope.Get<SignInService>().SignInAsync(userName, password, "10.0.0.8");
    }

    private async Task<DateTimeOffset> LockoutEndAsync(string userName)
    {
        await using var db = await portal.DbAsync();
        return (await db.Users.Where(u => u.UserName == userName).Select(u => u.LockoutEnd).SingleAsync())!.Value;
    }

    private async Task MoveLockoutEndAsync(string userName, TimeSpan by)
    {
        var end = await LockoutEndAsync(userName);
        await using var db = await portal.DbAsync();
        await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, end.Add(by)));
    }
}

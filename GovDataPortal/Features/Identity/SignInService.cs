using GovDataPortal.Features.Audit;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace GovDataPortal.Features.Identity;

/// <summary>
/// Password sign-in with lockout (5 failures → 15 minutes), every outcome audited, attempts rate-limited per address and
/// per user name (<see cref="LoginThrottle"/>): GB/T 22239-2019 8.1.4.1 b 限制非法登录次数, 8.1.4.3 a 安全审计.
/// </summary>
public sealed class SignInService(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, AuditLog audit, TimeProvider clock,
    LoginThrottle throttle, SessionService sessions)
{
    public sealed record Outcome(bool Succeeded, string? Error);

    public const string WrongCredentials = "用户名或密码错误。";

    public async Task<Outcome> SignInAsync(string userName, string password, string? ip)
    {
        // A name the input rule refuses (a NUL would fail in PostgreSQL) can belong to no account: answered as unknown.
        var name = InputText.TryClean(userName, out var cleaned) ? cleaned ?? "" : null;
        // Throttled on the name as it will be looked up, so "admin" with an invisible character is still "admin".
        if (!throttle.TryAcquire(ip, name ?? userName)) return new(false, LoginThrottle.TooManyAttempts);
        var user = string.IsNullOrEmpty(name) ? null : await users.FindByNameAsync(name);
        if (user is null)
        {
            SpendHashTime(password);
            await audit.WriteForUserAsync(AuditActions.LoginFailed, null, name ?? InputText.Term(userName) ?? "", null, ip,
                new { 原因 = name is null ? "用户名含不允许的字符" : "用户不存在" });
            return new(false, WrongCredentials);
        }

        var wasLocked = await users.IsLockedOutAsync(user);
        if (wasLocked) SpendHashTime(password); // Identity refuses a locked account without hashing
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            user.LastSignInAt = clock.GetUtcNow();
            await users.UpdateAsync(user);
            await audit.WriteForUserAsync(AuditActions.Login, user.Id, user.UserName!, user.DepartmentId, ip, new { 方式 = "密码" });
            return new(true, null);
        }

        var reason = wasLocked ? "账户已锁定" : "密码错误";
        await audit.WriteForUserAsync(AuditActions.LoginFailed, user.Id, user.UserName!, user.DepartmentId, ip, new { 原因 = reason });
        if (!result.IsLockedOut) return new(false, WrongCredentials);

        var until = (await users.GetLockoutEndDateAsync(user)) ?? clock.GetUtcNow().AddMinutes(15);
        if (!wasLocked)
        {
            await audit.WriteForUserAsync(AuditActions.LockedOut, user.Id, user.UserName!, user.DepartmentId, ip,
                new { 锁定至 = Infrastructure.ChinaTime.Format(until) });
            // Someone is guessing the password: sessions already open end too (GB/T 22239-2019 8.1.4.1 b).
            await sessions.EndAllAsync(user.Id, SessionEndReason.LockedOut);
        }
        return new(false, $"登录失败次数过多，账户已锁定，请于 {Infrastructure.ChinaTime.Format(until)} 后再试。");
    }

    // An unknown or locked account answers as slowly as a wrong password would (one PBKDF2 verification), so the
    // answer time does not tell which user names exist (GB/T 22239-2019 8.1.4.1 b, 登录失败处理).
    private static readonly PortalUser TimingUser = new() { UserName = "timing-equaliser" };
    private static string? _timingHash;

    private void SpendHashTime(string password)
    {
        var hash = _timingHash ??= users.PasswordHasher.HashPassword(TimingUser, Guid.NewGuid().ToString("N"));
        users.PasswordHasher.VerifyHashedPassword(TimingUser, hash, password);
    }
}

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A plain form post so the cookie can be cleared. Minimal APIs check antiforgery only for endpoints that bind
        // a form, and this one binds nothing: it checks the token itself (a cross-site page must not sign people out).
        app.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<PortalUser> signIn,
            SessionService sessions, AuditLog audit) =>
        {
            // Already signed out (the session ended while the page stood open): nothing to end, and the form's token,
            // issued to the signed-in user, no longer matches — the person simply wants the login page.
            if (http.User.Identity?.IsAuthenticated != true) return Results.LocalRedirect("~/account/login");
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "退出请求无效或已过期，请刷新页面后重试。");
            if (SessionService.SessionIdOf(http.User) is { } session) await sessions.EndAsync(session, SessionEndReason.SignedOut);
            await audit.WriteAsync(AuditActions.Logout, new { });
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        }).AllowAnonymous().ExcludeFromDescription(); // open, so a stale form lands on the login page rather than returning here
        return app;
    }
}

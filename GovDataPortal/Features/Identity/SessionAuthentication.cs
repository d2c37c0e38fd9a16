using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace GovDataPortal.Features.Identity;

/// <summary>The sign-in cookie's events: a sign-in opens a server-side session, every request checks it.</summary>
public static class SessionCookieEvents
{
    public static async Task SigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity { IsAuthenticated: true } identity) return;
        var http = context.HttpContext;
        var id = await http.RequestServices.GetRequiredService<SessionService>().StartAsync(
            context.Principal, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), http.RequestAborted);
        foreach (var old in identity.FindAll(SessionService.SessionClaim).ToList()) identity.RemoveClaim(old);
        identity.AddClaim(new Claim(SessionService.SessionClaim, id.ToString()));
    }

    /// <summary>
    /// Replaces Identity's interval-based security stamp check: one indexed read per request, so a cookie whose session
    /// ended (logout, password or role change, lockout, idle, lifetime) is refused on its very next request.
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        // A page load fetches a dozen scripts, styles and fonts with the cookie: they show nothing personal, so they
        // are spared the read (the page itself, the circuit and every API call are checked).
        if (PublicResource.Is(http)) return;
        var check = await http.RequestServices.GetRequiredService<SessionService>()
            .CheckRequestAsync(context.Principal!, http.RequestAborted);
        if (!check.IsValid)
        {
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        if (check.PasswordChangeReason is { } reason) http.Items[PasswordChangeGate.ReasonKey] = reason;
    }
}

/// <summary>
/// A user whose password was set by an administrator or has expired can do nothing but change it (or sign out) —
/// GB/T 22239-2019 8.1.4.1 a. Pages redirect to the change page; other requests are refused with 403. Open pages are
/// cut off by <see cref="SessionRevalidatingAuthenticationStateProvider"/>. API tokens are separate credentials and
/// are not affected.
/// </summary>
public static class PasswordChangeGate
{
    public const string Path = "/account/change-password";
    public const string ReasonKey = "gdp:password-change-reason";

    public static string? ReasonOf(HttpContext http) => http.Items.TryGetValue(ReasonKey, out var r) ? r as string : null;

    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (ReasonOf(http) is null || IsAllowed(http))
            {
                await next(http);
                return;
            }
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                var here = http.Request.Path + http.Request.QueryString;
                http.Response.Redirect(http.Request.Path.StartsWithSegments("/account")
                    ? Path : $"{Path}?returnUrl={Uri.EscapeDataString(here)}");
            }
            else
            {
                // Said in words: an empty 403 would be re-executed into the "page not found" page.
                http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: MustChangeFirst).ExecuteAsync(http);
            }
        });

    public const string MustChangeFirst = "请先修改密码，然后才能继续操作。";

    private static bool IsAllowed(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.StartsWithSegments(Path) || path.StartsWithSegments("/account/logout") || Infrastructure.ApiProtocol.IsApi(http)) return true;
        return PublicResource.Is(http);
    }
}

/// <summary>
/// Static files and health checks: read (GET/HEAD) from an endpoint open to anyone, no page (the login page is
/// anonymous too, yet it is a page) and not the circuit's own connection.
/// </summary>
internal static class PublicResource
{
    public static bool Is(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) return false;
        var endpoint = http.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<IAllowAnonymous>() is not null
            && endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is null
            && !http.Request.Path.StartsWithSegments("/_blazor");
    }
}

/// <summary>
/// An open page (a Blazor circuit) makes no HTTP requests: every minute it checks its session like a request would,
/// reporting the last user input on the page as activity. A session ended elsewhere, idle or outdated, or a password
/// that must be changed, turns the page's user anonymous, and the page sends them to sign in.
/// </summary>
public sealed class SessionRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggers, IServiceScopeFactory scopes, CircuitActivity activity)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        IsStillValidAsync(state.User, ct);

    public async Task<bool> IsStillValidAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.Identity?.IsAuthenticated != true) return true;
        // Runs on a timer beside the circuit's own work: a scope of its own.
        await using var scope = scopes.CreateAsyncScope();
        var check = await scope.ServiceProvider.GetRequiredService<SessionService>().CheckOpenPageAsync(user, activity.LastActivityAt, ct);
        return check.IsValid && check.PasswordChangeReason is null;
    }
}

/// <summary>When the user last did something on this circuit (input, navigation, a call from the page).</summary>
public sealed class CircuitActivity
{
    public DateTimeOffset? LastActivityAt { get; set; }
}

internal sealed class CircuitActivityHandler(CircuitActivity activity, TimeProvider clock) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            activity.LastActivityAt = clock.GetUtcNow();
            return next(context);
        };
}

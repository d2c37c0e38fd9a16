using System.Security.Claims;
using System.Text.RegularExpressions;
using GovDataPortal.Features.Audit;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Identity;

/// <summary>One open session as the profile page lists it.</summary>
public sealed record SessionRow(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? IpAddress, string Browser, bool IsCurrent);

/// <summary>
/// What a request or an open page learns about its session: whether it may go on, and whether the user must first
/// change their password (<see cref="PasswordChangeReason"/>).
/// </summary>
public sealed record SessionCheck(bool IsValid, string? PasswordChangeReason)
{
    public static readonly SessionCheck Refused = new(false, null);
}

/// <summary>
/// Server-side sessions (GB/T 22239-2019 8.1.4.1 b: 登录失败处理、连接超时自动退出). A sign-in opens a
/// <see cref="UserSession"/> whose id the cookie carries; each request (through the cookie's OnValidatePrincipal) and
/// each open page (through <see cref="SessionRevalidatingAuthenticationStateProvider"/>, every minute) is checked
/// against it with one indexed read. A session ends on logout, when its user ends it from another session, when the
/// account's security stamp changed since sign-in (password set, roles changed), on lockout, after
/// <see cref="SecurityOptions.IdleTimeout"/> without activity and <see cref="SecurityOptions.AbsoluteLifetime"/> after
/// sign-in. Activity is any HTTP request of the session and any user input or navigation on its open pages (the
/// Blazor circuit's inbound activity); a page left open without input does not keep it alive.
/// </summary>
public sealed class SessionService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    AuditLog audit,
    TimeProvider clock,
    IOptions<SecurityOptions> options,
    IOptions<IdentityOptions> identity)
{
    public const string SessionClaim = "gdp:sid";

    /// <summary>Last-seen times are written at most this often: a busy session costs one read per request, not a write.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private SecurityOptions Options => options.Value;

    public static Guid? SessionIdOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(SessionClaim), out var id) ? id : null;

    /// <summary>Opens a session for a principal being signed in and returns its id (for the cookie).</summary>
    public async Task<Guid> StartAsync(ClaimsPrincipal principal, string? ip, string? userAgent, CancellationToken ct = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("principal without user id");
        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            SecurityStamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) ?? "",
            CreatedAt = now,
            LastSeenAt = now,
            IpAddress = Cut(ip, UserSession.IpAddressMaxLength),
            UserAgent = Cut(userAgent, UserSession.UserAgentMaxLength),
        };
        await using var db = await factory.CreateDbContextAsync(ct);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>Checks the session of a request, which is itself activity (recorded once the session passed).</summary>
    public Task<SessionCheck> CheckRequestAsync(ClaimsPrincipal principal, CancellationToken ct = default) =>
        CheckAsync(principal, earlierActivity: null, recordActivityAt: clock.GetUtcNow(), ct);

    /// <summary>Checks the session of an open page, whose last input (if any) counts as activity.</summary>
    public Task<SessionCheck> CheckOpenPageAsync(ClaimsPrincipal principal, DateTimeOffset? lastInputAt, CancellationToken ct = default) =>
        CheckAsync(principal, lastInputAt, lastInputAt, ct);

    /// <summary>
    /// Checks the principal's session: idle time counts from the later of the recorded last activity and
    /// <paramref name="earlierActivity"/>; then <paramref name="recordActivityAt"/> is written if a minute newer. A session
    /// found expired, idle or outdated is ended here, with its reason audited.
    /// </summary>
    private async Task<SessionCheck> CheckAsync(ClaimsPrincipal principal, DateTimeOffset? earlierActivity,
        DateTimeOffset? recordActivityAt, CancellationToken ct)
    {
        if (SessionIdOf(principal) is not { } id) return SessionCheck.Refused;
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.UserSessions.AsNoTracking().Where(x => x.Id == id && x.UserId == userId)
            .Select(x => new
            {
                x.EndedAt, x.CreatedAt, x.LastSeenAt, x.SecurityStamp, x.IpAddress,
                UserStamp = x.User!.SecurityStamp, x.User.UserName, x.User.DepartmentId,
                x.User.MustChangePassword, x.User.PasswordChangedAt, UserCreatedAt = x.User.CreatedAt,
            })
            .FirstOrDefaultAsync(ct);
        if (s is null || s.EndedAt is not null) return SessionCheck.Refused;

        var lastSeen = earlierActivity > s.LastSeenAt ? earlierActivity.Value : s.LastSeenAt;
        SessionEndReason? end =
            s.SecurityStamp != s.UserStamp ? SessionEndReason.AccountChanged
            : now - s.CreatedAt >= Options.AbsoluteLifetime ? SessionEndReason.LifetimeExceeded
            : now - lastSeen >= Options.IdleTimeout ? SessionEndReason.IdleTimeout
            : null;
        if (end is { } reason)
        {
            if (await EndWhereAsync(db.UserSessions.Where(x => x.Id == id), reason, now, ct) > 0)
                await audit.WriteForUserAsync(AuditActions.SessionEnded, userId, s.UserName ?? "", s.DepartmentId, s.IpAddress,
                    new { 会话 = ShortId(id), 原因 = SessionEndReasons.DisplayName(reason) }, ct);
            return SessionCheck.Refused;
        }

        if (recordActivityAt is { } seen && seen - s.LastSeenAt >= LastSeenResolution)
            await db.UserSessions.Where(x => x.Id == id && x.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastSeenAt, seen), ct);
        return new(true, PortalUser.PasswordChangeReason(s.MustChangePassword, s.PasswordChangedAt, s.UserCreatedAt, now,
            Options.PasswordMaxAgeDays));
    }

    /// <summary>Ends one session (logout). Audited by the caller.</summary>
    public async Task EndAsync(Guid id, SessionEndReason reason, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await EndWhereAsync(db.UserSessions.Where(s => s.Id == id), reason, clock.GetUtcNow(), ct);
    }

    /// <summary>Ends every open session of a user (lockout).</summary>
    public async Task EndAllAsync(string userId, SessionEndReason reason, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await EndAllAsync(db, userId, reason, clock.GetUtcNow(), ct: ct);
    }

    /// <summary>
    /// After the user changed their own password in <paramref name="current"/>: that session goes on under the new
    /// security stamp (the user just proved the password), every other one ends. On the caller's context and transaction.
    /// </summary>
    public static async Task KeepOnlyAfterPasswordChangeAsync(PortalDbContext db, PortalUser user, Guid? current, DateTimeOffset now,
        CancellationToken ct = default)
    {
        if (current is { } id)
            await db.UserSessions.Where(s => s.Id == id && s.UserId == user.Id && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.SecurityStamp, user.SecurityStamp ?? ""), ct);
        await EndAllAsync(db, user.Id, SessionEndReason.PasswordChanged, now, current, ct);
    }

    /// <summary>
    /// Ends every open session of a user but <paramref name="except"/>, on the caller's context so that it joins the
    /// caller's transaction (the password or role change that is the reason).
    /// </summary>
    public static Task<int> EndAllAsync(PortalDbContext db, string userId, SessionEndReason reason, DateTimeOffset now,
        Guid? except = null, CancellationToken ct = default) =>
        EndWhereAsync(db.UserSessions.Where(s => s.UserId == userId && s.Id != except), reason, now, ct);

    private static Task<int> EndWhereAsync(IQueryable<UserSession> sessions, SessionEndReason reason, DateTimeOffset now, CancellationToken ct) =>
        sessions.Where(s => s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), ct);

    // ---- The signed-in user's own sessions (profile page) ----

    /// <summary>The signed-in user's open sessions, the current one first, then the most recently active.</summary>
    public async Task<IReadOnlyList<SessionRow>> ListMineAsync(CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        var current = SessionIdOf(actor.Principal);
        var now = clock.GetUtcNow();
        var idleSince = now - Options.IdleTimeout;
        var bornAfter = now - Options.AbsoluteLifetime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == actor.UserId && s.EndedAt == null && s.LastSeenAt > idleSince && s.CreatedAt > bornAfter)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => new { s.Id, s.CreatedAt, s.LastSeenAt, s.IpAddress, s.UserAgent })
            .ToListAsync(ct);
        return rows.Select(s => new SessionRow(s.Id, s.CreatedAt, s.LastSeenAt, s.IpAddress, BrowserSummary.Of(s.UserAgent), s.Id == current))
            .OrderByDescending(s => s.IsCurrent).ToList();
    }

    /// <summary>Ends one of the user's other sessions (the current one ends through 退出). Audited.</summary>
    public async Task EndMineAsync(Guid sessionId, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        if (sessionId == SessionIdOf(actor.Principal))
            throw new DomainException("不能在此结束当前会话，请使用页面右上角的“退出”。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var ended = await EndWhereAsync(db.UserSessions.Where(s => s.Id == sessionId && s.UserId == actor.UserId),
            SessionEndReason.EndedByUser, clock.GetUtcNow(), ct);
        if (ended == 0) throw new DomainException("该会话已结束或不存在。");
        await audit.WriteAsync(AuditActions.SessionEnded, nameof(UserSession), sessionId.ToString(),
            new { 会话 = ShortId(sessionId), 原因 = SessionEndReasons.DisplayName(SessionEndReason.EndedByUser) }, ct);
    }

    /// <summary>Ends all of the user's sessions but the current one; returns how many. Audited.</summary>
    public async Task<int> EndMyOtherSessionsAsync(CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var ended = await EndAllAsync(db, actor.UserId!, SessionEndReason.EndedByUser, clock.GetUtcNow(), SessionIdOf(actor.Principal), ct);
        if (ended > 0)
            await audit.WriteAsync(AuditActions.SessionEnded, new { 范围 = "除当前会话外的全部会话", 数量 = ended,
                原因 = SessionEndReasons.DisplayName(SessionEndReason.EndedByUser) }, ct);
        return ended;
    }

    private static string ShortId(Guid id) => id.ToString("N")[..8];

    // Headers are sender's text like any input: the input rule's noise is dropped before it is stored.
    private static string? Cut(string? value, int max) =>
        InputText.Term(value) is not { } kept ? null : kept.Length <= max ? kept : kept[..max];
}

/// <summary>A user agent string as a person recognises it: 「Edge 131（Windows）」.</summary>
public static partial class BrowserSummary
{
    public static string Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "未知浏览器";
        // Order matters: Edge and the Chinese browsers also call themselves Chrome and Safari.
        (string Name, Regex Pattern)[] browsers =
        [
            ("Edge", EdgePattern()), ("360 浏览器", Qihoo()), ("QQ 浏览器", QqPattern()), ("Firefox", FirefoxPattern()),
            ("Chrome", ChromePattern()), ("Safari", SafariPattern()),
        ];
        var browser = browsers.Select(b => (b.Name, Match: b.Pattern.Match(userAgent))).FirstOrDefault(b => b.Match.Success);
        var name = browser.Match is { } m ? $"{browser.Name}{(m.Groups.Count > 1 && m.Groups[1].Success ? " " + m.Groups[1].Value : "")}" : "其他浏览器";
        var os = userAgent.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : userAgent.Contains("Android", StringComparison.Ordinal) ? "Android"
            : userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : userAgent.Contains("Mac OS X", StringComparison.Ordinal) ? "macOS"
            : userAgent.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : null;
        return os is null ? name : $"{name}（{os}）";
    }

    [GeneratedRegex(@"Edg(?:e|A|iOS)?/(\d+)")] private static partial Regex EdgePattern();
    [GeneratedRegex(@"QIHU 360|360SE|360EE")] private static partial Regex Qihoo();
    [GeneratedRegex(@"QQBrowser/(\d+)")] private static partial Regex QqPattern();
    [GeneratedRegex(@"Firefox/(\d+)")] private static partial Regex FirefoxPattern();
    [GeneratedRegex(@"(?:Chrome|Chromium|CriOS)/(\d+)")] private static partial Regex ChromePattern();
    [GeneratedRegex(@"Version/(\d+)[.\d]* .*Safari/")] private static partial Regex SafariPattern();
}

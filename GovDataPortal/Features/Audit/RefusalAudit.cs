using System.Collections.Concurrent;
using System.Security.Claims;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Audit;

/// <summary>
/// Refused requests — 401/403 on <c>/api</c> and pages, and pages sent to the access-denied page — are security events
/// (等保2.0 GB/T 22239-2019 8.1.4.3 安全审计). One record per caller (user, or address when nobody is signed in) per
/// <see cref="Window"/>; the refusals in between are only counted and the count goes into that caller's next record, so
/// a flood of refused requests cannot bloat the log.
/// </summary>
public sealed class RefusalAudit(TimeProvider clock, ILogger<RefusalAudit> logger)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int MaxPathLength = 200;
    private const int PruneAbove = 10_000;

    private sealed class Tally
    {
        public DateTimeOffset WindowStart;
        public int Suppressed;
    }

    /// <summary>The tally shared by new callers while the table is full (a flood from ever new addresses).</summary>
    internal const string OverflowKey = "overflow";

    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    /// <summary>The number of refusals of the caller not written since its last record, or null when this one is not written.</summary>
    internal int? Admit(string key)
    {
        var now = clock.GetUtcNow();
        if (_tallies.Count > PruneAbove && now - _prunedAt >= Window / 6)
        {
            _prunedAt = now; // at most every ten seconds: a scan per refusal would make the flood expensive
            foreach (var (k, t) in _tallies)
                if (now - t.WindowStart >= Window) _tallies.TryRemove(k, out _);
        }
        // Still full: callers not yet known share one tally, so the flood writes one record a minute, not one per address.
        if (_tallies.Count > PruneAbove && !_tallies.ContainsKey(key)) key = OverflowKey;

        var tally = _tallies.GetOrAdd(key, _ => new Tally { WindowStart = DateTimeOffset.MinValue });
        lock (tally)
        {
            if (now - tally.WindowStart < Window)
            {
                tally.Suppressed++;
                return null;
            }
            var suppressed = tally.Suppressed;
            (tally.WindowStart, tally.Suppressed) = (now, 0);
            return suppressed;
        }
    }

    internal static bool IsRefusal(HttpContext http, string accessDeniedPath) =>
        http.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
        || (http.Response.StatusCode == StatusCodes.Status302Found
            && Uri.TryCreate(http.Request.Scheme + "://" + http.Request.Host + "/", UriKind.Absolute, out var origin)
            && Uri.TryCreate(origin, http.Response.Headers.Location.ToString(), out var target)
            && target.AbsolutePath.StartsWith(accessDeniedPath, StringComparison.OrdinalIgnoreCase));

    internal async Task RecordAsync(HttpContext http)
    {
        var user = http.User;
        var ip = http.Connection.RemoteIpAddress?.ToString();
        var signedIn = user.Identity?.IsAuthenticated == true;
        var key = signedIn ? "user:" + user.FindFirstValue(ClaimTypes.NameIdentifier) : "ip:" + ip;
        if (Admit(key) is not { } suppressed) return;

        var path = http.Request.Path.Value ?? "";
        try
        {
            var actor = http.RequestServices.GetRequiredService<CurrentActor>();
            actor.Set(user, ip);
            var status = http.Response.StatusCode == StatusCodes.Status302Found ? StatusCodes.Status403Forbidden : http.Response.StatusCode;
            await http.RequestServices.GetRequiredService<AuditLog>().WriteAsync(AuditActions.AccessRefused, new
            {
                方法 = http.Request.Method,
                路径 = path.Length > MaxPathLength ? path[..MaxPathLength] + "…" : path,
                状态 = status,
                此前一分钟内未单独记录的拒绝次数 = suppressed,
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The refusal itself has been answered; a failed audit write must not turn it into a 500.
            logger.LogError(e, "Could not audit a refused request to {Path}", path);
        }
    }
}

public static class RefusalAuditSetup
{
    /// <summary>Early in the pipeline, so it sees the final status whoever refused (authorization, a service, the cookie scheme).</summary>
    public static IApplicationBuilder UseRefusalAudit(this IApplicationBuilder app, string accessDeniedPath) =>
        app.Use(async (http, next) =>
        {
            await next(http);
            if (RefusalAudit.IsRefusal(http, accessDeniedPath))
                await http.RequestServices.GetRequiredService<RefusalAudit>().RecordAsync(http);
        });
}

using System.Threading.RateLimiting;

namespace GovDataPortal.Features.Identity;

/// <summary>
/// Fixed-window limiters (System.Threading.RateLimiting, the limiters behind ASP.NET Core's rate-limiting middleware),
/// partitioned by address and by user name. The middleware cannot be used as is: the user name is in the form body,
/// which its partitioner cannot read, and the page has to say why in Chinese rather than answer a bare 429.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const string TooManyAttempts = "登录尝试过于频繁，请稍后再试。";

    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly PartitionedRateLimiter<string> _byUserName;

    public LoginThrottle(Microsoft.Extensions.Options.IOptions<SecurityOptions> options)
    {
        var o = options.Value.LoginRateLimit;
        _byAddress = Limiter(o.PerAddress, o.WindowSeconds);
        _byUserName = Limiter(o.PerUserName, o.WindowSeconds);
    }

    private static PartitionedRateLimiter<string> Limiter(int permits, int windowSeconds) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = TimeSpan.FromSeconds(Math.Max(1, windowSeconds)),
            QueueLimit = 0,
        }), StringComparer.Ordinal);

    /// <summary>Takes one attempt from the address's and the user name's allowance; false when either is used up.</summary>
    public bool TryAcquire(string? ip, string userName)
    {
        using var address = _byAddress.AttemptAcquire(ip ?? "unknown");
        if (!address.IsAcquired) return false;
        using var name = _byUserName.AttemptAcquire(userName.Trim().ToUpperInvariant());
        return name.IsAcquired;
    }

    public void Dispose()
    {
        _byAddress.Dispose();
        _byUserName.Dispose();
    }
}

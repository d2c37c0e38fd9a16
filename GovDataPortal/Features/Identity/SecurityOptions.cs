namespace GovDataPortal.Features.Identity;

/// <summary>
/// Binds the whole <c>Security</c> section, once: how long a sign-in lasts and how old a password may grow, the sign-in
/// rate limit, and the transport rules (HTTPS, trusted proxies). The session and password defaults are what
/// GB/T 22239-2019 8.1.4.1 (三级 身份鉴别) asks of a level-3 system: passwords changed regularly (a), and a session
/// that ends by itself when left idle or open too long (b).
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>The most recent passwords a new one may not repeat (the current one included).</summary>
    public const int PasswordHistoryDepth = 5;

    /// <summary>A session without any request or page activity for this long is ended (连接超时自动退出).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however active it is.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A password older than this many days must be changed at the next sign-in.</summary>
    public int PasswordMaxAgeDays { get; set; } = 90;

    /// <summary><c>Security:LoginRateLimit</c> (see <see cref="LoginThrottle"/>).</summary>
    public LoginRateLimitOptions LoginRateLimit { get; set; } = new();

    /// <summary>
    /// HSTS, HTTPS redirection and Secure-only cookies; unset means every environment but Development
    /// (see <see cref="RequiresHttps"/>).
    /// </summary>
    public bool? RequireHttps { get; set; }

    /// <summary>
    /// The TLS-terminating reverse proxies whose X-Forwarded-For/-Proto are believed, by address — nobody else's, not
    /// even loopback's.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>The same by network (CIDR, e.g. 10.0.0.0/8).</summary>
    public string[] TrustedNetworks { get; set; } = [];

    public bool RequiresHttps(IHostEnvironment env) => RequireHttps ?? !env.IsDevelopment();
}

/// <summary>
/// Settings under <c>Security:LoginRateLimit</c>: sign-in attempts allowed per client address and per user name within
/// <see cref="WindowSeconds"/>. Lockout (5 wrong passwords) guards one account; this guards against one address trying
/// many names, and against one name being tried from many places.
/// </summary>
public sealed class LoginRateLimitOptions
{
    public int PerAddress { get; set; } = 30;
    public int PerUserName { get; set; } = 10;
    public int WindowSeconds { get; set; } = 60;
}

public static class SecurityOptionsSetup
{
    public static IServiceCollection AddSecurityOptions(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<SecurityOptions>().Bind(config.GetSection(SecurityOptions.Section))
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.AbsoluteLifetime > TimeSpan.Zero,
                "配置项 Security:IdleTimeout 与 Security:AbsoluteLifetime 必须为正的时长（如 00:30:00、08:00:00）。")
            .Validate(o => o.PasswordMaxAgeDays > 0, "配置项 Security:PasswordMaxAgeDays 必须为正整数（天数）。")
            .ValidateOnStart();
        return services;
    }
}

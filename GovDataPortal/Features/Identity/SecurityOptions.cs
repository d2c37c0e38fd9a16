namespace GovDataPortal.Features.Identity;

/// <summary>
/// Binds <c>Security:*</c>: how long a sign-in lasts and how old a password may grow. The defaults are what
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

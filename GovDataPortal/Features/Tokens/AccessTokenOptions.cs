namespace GovDataPortal.Features.Tokens;

/// <summary>
/// Personal access token settings (section <c>Tokens</c>). Every token expires: a credential that never does is what
/// GB/T 22239-2019 三级 (8.1.4.1 身份鉴别) asks a system not to hand out.
/// </summary>
public sealed class AccessTokenOptions
{
    public const string Section = "Tokens";

    /// <summary>The longest lifetime anyone may choose (the profile page promises 有效期最长一年).</summary>
    public const int MaxLifetimeDays = 365;

    /// <summary>The lifetime of a token issued without an expiry date.</summary>
    public int DefaultLifetimeDays { get; set; } = 90;

    public static IServiceCollection Add(IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<AccessTokenOptions>().Bind(config.GetSection(Section))
            .Validate(o => o.DefaultLifetimeDays is >= 1 and <= MaxLifetimeDays,
                $"配置项 Tokens:DefaultLifetimeDays 应在 1 到 {MaxLifetimeDays} 之间。")
            .ValidateOnStart();
        return services;
    }
}

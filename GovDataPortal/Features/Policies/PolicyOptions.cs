namespace GovDataPortal.Features.Policies;

/// <summary>Binds <c>Portal:*</c>. The active jurisdiction decides which built-in profile applies.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>changsha | shuangpai | hubei | longyan | foshan.</summary>
    public string Jurisdiction { get; set; } = "shuangpai";

    public Jurisdiction ActiveJurisdiction =>
        Regulations.TryParse(Jurisdiction, out var j)
            ? j
            : throw new InvalidOperationException(
                $"配置项 Portal:Jurisdiction 的值“{Jurisdiction}”无效，应为 changsha、shuangpai、hubei、longyan 或 foshan 之一。");
}

public static class PortalOptionsSetup
{
    /// <summary>Binds <c>Portal:*</c>; an unknown jurisdiction stops start-up with a Chinese message.</summary>
    public static IServiceCollection AddPortalOptions(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<PortalOptions>().Bind(config.GetSection(PortalOptions.Section))
            .Validate(o => Regulations.TryParse(o.Jurisdiction, out _),
                "配置项 Portal:Jurisdiction 应为 changsha、shuangpai、hubei、longyan 或 foshan 之一。")
            .ValidateOnStart();
        return services;
    }
}

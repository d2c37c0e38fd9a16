namespace GovDataPortal.Features.Tokens;

public static class TokenSetup
{
    /// <summary>Personal access tokens: issuing and revoking them, and their lifetime settings (the bearer scheme is Identity's).</summary>
    public static IServiceCollection AddAccessTokens(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AccessTokenService>();
        return AccessTokenOptions.Add(services, config);
    }
}

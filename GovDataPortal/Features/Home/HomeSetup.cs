namespace GovDataPortal.Features.Home;

public static class HomeSetup
{
    /// <summary>The shell (menu, header) and 工作台.</summary>
    public static IServiceCollection AddHome(this IServiceCollection services) =>
        services.AddScoped<ShellService>().AddScoped<HomeService>();
}

namespace GovDataPortal.Features.Demo;

public static class DemoSetup
{
    public static IServiceCollection AddDemo(this IServiceCollection services) =>
        services.AddScoped<DemoSeeder>().AddScoped<CatalogueDemoSeeder>().AddScoped<SharingDemoSeeder>();
}

namespace GovDataPortal.Features.Catalogue;

/// <summary>The catalogue feature's registrations (its parts add theirs here).</summary>
public static class CatalogueSetup
{
    public static IServiceCollection AddCatalogue(this IServiceCollection services)
    {
        services.AddScoped<CatalogueAccess>();
        services.AddScoped<CatalogueLifecycleService>();
        services.AddScoped<CatalogueQueryService>();
        return services;
    }
}

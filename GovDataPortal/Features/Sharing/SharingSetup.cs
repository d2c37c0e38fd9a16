using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Sharing.Scenarios;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovDataPortal.Features.Sharing;

/// <summary>The sharing feature's registrations (its parts add theirs here).</summary>
public static class SharingSetup
{
    public static IServiceCollection AddSharing(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Scoped<ICatalogueGrantHolders, ShareGrantHolders>());
        services.TryAddScoped<IApplicationScenarioMatch, NoApplicationScenarioMatch>();
        // Application scenarios (foshan Art. 28): the real match replaces the default.
        services.Replace(ServiceDescriptor.Scoped<IApplicationScenarioMatch, ApplicationScenarioMatch>());
        services.AddScoped<ApplicationScenarioService>();
        services.AddScoped<ShareOverviewService>();
        return services;
    }
}

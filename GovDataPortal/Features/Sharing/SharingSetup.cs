using GovDataPortal.Features.Catalogue;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovDataPortal.Features.Sharing;

/// <summary>The sharing feature's registrations (its parts add theirs here).</summary>
public static class SharingSetup
{
    public static IServiceCollection AddSharing(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Scoped<ICatalogueGrantHolders, ShareGrantHolders>());
        services.TryAddScoped<IApplicationScenarioMatch, NoApplicationScenarioMatch>();
        return services;
    }
}

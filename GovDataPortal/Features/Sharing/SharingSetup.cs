using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Sharing.Grants;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovDataPortal.Features.Sharing;

/// <summary>The sharing feature's registrations (its parts add theirs here).</summary>
public static class SharingSetup
{
    public static IServiceCollection AddSharing(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Scoped<ICatalogueGrantHolders, ShareGrantHolders>());
        services.TryAddScoped<IApplicationScenarioMatch, NoApplicationScenarioMatch>();
        services.AddGrants();
        return services;
    }

    /// <summary>The sharing API on the token-protected <c>/api</c> group (its parts add theirs here).</summary>
    public static RouteGroupBuilder MapSharingEndpoints(this RouteGroupBuilder api)
    {
        api.MapGrantEndpoints();
        return api;
    }
}

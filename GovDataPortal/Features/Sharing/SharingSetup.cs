using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Workflow;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovDataPortal.Features.Sharing;

/// <summary>The sharing feature's registrations (its parts add theirs here).</summary>
public static class SharingSetup
{
    public static IServiceCollection AddSharing(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Scoped<ICatalogueGrantHolders, ShareGrantHolders>());
        services.TryAddScoped<IApplicationScenarioMatch, NoApplicationScenarioMatch>();
        services.AddScoped<OutsideCatalogueService>();
        services.AddScoped<IFlowSubjectHandler, OutsideCatalogueHandler>();
        services.AddFlowSubjectLink(SharingTexts.OutsideCatalogueSubjectType, id => $"sharing/requests/{id}");
        return services;
    }
}

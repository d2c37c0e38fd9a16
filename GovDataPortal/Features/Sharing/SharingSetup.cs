using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Sharing.Grants;
using GovDataPortal.Features.Sharing.Requests;
using GovDataPortal.Features.Sharing.Scenarios;
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
        // Share requests (issue 10 §1, §5).
        services.AddScoped<ShareRequestService>();
        services.AddScoped<IFlowSubjectHandler, ShareRequestSubjectHandler>();
        services.AddFlowSubjectLink(SharingTexts.SubjectType, id => $"sharing/requests/{id}");
        // Data outside the shared catalogue: uncatalogued (hubei Art. 22) and 不予共享 negotiation.
        services.AddScoped<OutsideCatalogueService>();
        services.AddScoped<IFlowSubjectHandler, OutsideCatalogueHandler>();
        services.AddFlowSubjectLink(SharingTexts.OutsideCatalogueSubjectType, id => $"sharing/requests/{id}");
        // Application scenarios (foshan Art. 28): the real match replaces the default.
        services.Replace(ServiceDescriptor.Scoped<IApplicationScenarioMatch, ApplicationScenarioMatch>());
        services.AddScoped<ApplicationScenarioService>();
        services.AddScoped<ShareOverviewService>();
        // Grants: lists, suspension, expiry and reminder jobs, usage (issue 10 §1).
        services.AddGrants();
        return services;
    }

    /// <summary>The sharing API on the token-protected <c>/api</c> group (its parts add theirs here).</summary>
    public static RouteGroupBuilder MapSharingEndpoints(this RouteGroupBuilder api)
    {
        api.MapShareRequestEndpoints();
        api.MapGrantEndpoints();
        api.MapOutsideCatalogueEndpoints();
        return api;
    }
}

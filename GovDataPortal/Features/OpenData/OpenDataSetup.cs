using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Workflow;

namespace GovDataPortal.Features.OpenData;

/// <summary>The open-data feature's registrations.</summary>
public static class OpenDataSetup
{
    public static IServiceCollection AddOpenData(this IServiceCollection services)
    {
        services.AddScoped<OpenDataService>();
        services.AddScoped<IFlowSubjectHandler, OpenRequestSubjectHandler>();
        services.AddScoped<IFlowSubjectHandler, ObjectionSubjectHandler>();
        services.AddFlowSubjectLink(OpenDataTexts.RequestSubjectType, id => $"open-data/requests/{id}");
        services.AddFlowSubjectLink(OpenDataTexts.ObjectionSubjectType, id => $"open-data/objections/{id}");
        return services;
    }
}

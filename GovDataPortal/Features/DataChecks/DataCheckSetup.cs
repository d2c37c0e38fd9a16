using GovDataPortal.Features.Attachments;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Workflow;

namespace GovDataPortal.Features.DataChecks;

/// <summary>The data-check feature and the attachment service it stores evidence with, in one registration.</summary>
public static class DataCheckSetup
{
    public static IServiceCollection AddDataChecks(this IServiceCollection services)
    {
        services.AddScoped<DataCheckService>();
        services.AddScoped<IFlowSubjectHandler, DataCheckSubjectHandler>();
        services.AddAttachments();
        services.AddScoped<IAttachmentAccess, DataCheckAttachmentAccess>();
        services.AddFlowSubjectLink(DataCheckTexts.SubjectType, id => $"data-checks/{id}");
        return services;
    }
}

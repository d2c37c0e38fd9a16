using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure.Jobs;

namespace GovDataPortal.Features.Catalogue;

/// <summary>Registrations of update obligations, yearly maintenance and one-source (called from <see cref="CatalogueSetup"/>).</summary>
public static class ObligationSetup
{
    public static IServiceCollection AddCatalogueObligations(this IServiceCollection services)
    {
        services.AddScoped<ObligationAnswerGate>();
        services.AddScoped<ObligationService>();
        services.AddScoped<IFlowSubjectHandler, ObligationSubjectHandler>();
        services.AddScoped<ICatalogueVersionPublished, ObligationPublicationHook>();
        services.AddFlowSubjectLink(ObligationTexts.SubjectType, id => ObligationTexts.Link(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)));
        services.AddScoped<MaintenanceService>();
        services.AddRecurringJob<MaintenanceReminderJob>(MaintenanceReminderJob.Id, MaintenanceReminderJob.Cron, j => j.RunAsync(CancellationToken.None));
        services.AddScoped<OneSourceService>();
        return services;
    }
}

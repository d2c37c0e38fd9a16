using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Workflow;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovDataPortal.Features.Catalogue;

/// <summary>The catalogue feature's registrations (its parts add theirs here).</summary>
public static class CatalogueSetup
{
    public static IServiceCollection AddCatalogue(this IServiceCollection services)
    {
        services.AddScoped<CatalogueAccess>();
        services.AddScoped<ResourceClassService>();
        services.AddScoped<CatalogueLifecycleService>();
        // Lifecycle: the review gate is shared by the service and the submission's flow handler within a scope.
        services.AddScoped<CatalogueReviewGate>();
        services.AddScoped<IFlowSubjectHandler, CatalogueSubmissionHandler>();
        services.AddScoped<IFlowSubjectHandler, CatalogueWithdrawalHandler>();
        services.TryAddScoped<ICatalogueGrantHolders, NoCatalogueGrantHolders>();
        services.AddScoped<ICatalogueSharing, CatalogueSharing>();
        services.AddScoped<ICatalogueOpening, CatalogueOpening>();
        services.AddFlowSubjectLink(CatalogueTexts.SubjectType, id => $"catalogue/review/{id}");
        services.AddFlowSubjectLink(CatalogueWithdrawalHandler.Type, id => $"catalogue/{id}");
        services.AddScoped<Editing.CatalogueEditorService>();
        services.AddCatalogueObligations();
        services.AddScoped<Excel.CatalogueImportService>();
        services.AddScoped<Excel.CatalogueExportService>();
        services.AddScoped<CatalogueQueryService>();
        return services;
    }
}

using System.Globalization;
using GovDataPortal.Components;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Tokens;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Catalogue.Excel;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Features.OpenData;
using GovDataPortal.Features.Attachments;
using GovDataPortal.Features.Home;
using Microsoft.AspNetCore.Localization;
using GovDataPortal.Infrastructure.Jobs;
using GovDataPortal.Infrastructure.Ui;
using MudBlazor;
using MudBlazor.Services;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// Everything the portal registers and the request pipeline, in one place so tests host exactly the same app. Each feature
/// registers its own services (AddX in its folder); this only calls them, with the plumbing.
/// </summary>
public static class PortalServices
{
    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration config)
    {
        services.AddPortalOptions(config);
        services.AddPolicyProfiles();
        services.AddWorkingDayCalendar();
        services.AddSingleton(TimeProvider.System);
        services.AddPortalDatabase(config);
        services.AddCustomPolicyProfiles();
        services.AddSecurityOptions(config);
        services.AddPortalIdentity();
        services.AddWorkflow(config);
        services.AddInbox(config);
        services.AddAudit();
        services.AddOrganisation();
        services.AddAccessTokens(config);
        services.AddAttachments();
        services.AddDataChecks();
        services.AddCatalogue();
        services.AddSharing();
        services.AddOpenData();
        services.AddHome();
        services.AddDemo();
        services.AddPortalJobs(config);
        services.AddApiProtocol();
        services.AddTransportSecurity();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter;
            o.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        services.AddTransient<MudLocalizer, ZhCnMudLocalizer>();
        services.AddInputTextRule();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddAntiforgery();
        return services;
    }

    public const long ApiMaxBodyBytes = 1024 * 1024;
    public const string AccessDeniedPath = "/account/access-denied";

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseTransportSecurity();
        var zh = new CultureInfo("zh-CN");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(zh),
            SupportedCultures = [zh],
            SupportedUICultures = [zh],
        });
        app.UseRefusalAudit(AccessDeniedPath);
        app.UseExceptionHandler();
        // A page address that does not exist gets the Chinese 404 page (re-executed, so the status stays 404); under
        // /api the inner handler answers with problem details first, and the outer one leaves a written body alone.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(ApiProtocol.IsApi, api => api.UseStatusCodePages());

        // Static assets (framework script, MudBlazor, css) are public: the fallback policy must not send them to the login page.
        app.MapStaticAssets().AllowAnonymous();
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        // API bodies are small JSON documents; a larger one is refused (413) before an endpoint reads it (and only
        // buffered for a caller with a valid token).
        app.UseApiBodyLimit();
        // After authorization: the /api policy authenticates the bearer token only there.
        app.UseCurrentActor();
        app.UseApiInputText();
        app.UseAntiforgery();

        app.UseJobsDashboard();
        // The API description helps an attacker as much as an integrator: public only on a developer's machine
        // (GB/T 22239-2019 8.1.4.2 a: access only for accounts that were given it).
        var openApi = app.MapOpenApi();
        if (app.Environment.IsDevelopment()) openApi.AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapAuditExport();
        app.MapAttachmentDownloads();
        app.MapPolicyDownloads();
        app.MapCatalogueExcel();
        app.MapScenarioExports();
        app.MapSharingExports();

        var api = app.MapGroup(ApiProtocol.Prefix).RequireAuthorization(PortalPolicies.Api).WithTags("API").RefuseUndefinedEnumValues();
        api.MapMeEndpoints();
        api.MapOrganisationEndpoints();
        api.MapTokenEndpoints();
        api.MapAuditEndpoints();
        api.MapPolicyEndpoints();
        api.MapCalendarEndpoints();
        api.MapInboxEndpoints();
        api.MapDataCheckEndpoints();
        api.MapSharingEndpoints();
        api.MapOpenDataEndpoints();
        api.MapCatalogueBrowseEndpoints();

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

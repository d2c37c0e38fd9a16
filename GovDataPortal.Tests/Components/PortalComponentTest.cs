using Bunit;
using GovDataPortal.Infrastructure.Ui;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace GovDataPortal.Tests.Components;

/// <summary>
/// Base of every component test: a bUnit context with MudBlazor's services, the portal's Chinese texts for MudBlazor's
/// built-ins, loose JS interop (MudBlazor calls into JS that bUnit does not run) and a fixed antiforgery token.
/// Feature services come from the test: a real service resolved in a <c>PortalFixture</c> scope, registered with
/// <c>Services.AddSingleton(service)</c>.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    // MudBlazor registers services that only dispose asynchronously: xUnit must dispose the context that way.
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected PortalComponentTest()
    {
        Services.AddMudServices();
        Services.AddTransient<MudLocalizer, ZhCnMudLocalizer>();
        Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Popovers, menus, selects and dialogs render into these providers; render them before the component.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopoverProvider() => Render<MudPopoverProvider>();

    protected IRenderedComponent<MudDialogProvider> RenderDialogProvider() => Render<MudDialogProvider>();

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}

using Bunit;
using GovDataPortal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GovDataPortal.Tests.Components;

/// <summary>
/// Dialogs and the bell render outside the page's error boundary: an unexpected error there is said in Chinese in its
/// place and the shell keeps working (before, it ended the circuit).
/// </summary>
public class SafeRegionTests : PortalComponentTest
{
    [Fact]
    public async Task An_unexpected_error_in_a_dialog_is_said_in_Chinese_and_the_dialogs_work_again_after_retry()
    {
        var layer = Render<SafeRegion>(p => p.AddChildContent<MudDialogProvider>());
        var dialogs = Services.GetRequiredService<IDialogService>();

        await layer.InvokeAsync(() => dialogs.ShowAsync<FailingDialog>("出错的对话框"));
        layer.Find("button.failing").Click();

        Assert.Contains(UiMessages.UnexpectedRegionFailure, layer.Find("[role=alert]").TextContent);
        layer.Find("[role=alert] button").Click();
        Assert.Empty(layer.FindAll("[role=alert]"));
        await layer.InvokeAsync(() => dialogs.ShowAsync<FailingDialog>("再次打开"));
        layer.WaitForAssertion(() => Assert.NotEmpty(layer.FindAll("button.failing")));
    }

    [Fact]
    public void A_region_without_errors_shows_its_content_only()
    {
        var region = Render<SafeRegion>(p => p.Add(x => x.Message, "通知暂时无法显示。")
            .AddChildContent("<span class=\"bell\">铃</span>"));
        Assert.NotNull(region.Find(".bell"));
        Assert.Empty(region.FindAll("[role=alert]"));
    }

    /// <summary>A dialog whose button fails the way an unforeseen fault would.</summary>
    private sealed class FailingDialog : ComponentBase
    {
        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "class", "failing");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, Fail));
            builder.AddContent(3, "保存");
            builder.CloseElement();
        }

        private static void Fail() => throw new InvalidOperationException("unforeseen");
    }
}

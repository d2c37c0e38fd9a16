using Bunit;
using GovDataPortal.Features.Identity;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Features.Organisation;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>The user dialog rendered by bUnit through IDialogService, with the real service acting as the system administrator.</summary>
public class UserEditDialogTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog, AsyncServiceScope Scope)> OpenAsync()
    {
        var scope = await portal.ScopeAsAsync("admin");
        var users = scope.Get<UserAdministrationService>();
        Services.AddSingleton(users);
        var departments = await users.ListDepartmentsAsync();
        RenderPopoverProvider();
        var provider = RenderDialogProvider();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<UserEditDialog>("新建用户",
            new DialogParameters<UserEditDialog> { { x => x.Departments, departments } }));
        provider.WaitForAssertion(() => provider.Find("#edit-save"), Wait);
        return (provider, dialog, scope);
    }

    [Fact]
    public async Task The_dialog_offers_chinese_buttons_and_shows_the_service_messages_under_their_fields()
    {
        var (provider, dialog, scope) = await OpenAsync();
        await using var _ = scope;

        Assert.Equal("取消", provider.Find("#edit-cancel").TextContent.Trim());
        Assert.Equal("保存", provider.Find("#edit-save").TextContent.Trim());
        provider.Find("#edit-save").Click();

        provider.WaitForAssertion(() => Assert.Equal("请填写用户名。", provider.Find(".gdp-field-error[data-field='UserName']").TextContent), Wait);
        Assert.Equal("请选择所属部门。", provider.Find(".gdp-field-error[data-field='DepartmentId']").TextContent);
        Assert.False(dialog.Result.IsCompleted); // refused: the dialog stays open
    }

    [Fact]
    public async Task An_over_long_display_name_shows_its_counter_and_message_and_nothing_is_sent()
    {
        var (provider, dialog, scope) = await OpenAsync();
        await using var _ = scope;
        await using var db = await portal.DbAsync();
        var before = await db.Users.CountAsync();

        var displayName = provider.Find("input#edit-displayname");
        Assert.True(DepartmentDetailPageTests.NotCut(displayName)); // shown, never cut by the browser
        provider.Find("input#edit-username").Input("toolong");
        displayName.Input(new string('名', 51));
        provider.Find("#edit-save").Click();

        provider.WaitForAssertion(() => Assert.Contains("最多 50 个字符，当前 51 个，请删减。", provider.Markup), Wait);
        Assert.Contains($"51 / {UserAdministrationService.DisplayNameMaxLength}", provider.Markup);
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(before, await db.Users.CountAsync());
    }
}

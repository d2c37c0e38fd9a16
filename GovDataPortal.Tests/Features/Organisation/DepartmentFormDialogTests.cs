using Bunit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>The department dialog opened through IDialogService (bUnit) with the real service acting as the system administrator.</summary>
public class DepartmentFormDialogTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Editing_shows_a_refused_name_under_its_field_saves_nothing_then_saves_the_correction()
    {
        var input = await portal.NewDepartmentInputAsync("双牌县对话框测试局");
        var id = await portal.CreateDepartmentAsAdminAsync(input);
        await using var scope = await portal.ScopeAsAsync("admin");
        Services.AddSingleton(scope.Get<OrganisationService>());
        RenderPopoverProvider();
        var provider = RenderDialogProvider();
        var dialog = await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<DepartmentFormDialog>(
            "编辑部门", new DialogParameters<DepartmentFormDialog> { { x => x.DepartmentId, id } }));
        provider.WaitForAssertion(() => Assert.Equal(input.Name, provider.Find("input#department-name").GetAttribute("value")), Wait);
        Assert.Equal(["取消", "保存"], provider.FindAll(".mud-dialog-actions button").Select(b => b.TextContent.Trim()));

        provider.Find("input#department-name").Input(DemoAccounts.Police);
        provider.Find("#department-save").Click();

        provider.WaitForAssertion(() => Assert.Equal($"已有名为“{DemoAccounts.Police}”的部门，部门名称不能重复。",
            provider.Find(".gdp-field-error[data-field='name']").TextContent), Wait);
        Assert.False(dialog.Result.IsCompleted);
        await using (var db = await portal.DbAsync())
            Assert.Equal(input.Name, await db.Departments.Where(d => d.Id == id).Select(d => d.Name).SingleAsync());

        var renamed = OrganisationTestData.UniqueName("双牌县改名测试局");
        provider.Find("input#department-name").Input(renamed);
        provider.Find("#department-save").Click();

        var result = await dialog.Result.WaitAsync(Wait);
        Assert.False(result!.Canceled);
        await using var check = await portal.DbAsync();
        Assert.Equal(renamed, await check.Departments.Where(d => d.Id == id).Select(d => d.Name).SingleAsync());
    }
}

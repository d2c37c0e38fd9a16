using System.Net.Http.Json;
using Bunit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>
/// The departments pages show what each department lacks for the active rules' flows (issue 8 item 7): a warning chip
/// "缺少：…" or "角色齐全", a filter for the ones lacking something, and the same on the detail page.
/// </summary>
public class MissingRolesPageTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private const string Stem = "双牌县缺角色测试局";

    /// <summary>A department with only a 数据专管员: under shuangpai it lacks a 部门审核人 and a 领导.</summary>
    private async Task<(int Id, string Name)> LackingDepartmentAsync()
    {
        var id = await portal.CreateDepartmentAsAdminAsync(await portal.NewDepartmentInputAsync(Stem));
        await portal.AddRoleHolderAsync(id, PortalRoles.DataSpecialist);
        await using var db = await portal.DbAsync();
        return (id, db.Departments.Single(d => d.Id == id).Name);
    }

    private async Task<(IRenderedComponent<DepartmentsPage> Page, AsyncServiceScope Scope)> RenderDirectoryAsync()
    {
        var scope = await portal.ScopeAsAsync("admin");
        Services.AddSingleton(scope.Get<OrganisationService>());
        RenderPopoverProvider();
        var page = Render<DepartmentsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#departments-grid tbody tr .gdp-department-link")), Wait);
        return (page, scope);
    }

    [Fact]
    public async Task The_directory_shows_a_departments_missing_roles_in_a_warning_chip_and_complete_ones_as_such()
    {
        var (_, name) = await LackingDepartmentAsync();
        var (page, scope) = await RenderDirectoryAsync();
        await using var _ = scope;

        page.Find("input#filter-name").Input(Stem);
        page.WaitForAssertion(() => Assert.Equal("缺少：部门审核人、领导", page.Find(".gdp-missing-roles").TextContent.Trim()), Wait);
        Assert.Contains("mud-chip-color-warning", page.Find(".gdp-missing-roles").ClassName);
        Assert.Contains(name, page.Find("#departments-grid").TextContent);

        page.Find("input#filter-name").Input("公安");
        page.WaitForAssertion(() => Assert.Equal("角色齐全", page.Find(".gdp-roles-complete").TextContent.Trim()), Wait);
        Assert.Empty(page.FindAll(".gdp-missing-roles"));
    }

    [Fact]
    public async Task The_filter_keeps_only_departments_that_lack_a_role()
    {
        var (_, name) = await LackingDepartmentAsync();
        var (page, scope) = await RenderDirectoryAsync();
        await using var _ = scope;
        Assert.NotEmpty(page.FindAll(".gdp-roles-complete"));

        page.Find(".gdp-filter-missing-roles input").Change(true);

        // Every demo department has its roles: what is left are the departments made lacking here.
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".gdp-roles-complete")), Wait);
        Assert.Contains(name, page.Find("#departments-grid").TextContent);
        Assert.All(page.FindAll(".gdp-missing-roles"), chip => Assert.StartsWith("缺少：", chip.TextContent.Trim()));
    }

    [Fact]
    public async Task The_detail_page_names_the_missing_roles_and_what_to_do()
    {
        var (id, _) = await LackingDepartmentAsync();
        var scope = await portal.ScopeAsAsync("admin");
        await using var _ = scope;
        Services.AddSingleton(scope.Get<OrganisationService>());
        RenderPopoverProvider();

        var page = Render<DepartmentDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.DoesNotContain("正在加载…", page.Markup), Wait);

        var alert = page.Find(".gdp-missing-roles").TextContent;
        Assert.Contains("缺少：部门审核人、领导", alert);
        Assert.Contains("请系统管理员为本部门设置账号", alert);
    }

    [Fact]
    public async Task The_api_lists_missing_roles_by_key_and_filters_by_them()
    {
        var (id, _) = await LackingDepartmentAsync();
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var all = await client.GetFromJsonAsync<List<DepartmentRow>>("/api/departments") ?? [];
        var lacking = await client.GetFromJsonAsync<List<DepartmentRow>>("/api/departments?missingRoles=true") ?? [];

        Assert.Equal([PortalRoles.DepartmentApprover, PortalRoles.Leadership], all.Single(d => d.Id == id).MissingRoles);
        Assert.Empty(all.Single(d => d.Name == DemoAccounts.Police).MissingRoles);
        Assert.Contains(lacking, d => d.Id == id);
        Assert.All(lacking, d => Assert.NotEmpty(d.MissingRoles));
    }
}

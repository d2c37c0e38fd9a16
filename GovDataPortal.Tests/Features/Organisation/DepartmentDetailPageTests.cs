using Bunit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>The department pages rendered by bUnit with the real service acting as a demo user (no browser).</summary>
public class DepartmentDetailPageTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    private async Task<(IRenderedComponent<DepartmentDetailPage> Page, AsyncServiceScope Scope)> RenderDetailAsAsync(string userName, string department)
    {
        var id = await portal.DepartmentIdAsync(department);
        var scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(scope.Get<OrganisationService>());
        RenderPopoverProvider();
        var page = Render<DepartmentDetailPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.DoesNotContain("正在加载…", page.Markup), TimeSpan.FromSeconds(10));
        return (page, scope);
    }

    /// <summary>No MaxLength set: MudBlazor then renders the browser's own default (524288), never the field's limit.</summary>
    internal static bool NotCut(AngleSharp.Dom.IElement input) =>
        input.GetAttribute("maxlength") is not { } max || int.Parse(max, System.Globalization.CultureInfo.InvariantCulture) >= 524_288;

    [Fact]
    public async Task Another_departments_page_renders_the_refusal_and_none_of_its_data()
    {
        var (page, scope) = await RenderDetailAsAsync("zhangwei", DemoAccounts.Market);
        await using var _ = scope;

        Assert.Contains("您无权访问其他部门的数据。", page.Find(".gdp-refused").TextContent);
        Assert.Empty(page.FindAll("#department-info"));
        Assert.DoesNotContain("13807461202", page.Markup);
    }

    [Fact]
    public async Task The_own_departments_page_shows_administrators_citation_and_the_register_form_for_the_approver()
    {
        var (page, scope) = await RenderDetailAsAsync("lina", DemoAccounts.Police);
        await using var _ = scope;

        Assert.Empty(page.FindAll(".gdp-refused"));
        Assert.Equal(DemoAccounts.Police, page.Find("h1").TextContent.Trim());
        Assert.Contains("13807461201", page.Find("#administrators-grid").TextContent);
        Assert.Contains("《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第七条", page.Find(".gdp-citation").TextContent);
        Assert.NotNull(page.Find("#administrator-form"));
        Assert.NotNull(page.Find("#administrator-register"));
        // The phone field shows its limit and is never cut by the browser.
        var phone = page.Find("input#administrator-phone");
        Assert.True(NotCut(phone));
        Assert.Contains($"0 / {ContactPhone.MaxLength}", page.Find("#administrator-form").TextContent);
    }

    [Fact]
    public async Task A_data_specialist_sees_the_administrators_but_no_register_form()
    {
        var (page, scope) = await RenderDetailAsAsync("zhangwei", DemoAccounts.Police);
        await using var _ = scope;

        Assert.NotNull(page.Find("#administrators-grid"));
        Assert.Empty(page.FindAll("#administrator-form"));
        Assert.Empty(page.FindAll(".gdp-remove-administrator"));
        Assert.Contains("王强", page.Find("#users-grid").TextContent);
    }
}

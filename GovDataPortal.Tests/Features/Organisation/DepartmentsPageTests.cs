using Bunit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>
/// The directory (部门与数据管理员) rendered by bUnit with the real service. Everyone sees every department, but a
/// department's name is a link only where its detail page opens for the viewer (user-reported: every department was
/// linked although a user may open only their own).
/// </summary>
public class DepartmentsPageTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<(IRenderedComponent<DepartmentsPage> Page, AsyncServiceScope Scope)> RenderAsAsync(string userName)
    {
        var scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(scope.Get<OrganisationService>());
        RenderPopoverProvider();
        var page = Render<DepartmentsPage>();
        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll("#departments-grid tbody tr").Count), Wait);
        return (page, scope);
    }

    /// <summary>The department names shown in the grid: (name, rendered as a link?).</summary>
    private static List<(string Name, bool Link)> Names(IRenderedComponent<DepartmentsPage> page) =>
        page.FindAll(".gdp-department-link, .gdp-department-name")
            .Select(e => (e.TextContent.Trim(), e.ClassList.Contains("gdp-department-link") && e.TagName == "A")).ToList();

    [Fact]
    public async Task A_member_sees_every_department_but_only_the_own_is_a_link()
    {
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        var (page, scope) = await RenderAsAsync("zhangwei");
        await using var _ = scope;

        var firstPage = Names(page);
        Assert.Equal(20, firstPage.Count);
        Assert.All(firstPage, n => Assert.Equal(n.Name == DemoAccounts.Police, n.Link));

        // Narrow to the own department and to another: the own is a link to its page, the other plain text.
        page.Find("input#filter-name").Input("公安");
        page.WaitForAssertion(() => Assert.Equal([(DemoAccounts.Police, true)], Names(page)), Wait);
        Assert.Equal($"departments/{police}", page.Find("a.gdp-department-link").GetAttribute("href"));

        page.Find("input#filter-name").Input("市场监督");
        page.WaitForAssertion(() => Assert.Equal([(DemoAccounts.Market, false)], Names(page)), Wait);
        Assert.Empty(page.FindAll("#departments-grid a"));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("security")]
    public async Task System_and_security_administrators_get_a_link_for_every_department(string userName)
    {
        var (page, scope) = await RenderAsAsync(userName);
        await using var _ = scope;

        Assert.All(Names(page), n => Assert.True(n.Link, n.Name));
    }

    [Fact]
    public async Task The_directory_marks_departments_without_administrator_in_red_and_shows_the_citation()
    {
        var (page, scope) = await RenderAsAsync("zhangwei");
        await using var _ = scope;

        // shuangpai Art. 7 makes each unit's 行政审批股室 responsible for its data: the portal cites its own regulation.
        Assert.StartsWith("依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第七条", page.Find("#departments-citation").TextContent);
        Assert.NotEmpty(page.FindAll(".gdp-unregistered"));
        Assert.All(page.FindAll(".gdp-unregistered"), b => Assert.Equal("未登记", b.TextContent.Trim()));
        Assert.Empty(page.FindAll("#department-create"));
        Assert.Contains("共 28 条", page.Find("#departments-grid").TextContent);
    }
}

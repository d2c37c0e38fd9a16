using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>The pages rendered with the real service acting as a demo user (no browser).</summary>
public class DepartmentDetailPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<AngleSharp.Dom.IDocument> RenderDetailAsAsync(string userName, string department)
    {
        var id = await portal.DepartmentIdAsync(department);
        await using var scope = await portal.ScopeAsAsync(userName);
        var service = scope.Get<OrganisationService>();
        return await ComponentRenderer.RenderAsync<DepartmentDetailPage>(
            new Dictionary<string, object?> { [nameof(DepartmentDetailPage.Id)] = id },
            s => s.AddSingleton(service));
    }

    [Fact]
    public async Task Another_departments_page_renders_the_refusal_and_none_of_its_data()
    {
        var doc = await RenderDetailAsAsync("zhangwei", DemoAccounts.Market);

        Assert.Contains("您无权访问其他部门的数据。", doc.QuerySelector(".gdp-refused")!.TextContent);
        Assert.Null(doc.QuerySelector("#department-info"));
        Assert.DoesNotContain("13807461202", doc.Body!.TextContent);
    }

    [Fact]
    public async Task The_own_departments_page_shows_administrators_citation_and_the_register_form_for_the_approver()
    {
        var doc = await RenderDetailAsAsync("lina", DemoAccounts.Police);

        Assert.Null(doc.QuerySelector(".gdp-refused"));
        Assert.Equal(DemoAccounts.Police, doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("13807461201", doc.QuerySelector("#administrators-grid")!.TextContent);
        Assert.Contains("第五条、第二十六条", doc.QuerySelector(".gdp-citation")!.TextContent);
        Assert.NotNull(doc.QuerySelector("#administrator-form"));
    }

    [Fact]
    public async Task A_data_specialist_sees_the_administrators_but_no_register_form()
    {
        var doc = await RenderDetailAsAsync("zhangwei", DemoAccounts.Police);

        Assert.NotNull(doc.QuerySelector("#administrators-grid"));
        Assert.Null(doc.QuerySelector("#administrator-form"));
    }

    [Fact]
    public async Task The_directory_marks_departments_without_administrator_in_red_and_shows_the_citation()
    {
        await using var scope = await portal.ScopeAsAsync("zhangwei");
        var service = scope.Get<OrganisationService>();

        var doc = await ComponentRenderer.RenderAsync<DepartmentsPage>(services: s => s.AddSingleton(service));

        Assert.Contains("龙政办〔2020〕91号", doc.QuerySelector("#departments-citation")!.TextContent);
        Assert.NotEmpty(doc.QuerySelectorAll(".gdp-unregistered"));
        Assert.All(doc.QuerySelectorAll(".gdp-unregistered"), b => Assert.Equal("未登记", b.TextContent.Trim()));
        Assert.Null(doc.QuerySelector("#department-create"));
    }
}

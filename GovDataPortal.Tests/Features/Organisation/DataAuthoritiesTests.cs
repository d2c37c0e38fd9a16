using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>
/// One answer to "whose data authority is it": the engine, data checks and 工作台 all walk up to the nearest region
/// that names one. Before, 工作台 counted only the reviewer's own region, so a city authority did not see a county
/// without its own authority that the engine escalates to it.
/// </summary>
public class DataAuthoritiesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private sealed record Layout(int CityAuthority, int CountyWithoutAuthority, int Shuangpai, int Centre);

    /// <summary>永州市 has its data authority (demo); 东安县 below it has none of its own; 双牌县 keeps its own centre.</summary>
    private async Task<Layout> ArrangeAsync()
    {
        await using var db = await portal.DbAsync();
        var city = await db.Regions.SingleAsync(r => r.Code == "431100");
        if (await db.Departments.SingleOrDefaultAsync(d => d.Name == "东安县测试局") is null)
        {
            var county = db.Regions.Add(new Region { Code = "431122", Name = "东安县", Level = RegionLevel.County, ParentId = city.Id }).Entity;
            await db.SaveChangesAsync();
            db.Departments.Add(new Department { Name = "东安县测试局", CreditCode = "11431122MB0000002B", RegionId = county.Id,
                Kind = DepartmentKind.GovernmentDepartment, CreatedAt = portal.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        int Id(string name) => db.Departments.Single(d => d.Name == name).Id;
        return new(Id(DemoAccounts.CityAuthority), Id("东安县测试局"), Id(DemoAccounts.Police), Id(DemoAccounts.Centre));
    }

    [Fact]
    public async Task A_county_without_its_own_authority_answers_to_the_citys_and_a_county_with_one_to_its_own()
    {
        var at = await ArrangeAsync();
        await using var db = await portal.DbAsync();

        Assert.Equal(at.CityAuthority, await DataAuthorities.OfDepartmentAsync(db, at.CountyWithoutAuthority, default));
        Assert.Equal(at.Centre, await DataAuthorities.OfDepartmentAsync(db, at.Shuangpai, default));
        var supervised = await DataAuthorities.SupervisedByAsync(db, at.CityAuthority, default);
        Assert.Contains(at.CountyWithoutAuthority, supervised);
        Assert.DoesNotContain(at.Shuangpai, supervised);
        Assert.Empty(await DataAuthorities.SupervisedByAsync(db, at.Shuangpai, default)); // no region's authority
    }

    [Fact]
    public async Task A_department_with_no_authority_above_it_has_none_and_a_flow_cannot_reach_one()
    {
        await using var db = await portal.DbAsync();
        var province = db.Regions.Add(new Region { Code = "450000", Name = "广西壮族自治区", Level = RegionLevel.Province }).Entity;
        await db.SaveChangesAsync();
        var lonely = db.Departments.Add(new Department { Name = "广西测试厅", CreditCode = "11450000MB0000003C", RegionId = province.Id,
            Kind = DepartmentKind.GovernmentDepartment, CreatedAt = portal.Clock.GetUtcNow() }).Entity;
        await db.SaveChangesAsync();

        Assert.Null(await DataAuthorities.OfDepartmentAsync(db, lonely.Id, default));
        await Assert.ThrowsAsync<DomainException>(() => FlowAssignees.DataAuthorityOfAsync(db, lonely.Id, default));
    }

    [Fact]
    public async Task The_workbench_of_a_city_reviewer_covers_the_county_the_engine_escalates_to_her()
    {
        var at = await ArrangeAsync();
        await using (var scope = portal.AnonymousScope())
        {
            var users = scope.Get<UserManager<PortalUser>>();
            if (await users.FindByNameAsync("yzreviewer") is null)
            {
                var reviewer = new PortalUser { UserName = "yzreviewer", DisplayName = "市级审核员", DepartmentId = at.CityAuthority };
                Assert.True((await users.CreateAsync(reviewer, "Shi@Shenhe2026")).Succeeded);
                Assert.True((await users.AddToRoleAsync(reviewer, PortalRoles.AuthorityReviewer)).Succeeded);
            }
        }

        await using var asReviewer = await portal.ScopeAsAsync("yzreviewer");
        var load = await asReviewer.Get<InboxService>().DepartmentLoadAsync(wholeRegion: true);

        Assert.Contains(load, d => d.DepartmentId == at.CountyWithoutAuthority);
        Assert.DoesNotContain(load, d => d.DepartmentId == at.Shuangpai);
    }
}

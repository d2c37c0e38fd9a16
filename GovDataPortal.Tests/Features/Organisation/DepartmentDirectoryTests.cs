using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>Read-only tests over the untouched demo data: the directory everyone may see.</summary>
public class DepartmentDirectoryTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<IReadOnlyList<DepartmentRow>> ListAsAsync(string userName, DepartmentFilter filter)
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        return await scope.Get<OrganisationService>().ListDepartmentsAsync(filter);
    }

    [Fact]
    public async Task The_filter_without_administrator_returns_exactly_the_departments_that_have_none()
    {
        await using var db = await portal.DbAsync();
        var all = await db.Departments.Select(d => d.Name).ToListAsync();

        var rows = await ListAsAsync("zhangwei", new DepartmentFilter(OnlyWithoutAdministrator: true));

        Assert.Equal(27, all.Count);
        Assert.Equal(all.Except(OrganisationTestData.DepartmentsWithAdministrators).Order(), rows.Select(r => r.Name).Order());
        Assert.All(rows, r => Assert.Equal(0, r.AdministratorCount));
    }

    [Fact]
    public async Task Every_signed_in_user_sees_the_whole_directory_with_administrator_counts()
    {
        var rows = await ListAsAsync("yangfan", new DepartmentFilter());

        Assert.Equal(27, rows.Count);
        var police = rows.Single(r => r.Name == DemoAccounts.Police);
        Assert.Equal(1, police.AdministratorCount);
        Assert.Equal("双牌县", police.RegionName);
        Assert.Equal("政务部门", police.KindName);
        Assert.True(UnifiedSocialCreditCode.IsValid(police.CreditCode));
        // The region's data authority comes first.
        Assert.Equal(DemoAccounts.Centre, rows[0].Name);
        Assert.True(rows[0].IsRegionDataAuthority);
        Assert.Single(rows, r => r.IsRegionDataAuthority);
    }

    [Fact]
    public async Task Name_and_kind_filters_narrow_the_list()
    {
        var byName = await ListAsAsync("zhangwei", new DepartmentFilter(NameContains: " 公安 "));
        var enterprises = await ListAsAsync("zhangwei", new DepartmentFilter(Kind: DepartmentKind.PublicServiceEnterprise));

        Assert.Equal([DemoAccounts.Police], byName.Select(r => r.Name));
        Assert.Equal(2, enterprises.Count);
        Assert.All(enterprises, r => Assert.Equal("公共服务企业", r.KindName));
    }

    [Fact]
    public async Task Nobody_signed_in_may_list_departments()
    {
        await using var scope = portal.AnonymousScope();

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => scope.Get<OrganisationService>().ListDepartmentsAsync());

        Assert.Equal("请先登录。", refused.Message);
    }

    [Fact]
    public async Task Regions_are_listed_in_tree_order()
    {
        await using var scope = await portal.ScopeAsAsync("zhangwei");

        var regions = await scope.Get<OrganisationService>().ListRegionsAsync();

        Assert.Equal(["430000", "431100", "431123"], regions.Select(r => r.Code));
        Assert.Equal([0, 1, 2], regions.Select(r => r.Depth));
        Assert.Equal("永州市", regions[2].ParentName);
    }
}

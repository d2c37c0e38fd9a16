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

        Assert.Equal(28, all.Count); // 27 of 双牌县 and the city authority above them
        Assert.Equal(all.Except(OrganisationTestData.DepartmentsWithAdministrators).Order(), rows.Select(r => r.Name).Order());
        Assert.All(rows, r => Assert.Equal(0, r.AdministratorCount));
    }

    [Fact]
    public async Task Every_signed_in_user_sees_the_whole_directory_with_administrator_counts()
    {
        var rows = await ListAsAsync("yangfan", new DepartmentFilter());

        Assert.Equal(28, rows.Count);
        var police = rows.Single(r => r.Name == DemoAccounts.Police);
        Assert.Equal(1, police.AdministratorCount);
        Assert.Equal("双牌县", police.RegionName);
        Assert.Equal("政务部门", police.KindName);
        Assert.True(UnifiedSocialCreditCode.IsValid(police.CreditCode));
        // Data authorities come first: the city's and the county's.
        Assert.Equal(new[] { DemoAccounts.CityAuthority, DemoAccounts.Centre }.Order(), rows.Take(2).Select(r => r.Name).Order());
        Assert.All(rows.Take(2), r => Assert.True(r.IsRegionDataAuthority));
        Assert.Equal(2, rows.Count(r => r.IsRegionDataAuthority));
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
    public async Task Pages_of_the_directory_are_counted_sorted_and_cut_by_the_database()
    {
        await using var scope = await portal.ScopeAsAsync("zhangwei");
        var organisation = scope.Get<OrganisationService>();
        var all = (await organisation.ListDepartmentsAsync()).Select(r => r.Name).ToList();

        var first = await organisation.PageDepartmentsAsync(new DepartmentFilter(), 0, 20, nameof(DepartmentRow.Name), descending: true);
        var second = await organisation.PageDepartmentsAsync(new DepartmentFilter(), 20, 20, nameof(DepartmentRow.Name), descending: true);

        Assert.Equal((28, 28, 20, 8), (first.Total, second.Total, first.Items.Count, second.Items.Count));
        // The test cluster's collation is C.UTF-8: the database orders names by code point, as Ordinal does.
        Assert.Equal(all.OrderDescending(StringComparer.Ordinal), first.Items.Concat(second.Items).Select(r => r.Name));
    }

    [Fact]
    public async Task A_page_keeps_the_filter_and_the_directory_order_when_no_known_column_is_sorted()
    {
        await using var scope = await portal.ScopeAsAsync("yangfan");
        var organisation = scope.Get<OrganisationService>();

        var without = await organisation.PageDepartmentsAsync(new DepartmentFilter(OnlyWithoutAdministrator: true), 0, 5);
        var unsorted = await organisation.PageDepartmentsAsync(new DepartmentFilter(), 0, 3, sortBy: "DROP TABLE");
        var byAdministrators = await organisation.PageDepartmentsAsync(new DepartmentFilter(), 0, 4,
            nameof(DepartmentRow.AdministratorCount), descending: true);

        Assert.Equal((24, 5), (without.Total, without.Items.Count)); // the city authority has no registered administrator either
        Assert.All(without.Items, r => Assert.Equal(0, r.AdministratorCount));
        Assert.Equal((await organisation.ListDepartmentsAsync()).Take(3).Select(r => r.Id), unsorted.Items.Select(r => r.Id));
        Assert.Equal(OrganisationTestData.DepartmentsWithAdministrators.Order(), byAdministrators.Items.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task Regions_page_in_code_order_with_their_depth_and_filters()
    {
        await using var scope = await portal.ScopeAsAsync("admin");
        var organisation = scope.Get<OrganisationService>();

        var first = await organisation.PageRegionsAsync(null, null, 0, 2);
        var second = await organisation.PageRegionsAsync(null, null, 2, 2);
        var counties = await organisation.PageRegionsAsync(null, RegionLevel.County, 0, 20);
        var byName = await organisation.PageRegionsAsync("永州", null, 0, 20);

        Assert.Equal(3, first.Total);
        Assert.Equal(["430000", "431100"], first.Items.Select(r => r.Code));
        var county = Assert.Single(second.Items);
        Assert.Equal(("431123", 2, "永州市"), (county.Code, county.Depth, county.ParentName));
        Assert.Equal(["431123"], counties.Items.Select(r => r.Code));
        Assert.Equal(["431100"], byName.Items.Select(r => r.Code));
        Assert.Null(first.Items[0].ParentName);
    }

    [Theory]
    [InlineData("zhangwei", DemoAccounts.Police, true)]
    [InlineData("zhangwei", DemoAccounts.Market, false)]
    [InlineData("auditor", DemoAccounts.Police, false)]
    [InlineData("auditor", DemoAccounts.Centre, true)]
    [InlineData("admin", DemoAccounts.Market, true)]
    [InlineData("security", DemoAccounts.Market, true)]
    public async Task The_directory_opens_a_department_exactly_when_its_detail_is_readable(string userName, string department, bool opens)
    {
        var id = await portal.DepartmentIdAsync(department);
        await using var scope = await portal.ScopeAsAsync(userName);
        var organisation = scope.Get<OrganisationService>();

        Assert.Equal(opens, organisation.CanOpenDepartment(id));
        // The same rule as the detail itself: what is offered opens, what is not offered is refused.
        if (opens) Assert.NotNull(await organisation.GetDepartmentAsync(id));
        else await Assert.ThrowsAsync<AccessDeniedException>(() => organisation.GetDepartmentAsync(id));
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

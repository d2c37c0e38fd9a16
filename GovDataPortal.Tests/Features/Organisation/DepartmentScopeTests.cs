using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>A department's detail (its users, its administrators' phones) is private to the department.</summary>
public class DepartmentScopeTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<DepartmentDetail?> DetailAsAsync(string userName, string department)
    {
        var id = await portal.DepartmentIdAsync(department);
        await using var scope = await portal.ScopeAsAsync(userName);
        return await scope.Get<OrganisationService>().GetDepartmentAsync(id);
    }

    [Fact]
    public async Task A_police_user_reading_the_market_regulators_detail_is_refused()
    {
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => DetailAsAsync("zhangwei", DemoAccounts.Market));

        Assert.Equal("您无权访问其他部门的数据。", refused.Message);
    }

    [Fact]
    public async Task The_auditor_of_the_data_authority_is_refused_another_departments_detail() =>
        await Assert.ThrowsAsync<AccessDeniedException>(() => DetailAsAsync("auditor", DemoAccounts.Police));

    [Fact]
    public async Task A_member_reads_its_own_departments_administrators_and_users_with_roles()
    {
        var detail = await DetailAsAsync("zhangwei", DemoAccounts.Police);

        Assert.NotNull(detail);
        var administrator = Assert.Single(detail.Administrators);
        Assert.Equal(("张伟", "zhangwei", "13807461201"), (administrator.DisplayName, administrator.UserName, administrator.Phone));
        Assert.Equal(["lina", "wangqiang", "zhangwei"], detail.Users.Select(u => u.UserName));
        Assert.Equal("部门审核人", detail.Users.Single(u => u.UserName == "lina").RoleNames);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("security")]
    public async Task System_and_security_administrators_may_read_any_departments_detail(string userName)
    {
        var detail = await DetailAsAsync(userName, DemoAccounts.Market);

        Assert.NotNull(detail);
        Assert.Equal(DemoAccounts.Market, detail.Name);
        Assert.Equal("liuyang", Assert.Single(detail.Administrators).UserName);
    }

    [Fact]
    public async Task A_department_that_does_not_exist_reads_as_null_for_an_administrator()
    {
        await using var scope = await portal.ScopeAsAsync("admin");

        Assert.Null(await scope.Get<OrganisationService>().GetDepartmentAsync(987_654));
    }
}

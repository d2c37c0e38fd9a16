using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>
/// No flow step may open that nobody can act on (issue 8 item 7): who holds a role in a department, the refusal that
/// names the department and the role, and what each department lacks for a profile's flows.
/// </summary>
public class RoleCoverageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<int> NewDepartmentAsync(string stem, int? regionId = null, bool authority = false)
    {
        await using var db = await portal.DbAsync();
        var department = db.Departments.Add(new Department
        {
            Name = OrganisationTestData.UniqueName(stem), CreditCode = OrganisationTestData.NewCreditCode(),
            RegionId = regionId ?? await portal.RegionIdAsync("431100"), // outside the demo county, whose departments are checked whole below
            Kind = authority ? DepartmentKind.DataAuthority : DepartmentKind.GovernmentDepartment,
            IsRegionDataAuthority = authority, CreatedAt = portal.Clock.GetUtcNow(),
        }).Entity;
        await db.SaveChangesAsync();
        return department.Id;
    }

    private Task<PortalUser> NewUserAsync(int departmentId, string role) => portal.AddRoleHolderAsync(departmentId, role);

    private async Task SetLockoutEndAsync(string userId, DateTimeOffset? end)
    {
        await using var db = await portal.DbAsync();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        user.LockoutEnd = end;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_role_is_held_only_by_a_user_of_that_department_in_that_role()
    {
        var department = await NewDepartmentAsync("双牌县角色测试局");
        await NewUserAsync(department, PortalRoles.DataSpecialist);
        await using var db = await portal.DbAsync();

        Assert.True(await RoleCoverage.HasHolderAsync(db, department, PortalRoles.DataSpecialist, default));
        Assert.False(await RoleCoverage.HasHolderAsync(db, department, PortalRoles.Leadership, default));
        // 王强 is a 领导 — of 公安局, not of this department.
        Assert.True(await RoleCoverage.HasHolderAsync(db, await portal.DepartmentIdAsync(DemoAccounts.Police), PortalRoles.Leadership, default));
    }

    [Fact]
    public async Task A_switched_off_account_holds_no_role_but_a_temporary_lockout_does_not_take_it_away()
    {
        var department = await NewDepartmentAsync("双牌县锁定测试局");
        var leader = await NewUserAsync(department, PortalRoles.Leadership);

        // Five wrong passwords lock for 15 minutes: the leader can act again afterwards, the task still reaches her.
        await SetLockoutEndAsync(leader.Id, portal.Clock.GetUtcNow().AddMinutes(15));
        await using (var db = await portal.DbAsync())
            Assert.True(await RoleCoverage.HasHolderAsync(db, department, PortalRoles.Leadership, default));

        // Identity's "disabled": locked without end.
        await SetLockoutEndAsync(leader.Id, DateTimeOffset.MaxValue);
        await using (var db = await portal.DbAsync())
        {
            Assert.False(await RoleCoverage.HasHolderAsync(db, department, PortalRoles.Leadership, default));
            var missing = await RoleCoverage.MissingRolesAsync(db, BuiltInProfiles.Get(Jurisdiction.Shuangpai), [department], default);
            Assert.Contains(PortalRoles.Leadership, missing[department]);
        }
    }

    [Fact]
    public async Task Requiring_a_role_nobody_holds_is_refused_naming_the_department_and_the_role()
    {
        var department = await NewDepartmentAsync("双牌县无领导测试局");
        await using var db = await portal.DbAsync();
        var name = await db.Departments.Where(d => d.Id == department).Select(d => d.Name).SingleAsync();

        var e = await Assert.ThrowsAsync<DomainException>(() => RoleCoverage.RequireHolderAsync(db, department, PortalRoles.Leadership, default));

        Assert.Contains($"“{name}”没有可办理的领导账号", e.Message);
        Assert.Contains("请系统管理员先为该部门设置领导账号", e.Message);
        await RoleCoverage.RequireHolderAsync(db, await portal.DepartmentIdAsync(DemoAccounts.Police), PortalRoles.Leadership, default);
    }

    [Fact]
    public void Shuangpai_needs_a_leader_for_extensions_in_every_provider_and_a_reviewer_in_the_county_and_city_authorities()
    {
        var needs = RoleCoverage.Needs(BuiltInProfiles.Get(Jurisdiction.Shuangpai));

        // Art. 27(2): the provider head consents to an extension of a data check.
        Assert.Equal([PortalRoles.DataSpecialist, PortalRoles.DepartmentApprover, PortalRoles.Leadership], needs.Ordinary);
        // Art. 40: the centre marks, keeps or forwards, decides and tells an objection as 主管部门审核人.
        Assert.Equal([PortalRoles.DataSpecialist, PortalRoles.AuthorityReviewer], needs.Authority);
        // Art. 24(2): the city authority decides a conditional share as 主管部门审核人 — a role every authority needs anyway.
        Assert.Empty(needs.HigherAuthority);
        // No other regulation has an extension rule: nobody needs a leader there.
        Assert.DoesNotContain(PortalRoles.Leadership, RoleCoverage.Needs(BuiltInProfiles.Get(Jurisdiction.Hubei)).Ordinary);
    }

    [Fact]
    public async Task A_higher_authority_needs_the_roles_of_steps_it_decides_as_the_higher_one()
    {
        var shuangpai = BuiltInProfiles.Get(Jurisdiction.Shuangpai);
        var higherStep = new StepRule("city", "市级确定", StepActor.HigherDataAuthority, PortalRoles.Leadership,
            StepActions.Approve, null, TimeoutAction.RemindOnly, new Citation(Jurisdiction.Shuangpai, "第二十四条"));
        var profile = shuangpai with
        {
            Flows = [.. shuangpai.Flows.Select(f => f.Key == FlowKeys.ConditionalShare ? f with { Steps = [.. f.Steps, higherStep] } : f)],
        };
        await using var db = await portal.DbAsync();
        var centre = await portal.DepartmentIdAsync(DemoAccounts.Centre);
        var city = await portal.DepartmentIdAsync(DemoAccounts.CityAuthority);

        var missing = await RoleCoverage.MissingRolesAsync(db, profile, null, default);

        // 永州市's authority is the one above 双牌县's centre: it needs a leader for the city step, the centre does not.
        Assert.Equal(["领导"], missing[city].Select(PortalRoles.DisplayName));
        Assert.False(missing.ContainsKey(centre) && missing[centre].Contains(PortalRoles.Leadership));
    }

    [Theory]
    [InlineData(Jurisdiction.Shuangpai)]
    [InlineData(Jurisdiction.Changsha)]
    [InlineData(Jurisdiction.Hubei)]
    [InlineData(Jurisdiction.Longyan)]
    [InlineData(Jurisdiction.Foshan)]
    public async Task Every_demo_department_has_every_role_each_regulations_flows_need_of_it(Jurisdiction jurisdiction)
    {
        await using var db = await portal.DbAsync();
        var demo = await db.Departments.Where(d => d.Region!.Code == DemoSeeder.CountyCode).ToDictionaryAsync(d => d.Id, d => d.Name);

        var missing = await RoleCoverage.MissingRolesAsync(db, BuiltInProfiles.Get(jurisdiction), [.. demo.Keys], default);

        Assert.Equal(demo.Count, missing.Count);
        Assert.Empty(missing.Where(m => m.Value.Count > 0).Select(m => $"{demo[m.Key]}：{RoleCoverage.Describe(m.Value)}"));
    }
}

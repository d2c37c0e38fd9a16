using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Features.Organisation;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Identity;

public class UserAdministrationTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string GoodPassword = "Xinmima@2026";

    [Fact]
    public async Task Creating_a_user_with_every_field_wrong_reports_each_field_in_chinese_and_saves_nothing()
    {
        await using var db = await portal.DbAsync();
        var before = await db.Users.CountAsync();
        await using var scope = await portal.ScopeAsAsync("admin");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            scope.Get<UserAdministrationService>().CreateUserAsync("张 三", " ", 999_999, "电话", "short"));

        Assert.Equal(["DepartmentId", "DisplayName", "Password", "Phone", "UserName"], refused.Errors.ByField.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("请填写姓名。", refused.Errors.ByField["DisplayName"].Single());
        Assert.Equal("所选部门不存在。", refused.Errors.ByField["DepartmentId"].Single());
        Assert.Contains("用户名只能包含", refused.Errors.ByField["UserName"].Single());
        Assert.Equal(before, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Over_long_user_and_display_names_are_refused_in_chinese_on_create_and_update_and_nothing_is_saved()
    {
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        await using var scope = await portal.ScopeAsAsync("admin");
        var admin = scope.Get<UserAdministrationService>();
        await using var db = await portal.DbAsync();
        var before = await db.Users.CountAsync();

        var created = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            admin.CreateUserAsync(new string('a', 51), new string('名', 51), police, null, GoodPassword));
        var zhangwei = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "zhangwei");
        var updated = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            admin.UpdateUserAsync(zhangwei.Id, new string('名', 51), police, null));

        Assert.Equal("用户名不能超过50个字符。", created.Errors.ByField["UserName"].Single());
        Assert.Equal("姓名不能超过50个字符。", created.Errors.ByField["DisplayName"].Single());
        Assert.Equal("姓名不能超过50个字符。", updated.Errors.ByField["DisplayName"].Single());
        Assert.Equal(before, await db.Users.CountAsync());
        Assert.Equal("张伟", (await db.Users.AsNoTracking().SingleAsync(u => u.Id == zhangwei.Id)).DisplayName);
    }

    [Fact]
    public async Task Pages_of_users_are_counted_sorted_and_cut_by_the_database()
    {
        var department = await portal.CreateDepartmentAsAdminAsync(await portal.NewDepartmentInputAsync("双牌县分页测试局"));
        await using (var adminScope = await portal.ScopeAsAsync("admin"))
            foreach (var (userName, name) in new[] { ("page-c", "分页丙"), ("page-a", "分页甲"), ("page-b", "分页乙") })
                await adminScope.Get<UserAdministrationService>().CreateUserAsync(userName, name, department, null, GoodPassword);
        await using var scope = await portal.ScopeAsAsync("security");
        var users = scope.Get<UserAdministrationService>();

        var first = await users.PageUsersAsync(department, null, 0, 2, nameof(UserRow.UserName), descending: false);
        var second = await users.PageUsersAsync(department, null, 2, 2, nameof(UserRow.UserName), descending: false);
        var newest = await users.PageUsersAsync(department, null, 0, 1, nameof(UserRow.UserName), descending: true);
        var searched = await users.PageUsersAsync(null, "分页乙", 0, 20);

        Assert.Equal((3, 3), (first.Total, second.Total));
        Assert.Equal(["page-a", "page-b", "page-c"], first.Items.Concat(second.Items).Select(u => u.UserName));
        Assert.Equal("page-c", Assert.Single(newest.Items).UserName);
        Assert.Equal((1, "page-b"), (searched.Total, Assert.Single(searched.Items).UserName));
        await using var specialist = await portal.ScopeAsAsync("zhangwei");
        await Assert.ThrowsAsync<AccessDeniedException>(() => specialist.Get<UserAdministrationService>().PageUsersAsync(null, null, 0, 20));
    }

    [Fact]
    public async Task A_taken_user_name_is_refused_on_the_user_name_field()
    {
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        await using var scope = await portal.ScopeAsAsync("admin");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            scope.Get<UserAdministrationService>().CreateUserAsync("ZhangWei", "另一个张伟", police, null, GoodPassword));

        Assert.Equal("用户名“ZhangWei”已被使用。", refused.Errors.ByField["UserName"].Single());
    }

    [Fact]
    public async Task A_created_user_is_listed_with_department_no_roles_and_unlocked_and_is_audited()
    {
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        await using var scope = await portal.ScopeAsAsync("admin");
        var admin = scope.Get<UserAdministrationService>();

        var id = await admin.CreateUserAsync("xiaoming", "小明", market, "0746-7221234", GoodPassword);

        var row = Assert.Single(await admin.ListUsersAsync(market, "小明"));
        Assert.Equal((id, "xiaoming", DemoAccounts.Market, "0746-7221234"), (row.Id, row.UserName, row.DepartmentName, row.Phone));
        Assert.Empty(row.Roles);
        Assert.False(row.IsLocked);
        var created = (await portal.AuditAsync(AuditActions.Create)).Where(a => a.EntityId == id);
        Assert.Equal("admin", Assert.Single(created).UserName);
    }

    [Fact]
    public async Task Only_the_system_admin_creates_users()
    {
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        foreach (var who in new[] { "security", "zhangwei" })
        {
            await using var scope = await portal.ScopeAsAsync(who);
            await Assert.ThrowsAsync<AccessDeniedException>(() =>
                scope.Get<UserAdministrationService>().CreateUserAsync($"by-{who}", "越权", police, null, GoodPassword));
        }
    }

    [Fact]
    public async Task Moving_an_authority_reviewer_out_of_the_data_authority_is_refused()
    {
        var zhaomin = await portal.UserIdAsync("zhaomin");
        var centre = await portal.DepartmentIdAsync(DemoAccounts.Centre);
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        await using var scope = await portal.ScopeAsAsync("admin");

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            scope.Get<UserAdministrationService>().UpdateUserAsync(zhaomin, "赵敏", police, "13807461200"));

        Assert.Equal("DepartmentId", refused.Field);
        Assert.Contains("主管部门审核人", refused.Message);
        await using var db = await portal.DbAsync();
        Assert.Equal(centre, await db.Users.Where(u => u.Id == zhaomin).Select(u => u.DepartmentId).SingleAsync());
    }

    [Fact]
    public async Task Moving_a_business_user_to_another_department_updates_the_account()
    {
        var zhoutao = await portal.UserIdAsync("zhoutao");
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        await using var scope = await portal.ScopeAsAsync("admin");

        await scope.Get<UserAdministrationService>().UpdateUserAsync(zhoutao, "周涛（调任）", police, null);

        await using var db = await portal.DbAsync();
        var user = await db.Users.SingleAsync(u => u.Id == zhoutao);
        Assert.Equal(("周涛（调任）", police), (user.DisplayName, user.DepartmentId));
        Assert.Contains(await portal.AuditAsync(AuditActions.Update), a => a.EntityId == zhoutao && a.Summary.Contains("周涛（调任）"));
    }

    [Fact]
    public async Task Moving_a_registered_data_administrator_ends_their_registration_in_the_old_department()
    {
        var yangfan = await portal.UserIdAsync("yangfan"); // registered 数据管理员 of 人社局 in the demo seed
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        await using var scope = await portal.ScopeAsAsync("admin");

        await scope.Get<UserAdministrationService>().UpdateUserAsync(yangfan, "杨帆", market, "13807461203");

        await using var db = await portal.DbAsync();
        Assert.False(await db.DataAdministrators.AnyAsync(a => a.UserId == yangfan));
        Assert.Contains(await portal.AuditAsync(AuditActions.Delete), a => a.EntityType == "DataAdministrator" && a.Summary.Contains(yangfan));
    }

    [Fact]
    public async Task Reset_password_applies_the_policy_and_the_new_password_works()
    {
        var liuyang = await portal.UserIdAsync("liuyang");
        await using var scope = await portal.ScopeAsAsync("admin");
        var admin = scope.Get<UserAdministrationService>();

        var weak = await Assert.ThrowsAsync<ValidationFailedException>(() => admin.ResetPasswordAsync(liuyang, "abcdefghij"));
        Assert.Equal(["Password"], weak.Errors.ByField.Keys);
        await admin.ResetPasswordAsync(liuyang, GoodPassword);

        var users = scope.Get<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(liuyang))!;
        Assert.True(await users.CheckPasswordAsync(user, GoodPassword));
        Assert.False(await users.CheckPasswordAsync(user, DemoAccounts.Password));
    }

    [Fact]
    public async Task Changing_my_password_checks_current_new_and_confirmation()
    {
        await using var scope = await portal.ScopeAsAsync("yangfan");
        var service = scope.Get<UserAdministrationService>();

        var wrongCurrent = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            service.ChangeMyPasswordAsync("Wrong@Pass2026", GoodPassword, GoodPassword));
        Assert.Equal("当前密码不正确。", wrongCurrent.Errors.ByField["CurrentPassword"].Single());
        var mismatch = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            service.ChangeMyPasswordAsync(DemoAccounts.Password, GoodPassword, GoodPassword + "x"));
        Assert.Equal(["ConfirmPassword"], mismatch.Errors.ByField.Keys);

        await service.ChangeMyPasswordAsync(DemoAccounts.Password, GoodPassword, GoodPassword);

        var users = scope.Get<UserManager<PortalUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("yangfan"))!, GoodPassword));
    }

    [Fact]
    public async Task A_department_member_reads_their_own_department_list_but_not_another()
    {
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        await using var scope = await portal.ScopeAsAsync("zhangwei");
        var service = scope.Get<UserAdministrationService>();

        var members = await service.ListDepartmentUsersAsync(police);
        Assert.Contains(members, m => m.UserName == "lina" && m.Roles.SequenceEqual([PortalRoles.DepartmentApprover]));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ListDepartmentUsersAsync(market));
    }

    [Fact]
    public async Task My_profile_shows_department_and_roles()
    {
        await using var scope = await portal.ScopeAsAsync("lina");

        var me = await scope.Get<UserAdministrationService>().GetMyProfileAsync();

        Assert.Equal(("lina", "李娜", DemoAccounts.Police), (me.UserName, me.DisplayName, me.DepartmentName));
        Assert.Equal("部门审核人", me.RoleNames);
    }
}

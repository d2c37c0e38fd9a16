using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using F = GovDataPortal.Features.Organisation.OrganisationFields;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>Registration of 数据管理员 (龙岩 龙政办〔2020〕91号 Art. 5, Art. 26).</summary>
public class DataAdministratorTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<int> RegisterAsAsync(string actingUser, string department, string candidate, string phone)
    {
        var departmentId = await portal.DepartmentIdAsync(department);
        var userId = await portal.UserIdAsync(candidate);
        await using var scope = await portal.ScopeAsAsync(actingUser);
        return await scope.Get<OrganisationService>().RegisterAdministratorAsync(departmentId, userId, phone);
    }

    private async Task<bool> IsRegisteredAsync(string department, string userName)
    {
        await using var db = await portal.DbAsync();
        return await db.DataAdministrators.AnyAsync(a => a.Department!.Name == department && a.User!.UserName == userName);
    }

    private async Task RemoveRegistrationAsync(int id)
    {
        await using var scope = await portal.ScopeAsAsync("admin");
        await scope.Get<OrganisationService>().RemoveAdministratorAsync(id);
    }

    [Fact]
    public async Task The_approver_of_the_same_department_may_register_a_colleague_with_a_landline()
    {
        var id = await RegisterAsAsync("lina", DemoAccounts.Police, "wangqiang", " 0746-7722123 ");

        await using var db = await portal.DbAsync();
        var saved = await db.DataAdministrators.Include(a => a.User).SingleAsync(a => a.Id == id);
        Assert.Equal(("wangqiang", "0746-7722123"), (saved.User!.UserName, saved.Phone));
        Assert.Equal(PortalFixture.Start, saved.RegisteredAt);
        Assert.True(await db.AuditRecords.AnyAsync(a => a.EntityType == "DataAdministrator" && a.EntityId == id.ToString()
            && a.Action == AuditActions.Create && a.UserName == "lina"));
        await RemoveRegistrationAsync(id);
    }

    [Fact]
    public async Task The_leadership_of_the_department_may_register_its_administrator()
    {
        var id = await RegisterAsAsync("wangqiang", DemoAccounts.Police, "lina", "13907461234");

        Assert.True(await IsRegisteredAsync(DemoAccounts.Police, "lina"));
        await RemoveRegistrationAsync(id);
    }

    [Fact]
    public async Task The_approver_of_another_department_is_refused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => RegisterAsAsync("chenjing", DemoAccounts.Police, "lina", "13907461234"));

        Assert.False(await IsRegisteredAsync(DemoAccounts.Police, "lina"));
    }

    [Theory]
    [InlineData("zhangwei")]
    [InlineData("security")]
    public async Task Roles_other_than_approver_leadership_or_system_administrator_are_refused(string actingUser) =>
        await Assert.ThrowsAsync<AccessDeniedException>(() => RegisterAsAsync(actingUser, DemoAccounts.Police, "lina", "13907461234"));

    [Fact]
    public async Task A_user_of_another_department_cannot_be_registered_even_by_the_system_administrator()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            RegisterAsAsync("admin", DemoAccounts.Police, "liuyang", "13907461234"));

        Assert.Equal("只能登记本部门的用户为数据管理员。", refused.Errors.ByField[F.UserId].Single());
        Assert.False(await IsRegisteredAsync(DemoAccounts.Police, "liuyang"));
    }

    [Fact]
    public async Task The_same_person_cannot_be_registered_twice()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            RegisterAsAsync("lina", DemoAccounts.Police, "zhangwei", "13907461234"));

        Assert.Contains("已登记", refused.Errors.ByField[F.UserId].Single());
        await using var db = await portal.DbAsync();
        Assert.Equal(1, await db.DataAdministrators.CountAsync(a => a.User!.UserName == "zhangwei"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345678901")]
    [InlineData("1380746120")]
    [InlineData("138074612011")]
    [InlineData("0746_7722123")]
    [InlineData("7722123")]
    [InlineData("１３８０７４６１２０１")]
    [InlineData("0746-7722123-0746-7722123-0746")]
    public async Task A_malformed_phone_is_refused_and_nothing_is_saved(string phone)
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            RegisterAsAsync("lina", DemoAccounts.Police, "wangqiang", phone));

        Assert.Equal([F.Phone], refused.Errors.ByField.Keys);
        Assert.False(await IsRegisteredAsync(DemoAccounts.Police, "wangqiang"));
    }

    [Theory]
    [InlineData("13807461299")]
    [InlineData("19907461299")]
    [InlineData("010-12345678")]
    [InlineData("0746-7722123")]
    public void Mainland_mobiles_and_landlines_with_area_code_are_accepted(string phone) =>
        Assert.Null(ContactPhone.Validate(phone));

    [Fact]
    public async Task The_approver_may_remove_a_registration_of_the_own_department_but_not_of_another()
    {
        var id = await RegisterAsAsync("admin", DemoAccounts.Police, "lina", "13907461234");

        await using (var other = await portal.ScopeAsAsync("chenjing"))
            await Assert.ThrowsAsync<AccessDeniedException>(() => other.Get<OrganisationService>().RemoveAdministratorAsync(id));
        Assert.True(await IsRegisteredAsync(DemoAccounts.Police, "lina"));

        await using (var own = await portal.ScopeAsAsync("wangqiang"))
            await own.Get<OrganisationService>().RemoveAdministratorAsync(id);
        Assert.False(await IsRegisteredAsync(DemoAccounts.Police, "lina"));
    }

    [Fact]
    public async Task Pages_offer_registration_only_to_whom_the_service_allows_it()
    {
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        async Task<bool> Offered(string userName)
        {
            await using var scope = await portal.ScopeAsAsync(userName);
            return scope.Get<OrganisationService>().CanManageAdministrators(police);
        }

        Assert.True(await Offered("lina"));
        Assert.True(await Offered("admin"));
        Assert.False(await Offered("zhangwei"));
        Assert.False(await Offered("chenjing"));
    }
}

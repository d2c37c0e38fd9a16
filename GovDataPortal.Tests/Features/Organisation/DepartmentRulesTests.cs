using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using F = GovDataPortal.Features.Organisation.OrganisationFields;

namespace GovDataPortal.Tests.Features.Organisation;

public class DepartmentRulesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<ValidationFailedException> CreateRefusedAsync(DepartmentInput input)
    {
        await using var scope = await portal.ScopeAsAsync("admin");
        return await Assert.ThrowsAsync<ValidationFailedException>(() => scope.Get<OrganisationService>().CreateDepartmentAsync(input));
    }

    private async Task<bool> ExistsAsync(string name)
    {
        await using var db = await portal.DbAsync();
        return await db.Departments.AnyAsync(d => d.Name == name);
    }

    [Fact]
    public async Task Creating_a_department_with_a_wrong_check_digit_is_refused_and_nothing_is_saved()
    {
        var input = await portal.NewDepartmentInputAsync();
        input = input with { CreditCode = OrganisationTestData.WithWrongCheckDigit(input.CreditCode!) };

        var refused = await CreateRefusedAsync(input);

        var message = Assert.Single(refused.Errors.ByField[F.CreditCode]);
        Assert.Contains("校验位错误", message);
        Assert.Single(refused.Errors.ByField);
        Assert.False(await ExistsAsync(input.Name!));
    }

    [Fact]
    public async Task A_credit_code_typed_in_lower_case_with_spaces_is_saved_normalised()
    {
        var code = UnifiedSocialCreditCode.Complete("12431123MB1234567");
        var input = await portal.NewDepartmentInputAsync() with { CreditCode = $"  {code.ToLowerInvariant()} " };

        var id = await portal.CreateDepartmentAsAdminAsync(input);

        await using var db = await portal.DbAsync();
        Assert.Equal(code, await db.Departments.Where(d => d.Id == id).Select(d => d.CreditCode).SingleAsync());
    }

    [Fact]
    public async Task Every_field_error_is_reported_at_once()
    {
        var refused = await CreateRefusedAsync(new DepartmentInput("  ", "123", 0, 0, false));

        Assert.Equal(
            new[] { F.CreditCode, F.Kind, F.Name, F.RegionId }.Order(),
            refused.Errors.ByField.Keys.Order());
        Assert.Equal("请填写部门名称。", refused.Errors.ByField[F.Name].Single());
        Assert.Contains("18位", refused.Errors.ByField[F.CreditCode].Single());
    }

    [Fact]
    public async Task An_oversized_name_is_refused_as_a_field_error_not_a_database_fault()
    {
        var input = await portal.NewDepartmentInputAsync() with { Name = new string('局', 5000) };

        var refused = await CreateRefusedAsync(input);

        Assert.Equal("部门名称不能超过100个字符。", refused.Errors.ByField[F.Name].Single());
    }

    [Fact]
    public async Task A_region_that_does_not_exist_is_refused()
    {
        var input = await portal.NewDepartmentInputAsync() with { RegionId = 999_999 };

        var refused = await CreateRefusedAsync(input);

        Assert.Equal("所选区域不存在。", refused.Errors.ByField[F.RegionId].Single());
    }

    [Fact]
    public async Task A_duplicate_name_is_refused()
    {
        var input = await portal.NewDepartmentInputAsync() with { Name = DemoAccounts.Police };

        var refused = await CreateRefusedAsync(input);

        Assert.Contains($"已有名为“{DemoAccounts.Police}”的部门", refused.Errors.ByField[F.Name].Single());
    }

    [Fact]
    public async Task A_duplicate_credit_code_is_refused_naming_the_department_that_holds_it()
    {
        await using var db = await portal.DbAsync();
        var policeCode = await db.Departments.Where(d => d.Name == DemoAccounts.Police).Select(d => d.CreditCode).SingleAsync();
        var input = await portal.NewDepartmentInputAsync() with { CreditCode = policeCode };

        var refused = await CreateRefusedAsync(input);

        Assert.Contains($"已被“{DemoAccounts.Police}”使用", refused.Errors.ByField[F.CreditCode].Single());
        Assert.False(await ExistsAsync(input.Name!));
    }

    [Fact]
    public async Task A_second_data_authority_in_a_region_is_refused_naming_the_existing_one()
    {
        var input = await portal.NewDepartmentInputAsync("双牌县大数据中心", DepartmentKind.DataAuthority, authority: true);

        var refused = await CreateRefusedAsync(input);

        var message = refused.Errors.ByField[F.IsRegionDataAuthority].Single();
        Assert.Contains($"双牌县已有区域数据主管部门“{DemoAccounts.Centre}”", message);
        Assert.False(await ExistsAsync(input.Name!));
    }

    [Fact]
    public async Task Only_a_department_of_the_data_authority_kind_may_be_the_regions_authority()
    {
        var input = await portal.NewDepartmentInputAsync(authority: true);

        var refused = await CreateRefusedAsync(input);

        Assert.Contains("数据主管部门", refused.Errors.ByField[F.IsRegionDataAuthority].Single());
    }

    [Fact]
    public async Task Simultaneous_claims_to_be_a_new_regions_authority_leave_exactly_one_and_refuse_the_others_cleanly()
    {
        int regionId;
        await using (var scope = await portal.ScopeAsAsync("admin"))
        {
            var city = await portal.RegionIdAsync("431100");
            regionId = await scope.Get<OrganisationService>().CreateRegionAsync(new RegionInput("431199", "测试县", RegionLevel.County, city));
        }
        var inputs = new List<DepartmentInput>();
        for (var i = 0; i < 4; i++)
            inputs.Add(await portal.NewDepartmentInputAsync("测试县数据局", DepartmentKind.DataAuthority, authority: true, regionId));

        // Separate scopes: each claim is its own request, as it would be from four browsers.
        var outcomes = await Task.WhenAll(inputs.Select(async input =>
        {
            await using var scope = await portal.ScopeAsAsync("admin");
            try
            {
                await scope.Get<OrganisationService>().CreateDepartmentAsync(input);
                return (Exception?)null;
            }
            catch (Exception e)
            {
                return e;
            }
        }));

        Assert.Single(outcomes, o => o is null);
        await using var db = await portal.DbAsync();
        var winner = await db.Departments.Where(d => d.RegionId == regionId && d.IsRegionDataAuthority).Select(d => d.Name).SingleAsync();
        foreach (var refused in outcomes.OfType<Exception>())
        {
            var validation = Assert.IsType<ValidationFailedException>(refused);
            Assert.Contains($"已有区域数据主管部门“{winner}”", validation.Errors.ByField[F.IsRegionDataAuthority].Single());
        }
    }

    [Fact]
    public async Task Updating_keeps_the_departments_own_name_and_code_allowed_and_saves_the_change()
    {
        var input = await portal.NewDepartmentInputAsync();
        var id = await portal.CreateDepartmentAsAdminAsync(input);
        await using var scope = await portal.ScopeAsAsync("admin");
        var service = scope.Get<OrganisationService>();
        var version = (await service.GetDepartmentAsync(id))!.Version;

        await service.UpdateDepartmentAsync(id, version, input with { Kind = DepartmentKind.PublicServiceEnterprise });

        var after = (await service.GetDepartmentAsync(id))!;
        Assert.Equal(DepartmentKind.PublicServiceEnterprise, after.Kind);
        Assert.Equal(input.Name, after.Name);
        Assert.NotEqual(version, after.Version);
    }

    [Fact]
    public async Task Updating_with_a_stale_version_is_refused_as_a_conflict_and_keeps_the_other_change()
    {
        var input = await portal.NewDepartmentInputAsync();
        var id = await portal.CreateDepartmentAsAdminAsync(input);
        await using var scope = await portal.ScopeAsAsync("admin");
        var service = scope.Get<OrganisationService>();
        var seen = (await service.GetDepartmentAsync(id))!.Version;
        var first = input with { Name = OrganisationTestData.UniqueName("先保存的名称") };
        await service.UpdateDepartmentAsync(id, seen, first);

        var conflict = await Assert.ThrowsAsync<DomainException>(() =>
            service.UpdateDepartmentAsync(id, seen, input with { Name = OrganisationTestData.UniqueName("后保存的名称") }));

        Assert.Equal("数据已被他人修改，请刷新后重试。", conflict.Message);
        Assert.Equal(first.Name, (await service.GetDepartmentAsync(id))!.Name);
    }

    [Fact]
    public async Task Deleting_a_department_that_still_has_users_is_refused()
    {
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        await using var scope = await portal.ScopeAsAsync("admin");

        var refused = await Assert.ThrowsAsync<DomainException>(() => scope.Get<OrganisationService>().DeleteDepartmentAsync(police));

        Assert.Contains("还有3名用户，不能删除", refused.Message);
        Assert.True(await ExistsAsync(DemoAccounts.Police));
    }

    [Fact]
    public async Task Deleting_a_department_without_users_removes_it_and_is_audited()
    {
        var input = await portal.NewDepartmentInputAsync();
        var id = await portal.CreateDepartmentAsAdminAsync(input);
        await using var scope = await portal.ScopeAsAsync("admin");

        await scope.Get<OrganisationService>().DeleteDepartmentAsync(id);

        Assert.False(await ExistsAsync(input.Name!));
        await using var db = await portal.DbAsync();
        Assert.True(await db.AuditRecords.AnyAsync(a =>
            a.Action == AuditActions.Delete && a.EntityType == "Department" && a.EntityId == id.ToString()));
    }

    [Theory]
    [InlineData("zhangwei")]
    [InlineData("security")]
    [InlineData("zhoutao")]
    public async Task Only_the_system_administrator_may_create_departments(string userName)
    {
        var input = await portal.NewDepartmentInputAsync();
        await using var scope = await portal.ScopeAsAsync(userName);

        await Assert.ThrowsAsync<AccessDeniedException>(() => scope.Get<OrganisationService>().CreateDepartmentAsync(input));

        Assert.False(await ExistsAsync(input.Name!));
    }

    [Fact]
    public async Task Creating_a_department_writes_an_audit_record_naming_the_acting_user()
    {
        var input = await portal.NewDepartmentInputAsync();

        var id = await portal.CreateDepartmentAsAdminAsync(input);

        await using var db = await portal.DbAsync();
        var record = await db.AuditRecords.SingleAsync(a => a.EntityType == "Department" && a.EntityId == id.ToString());
        Assert.Equal(AuditActions.Create, record.Action);
        Assert.Equal("admin", record.UserName);
        Assert.Contains(input.Name!, record.Summary);
        Assert.True((await AuditChain.VerifyAsync(db, default)).IsIntact);
    }
}

using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using F = GovDataPortal.Features.Organisation.OrganisationFields;

namespace GovDataPortal.Tests.Features.Organisation;

public class RegionRulesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<int> CreateAsync(RegionInput input, string userName = "admin")
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        return await scope.Get<OrganisationService>().CreateRegionAsync(input);
    }

    private async Task<ValidationErrors> RefusedAsync(RegionInput input) =>
        (await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(input))).Errors;

    private async Task<bool> CodeExistsAsync(string code)
    {
        await using var db = await portal.DbAsync();
        return await db.Regions.AnyAsync(r => r.Code == code);
    }

    [Fact]
    public async Task A_county_under_a_city_is_created_listed_under_its_parent_and_audited()
    {
        var city = await portal.RegionIdAsync("431100");

        var id = await CreateAsync(new RegionInput(" 431102 ", "零陵区", RegionLevel.County, city));

        await using var scope = await portal.ScopeAsAsync("admin");
        var regions = await scope.Get<OrganisationService>().ListRegionsAsync();
        var created = regions.Single(r => r.Id == id);
        Assert.Equal(("431102", "永州市", 2), (created.Code, created.ParentName, created.Depth));
        var cityIndex = regions.ToList().FindIndex(r => r.Code == "431100");
        Assert.True(regions.ToList().IndexOf(created) > cityIndex);
        await using var db = await portal.DbAsync();
        var record = await db.AuditRecords.SingleAsync(a => a.EntityType == "Region" && a.EntityId == id.ToString());
        Assert.Equal((AuditActions.Create, "admin"), (record.Action, record.UserName));
        Assert.True((await AuditChain.VerifyAsync(db, default)).IsIntact);
    }

    [Theory]
    [InlineData("43112")]
    [InlineData("4311234")]
    [InlineData("43112A")]
    [InlineData("")]
    public async Task A_code_that_is_not_six_digits_is_refused(string code)
    {
        var errors = await RefusedAsync(new RegionInput(code, "某县", RegionLevel.County, await portal.RegionIdAsync("431100")));

        Assert.Equal("行政区划代码应为6位数字。", errors.ByField[F.Code].Single());
    }

    [Fact]
    public async Task A_name_of_fifty_characters_is_accepted_and_fifty_one_refused_saving_nothing()
    {
        var city = await portal.RegionIdAsync("431100");

        var errors = await RefusedAsync(new RegionInput("431198", new string('区', 51), RegionLevel.County, city));
        Assert.Equal("区域名称不能超过50个字符。", errors.ByField[F.Name].Single());
        Assert.False(await CodeExistsAsync("431198"));

        await CreateAsync(new RegionInput("431198", new string('区', 50), RegionLevel.County, city));
        Assert.True(await CodeExistsAsync("431198"));
    }

    [Fact]
    public async Task A_code_already_in_use_is_refused()
    {
        var errors = await RefusedAsync(new RegionInput("431123", "另一个双牌县", RegionLevel.County, await portal.RegionIdAsync("431100")));

        Assert.Contains("已存在", errors.ByField[F.Code].Single());
    }

    [Fact]
    public async Task A_county_directly_under_a_province_is_refused()
    {
        var errors = await RefusedAsync(new RegionInput("439901", "某县", RegionLevel.County, await portal.RegionIdAsync("430000")));

        Assert.Equal("上级区域应为市级。", errors.ByField[F.ParentId].Single());
        Assert.False(await CodeExistsAsync("439901"));
    }

    [Fact]
    public async Task A_province_with_a_parent_is_refused()
    {
        var errors = await RefusedAsync(new RegionInput("440000", "广东省", RegionLevel.Province, await portal.RegionIdAsync("430000")));

        Assert.Equal("省级区域不能有上级区域。", errors.ByField[F.ParentId].Single());
    }

    [Fact]
    public async Task A_city_without_a_parent_or_with_a_missing_one_is_refused()
    {
        var withoutParent = await RefusedAsync(new RegionInput("431000", "郴州市", RegionLevel.City, null));
        var missingParent = await RefusedAsync(new RegionInput("431000", "郴州市", RegionLevel.City, 999_999));

        Assert.Equal("请选择上级区域。", withoutParent.ByField[F.ParentId].Single());
        Assert.Equal("所选上级区域不存在。", missingParent.ByField[F.ParentId].Single());
    }

    [Fact]
    public async Task A_province_is_created_without_a_parent()
    {
        var id = await CreateAsync(new RegionInput("350000", "福建省", RegionLevel.Province, null));

        await using var db = await portal.DbAsync();
        var saved = await db.Regions.SingleAsync(r => r.Id == id);
        Assert.Equal(("福建省", (int?)null), (saved.Name, saved.ParentId));
    }

    [Fact]
    public async Task Only_the_system_administrator_may_create_regions()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            CreateAsync(new RegionInput("360000", "江西省", RegionLevel.Province, null), "zhoutao"));

        Assert.False(await CodeExistsAsync("360000"));
    }
}

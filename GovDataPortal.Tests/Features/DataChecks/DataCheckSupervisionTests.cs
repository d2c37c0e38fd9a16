using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.DataChecks;

/// <summary>
/// 本区域（督办）: the data authority's reviewer (zhaomin, 双牌县政务服务中心) sees every check about the data of the
/// departments of her region — and none of another county's — and can act on none of them (hubei Art. 13 ¶1: the
/// authority guides and supervises; the provider verifies and answers).
/// </summary>
public class DataCheckSupervisionTests(DataCheckFixture portal) : IClassFixture<DataCheckFixture>
{
    /// <summary>
    /// A neighbouring county with its own data authority and one provider department with a 部门审核人 (a check is
    /// refused where nobody could answer it); returns the provider's name.
    /// </summary>
    private async Task<string> OtherCountyProviderAsync()
    {
        await using var db = await portal.DbAsync();
        const string name = "东安县测试局";
        if (await db.Departments.AnyAsync(d => d.Name == name)) return name;
        var city = await db.Regions.SingleAsync(r => r.Code == "431100");
        var county = db.Regions.Add(new Region { Code = "431122", Name = "东安县", Level = RegionLevel.County, ParentId = city.Id }).Entity;
        await db.SaveChangesAsync();
        var provider = new Department { Name = name, CreditCode = "11431122MB0000002B", RegionId = county.Id,
            Kind = DepartmentKind.GovernmentDepartment, CreatedAt = portal.Clock.GetUtcNow() };
        db.Departments.AddRange(
            new Department { Name = "东安县数据局", CreditCode = "11431122MB0000001A", RegionId = county.Id, Kind = DepartmentKind.DataAuthority,
                IsRegionDataAuthority = true, CreatedAt = portal.Clock.GetUtcNow() },
            provider);
        await db.SaveChangesAsync();
        await portal.AddRoleHolderAsync(provider.Id, PortalRoles.DepartmentApprover);
        return name;
    }

    [Fact]
    public async Task The_authority_reviewer_sees_every_check_of_her_region_and_none_of_another_county()
    {
        var aboutMarket = await portal.RaiseAsync(resource: "督办-市场数据");
        var aboutPolice = await portal.RaiseAsync("liuyang", DemoAccounts.Police, "督办-户籍数据");
        var elsewhere = await portal.RaiseAsync(provider: await OtherCountyProviderAsync(), resource: "督办-外县数据");

        var region = await portal.AsAsync("zhaomin", s => s.PageAsync(new DataCheckListQuery(DataCheckScope.Region, Take: 100)));

        var ids = region.Items.Select(r => r.Id).ToList();
        Assert.Contains(aboutMarket, ids);
        Assert.Contains(aboutPolice, ids);
        Assert.DoesNotContain(elsewhere, ids);
        Assert.Equal(region.Items.Count, region.Total);
        // Her own department raised none of them and provides none: the other tabs stay empty for her.
        Assert.DoesNotContain(aboutMarket, (await portal.AsAsync("zhaomin", s => s.ListAsync(DataCheckScope.AboutMine))).Select(r => r.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("zhaomin", s => s.GetAsync(elsewhere)));
    }

    [Fact]
    public async Task Only_an_authority_reviewer_may_list_the_region()
    {
        var error = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.AsAsync("chenjing", s => s.PageAsync(new DataCheckListQuery(DataCheckScope.Region))));

        Assert.Equal(DataCheckTexts.SuperviseOnlyMessage, error.Message);
        Assert.False(await portal.AsAsync("chenjing", s => Task.FromResult(s.CanSupervise)));
        Assert.True(await portal.AsAsync("zhaomin", s => Task.FromResult(s.CanSupervise)));
    }

    [Fact]
    public async Task The_authority_reviewer_reads_a_check_as_supervision_and_cannot_answer_extend_close_or_reopen_it()
    {
        var id = await portal.RaiseAsync(resource: "督办-只读数据");
        var task = await portal.CheckTaskAsync(id);

        var seen = await portal.DetailAsync("zhaomin", id);
        Assert.True(seen.Supervising);
        Assert.Equal((false, false, false, false), (seen.OpenTask!.CanAnswer, seen.OpenTask.CanRequestExtension, seen.CanClose, seen.CanReopen));
        Assert.False((await portal.DetailAsync("zhangwei", id)).Supervising);
        Assert.False((await portal.DetailAsync("chenjing", id)).Supervising);

        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AnswerAsync("zhaomin", id));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.AsAsync("zhaomin", s => s.RequestExtensionAsync(id, task.Id, task.Version, 2, "督办人不应能申请")));
        await portal.AnswerAsync("chenjing", id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("zhaomin", s => s.CloseAsync(id)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("zhaomin", s => s.ReopenAsync(id, "督办人不应能重新提起")));
        Assert.Equal((DataCheckStatus.Answered, 0), ((await portal.RequestAsync(id)).Status, (await portal.RequestAsync(id)).ReopenCount));
    }

    [Fact]
    public async Task Overdue_checks_are_marked_and_can_be_listed_alone()
    {
        var late = await portal.RaiseAsync(resource: "督办-逾期数据");
        portal.Clock.Set(DataCheckFixture.Beijing(2026, 11, 30)); // after the 11-27 deadline
        try
        {
            var onTime = await portal.RaiseAsync(resource: "督办-未逾期数据");

            var overdue = await portal.AsAsync("zhaomin", s => s.PageAsync(new DataCheckListQuery(DataCheckScope.Region, Take: 100, OverdueOnly: true)));

            var row = Assert.Single(overdue.Items, r => r.Id == late);
            Assert.True(row.Overdue);
            Assert.DoesNotContain(overdue.Items, r => r.Id == onTime);
            Assert.All(overdue.Items, r => Assert.True(r.Overdue));
            Assert.True((await portal.DetailAsync("zhaomin", late)).Overdue);
        }
        finally
        {
            portal.Clock.Set(PortalFixture.Start);
        }
    }
}

using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Grants;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Sharing.Grants;

/// <summary>Grant lists, the provider's suspension and end for misuse (shuangpai Art. 25), and recording uses (longyan Art. 21).</summary>
public class GrantServiceTests(GrantFixture portal) : IClassFixture<GrantFixture>
{
    [Fact]
    public async Task Requester_provider_and_authority_each_see_the_grant_in_their_list()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();

        var using_ = await portal.AsAsync("zhangwei", s => s.ListAsync(new GrantQuery(GrantScope.Using, PageSize: 100)));
        var providing = await portal.AsAsync("chenjing", s => s.ListAsync(new GrantQuery(GrantScope.Providing, PageSize: 100)));
        var region = await portal.AsAsync("zhaomin", s => s.ListAsync(new GrantQuery(GrantScope.Region, PageSize: 100)));
        var city = await portal.AsAsync("yangli", s => s.ListAsync(new GrantQuery(GrantScope.Region, PageSize: 100)));

        Assert.Contains(using_.Items, g => g.Id == id && g.StatusName == "有效" && g.ProviderName == GrantFixture.Provider);
        Assert.Contains(providing.Items, g => g.Id == id && g.RequesterName == GrantFixture.Requester);
        Assert.Contains(region.Items, g => g.Id == id);
        Assert.Contains(city.Items, g => g.Id == id);
        Assert.DoesNotContain((await portal.AsAsync("chenjing", s => s.ListAsync(new GrantQuery(GrantScope.Using, PageSize: 100)))).Items, g => g.Id == id);
    }

    [Fact]
    public async Task Other_department_sees_no_grant_and_is_refused_the_detail_and_the_region_list()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();

        // 人社局 (zhuhong, yangfan) is neither party; lina's colleague in 市场监管局 is the provider, not other.
        var all = await portal.AsAsync("zhuhong", s => s.ListAsync(new GrantQuery(PageSize: 100)));
        Assert.DoesNotContain(all.Items, g => g.Id == id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("yangfan", s => s.GetAsync(id)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("yangfan", s => s.UsesAsync(id)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("lina", s => s.ListAsync(new GrantQuery(GrantScope.Region))));
        Assert.NotNull(await portal.AsAsync("zhaomin", s => s.GetAsync(id)));
    }

    [Fact]
    public async Task Suspension_without_reason_is_refused()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();

        var e = await Assert.ThrowsAsync<DomainException>(() => portal.AsAsync("chenjing", s => s.SuspendAsync(id, "  ")));
        Assert.Equal("暂停授权须说明理由。", e.Message);
        Assert.Equal(GrantStatus.Active, (await portal.LoadAsync(id)).Status);
    }

    [Fact]
    public async Task End_without_reason_is_refused()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();

        var e = await Assert.ThrowsAsync<DomainException>(() => portal.AsAsync("chenjing", s => s.EndAsync(id, null)));
        Assert.Equal("终止授权须说明理由。", e.Message);
        Assert.Equal(GrantStatus.Active, (await portal.LoadAsync(id)).Status);
    }

    [Fact]
    public async Task Suspension_with_reason_tells_the_requester_and_the_data_authority_and_is_audited()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();

        await portal.AsAsync("chenjing", s => s.SuspendAsync(id, "发现超范围批量获取数据"));

        var grant = await portal.LoadAsync(id);
        Assert.Equal((GrantStatus.Suspended, "发现超范围批量获取数据"), (grant.Status, grant.StatusReason));
        var authority = Assert.Single(await portal.NotificationsOfAsync("zhaomin", "共享授权已暂停", id));
        Assert.Contains("发现超范围批量获取数据", authority.Body);
        Assert.Equal($"sharing/grants/{id}", authority.Link);
        Assert.Single(await portal.NotificationsOfAsync("zhangwei", "共享授权已暂停", id));
        Assert.Single(await portal.NotificationsOfAsync("lina", "共享授权已暂停", id));
        await using var db = await portal.DbAsync();
        Assert.True(await db.AuditRecords.AnyAsync(r => r.EntityType == nameof(ShareGrant) && r.EntityId == id.ToString()
            && r.Action == AuditActions.Update));
    }

    [Fact]
    public async Task Resume_then_end_with_reason_is_final()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();

        await portal.AsAsync("chenjing", s => s.SuspendAsync(id, "待核实使用情况"));
        await portal.AsAsync("chenjing", s => s.ResumeAsync(id));
        Assert.Equal(GrantStatus.Active, (await portal.LoadAsync(id)).Status);
        Assert.Single(await portal.NotificationsOfAsync("zhaomin", "共享授权已恢复", id));

        await portal.AsAsync("chenjing", s => s.EndAsync(id, "将数据提供给第三方"));
        Assert.Equal((GrantStatus.Ended, "将数据提供给第三方"), ((await portal.LoadAsync(id)).Status, (await portal.LoadAsync(id)).StatusReason));
        Assert.Single(await portal.NotificationsOfAsync("zhaomin", "共享授权已终止", id));
        await Assert.ThrowsAsync<DomainException>(() => portal.AsAsync("chenjing", s => s.ResumeAsync(id)));
    }

    /// <summary>
    /// Authorisation matrix for suspend / resume / end: only 市场监管局's 部门审核人 (chenjing). Tried: the provider's
    /// 数据专管员 (liuyang) and 领导 (huangjun); the requester's 部门审核人 (lina) and 数据专管员 (zhangwei); another
    /// department's 部门审核人 (zhuhong); the authority's 主管部门审核人 (zhaomin), the city's (yangli); 系统管理员 (admin).
    /// </summary>
    [Theory]
    [InlineData("liuyang", "suspend")] [InlineData("huangjun", "suspend")] [InlineData("lina", "suspend")] [InlineData("zhangwei", "suspend")]
    [InlineData("zhuhong", "suspend")] [InlineData("zhaomin", "suspend")] [InlineData("yangli", "suspend")] [InlineData("admin", "suspend")]
    [InlineData("liuyang", "resume")] [InlineData("huangjun", "resume")] [InlineData("lina", "resume")] [InlineData("zhangwei", "resume")]
    [InlineData("zhuhong", "resume")] [InlineData("zhaomin", "resume")] [InlineData("yangli", "resume")] [InlineData("admin", "resume")]
    [InlineData("liuyang", "end")] [InlineData("huangjun", "end")] [InlineData("lina", "end")] [InlineData("zhangwei", "end")]
    [InlineData("zhuhong", "end")] [InlineData("zhaomin", "end")] [InlineData("yangli", "end")] [InlineData("admin", "end")]
    public async Task Only_the_providers_department_approver_changes_a_grant(string user, string action)
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();
        if (action == "resume") await portal.AsAsync("chenjing", s => s.SuspendAsync(id, "待核实"));
        var before = (await portal.LoadAsync(id)).Status;

        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync(user, s => action switch
        {
            "suspend" => s.SuspendAsync(id, "滥用"),
            "resume" => s.ResumeAsync(id),
            _ => s.EndAsync(id, "滥用"),
        }));
        Assert.Equal(GrantTexts.ChangeStatusRefused, e.Message);
        Assert.Equal(before, (await portal.LoadAsync(id)).Status);
    }

    [Fact]
    public async Task Use_is_recorded_with_its_details_for_the_requesting_department()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();

        var recorded = await portal.AsAsync("zhangwei", s => s.RecordUseAsync(id, GrantFixture.Use(ShareOperations.Compare, ["企业名称", "法定代表人"])));
        await portal.AsAsync("lina", s => s.RecordUseAsync(id, GrantFixture.Use()));

        Assert.Equal(PortalFixture.Start, recorded.UsedAt);
        var log = await portal.AsAsync("chenjing", s => s.UsesAsync(id));
        Assert.Equal(2, log.Total);
        var compare = Assert.Single(log.Items, u => u.Operation == ShareOperations.Compare);
        Assert.Equal(("核查当事人所在企业登记信息", "王警官", "李娜", "接口"), (compare.Purpose, compare.UserName, compare.Approver, compare.Medium));
        Assert.Equal(["企业名称", "法定代表人"], compare.ItemNames);
    }

    [Fact]
    public async Task Use_after_suspension_is_refused_and_audited()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();
        await portal.AsAsync("chenjing", s => s.SuspendAsync(id, "超范围使用"));

        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("zhangwei", s => s.RecordUseAsync(id, GrantFixture.Use())));
        Assert.Equal("该授权已被提供部门暂停：超范围使用", e.Message);
        Assert.Equal(0, await portal.UseCountAsync(id));
        await using var db = await portal.DbAsync();
        Assert.True(await db.AuditRecords.AnyAsync(r => r.Action == AuditActions.AccessRefused && r.EntityId == id.ToString()));
    }

    [Fact]
    public async Task Use_after_end_is_refused()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();
        await portal.AsAsync("chenjing", s => s.EndAsync(id, "泄露数据"));

        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("zhangwei", s => s.RecordUseAsync(id, GrantFixture.Use())));
        Assert.StartsWith("该授权已被提供部门终止", e.Message);
        Assert.Equal(0, await portal.UseCountAsync(id));
    }

    [Fact]
    public async Task Use_after_the_end_date_is_refused_even_before_the_expiry_job_runs()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync(new DateOnly(2026, 11, 30));
        portal.Clock.Set(GrantFixture.Beijing(2026, 11, 30, 23));
        await portal.AsAsync("zhangwei", s => s.RecordUseAsync(id, GrantFixture.Use()));

        portal.Clock.Set(GrantFixture.Beijing(2026, 12, 1, 0));
        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("zhangwei", s => s.RecordUseAsync(id, GrantFixture.Use())));
        Assert.Equal("该授权已于2026年11月30日到期。", e.Message);
        Assert.Equal(1, await portal.UseCountAsync(id));
    }

    [Theory]
    [InlineData(ShareOperations.Obtain, "企业名称", ShareMethods.PlatformApi, "该授权不包括此使用方式。")]
    [InlineData(ShareOperations.View, "注册资本", ShareMethods.PlatformApi, "信息项“注册资本”不在授权范围内。")]
    [InlineData(ShareOperations.View, "企业名称", ShareMethods.PlatformFileDownload, "该授权不包括共享方式“共享平台方式（文件下载）”。")]
    public async Task Use_outside_the_grant_is_refused(ShareOperations operation, string item, ShareMethods method, string message)
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();

        var e = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.AsAsync("zhangwei", s => s.RecordUseAsync(id, GrantFixture.Use(operation, [item], method))));
        Assert.Equal(message, e.Message);
        Assert.Equal(0, await portal.UseCountAsync(id));
    }

    /// <summary>
    /// Authorisation matrix for recording a use: only 公安局's 数据专管员 (zhangwei) and 部门审核人 (lina). Tried: 公安局's
    /// 领导 (wangqiang); the provider's 数据专管员 (liuyang) and 部门审核人 (chenjing); another department's 数据专管员
    /// (yangfan) and 部门审核人 (zhuhong); the authority's 主管部门审核人 (zhaomin); 系统管理员 (admin); 审计员 (auditor).
    /// </summary>
    [Theory]
    [InlineData("wangqiang", GrantTexts.RecordUseRefused)]
    [InlineData("liuyang", GrantTexts.OtherDepartmentUse)] [InlineData("chenjing", GrantTexts.OtherDepartmentUse)]
    [InlineData("yangfan", GrantTexts.OtherDepartmentUse)] [InlineData("zhuhong", GrantTexts.OtherDepartmentUse)]
    [InlineData("zhaomin", GrantTexts.OtherDepartmentUse)] [InlineData("admin", GrantTexts.OtherDepartmentUse)]
    [InlineData("auditor", GrantTexts.OtherDepartmentUse)]
    public async Task Only_the_requesting_departments_specialist_or_approver_records_a_use(string user, string message)
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();

        var e = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync(user, s => s.RecordUseAsync(id, GrantFixture.Use())));
        Assert.Equal(message, e.Message);
        Assert.Equal(0, await portal.UseCountAsync(id));
    }

    [Fact]
    public async Task Use_without_purpose_or_operation_is_invalid()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.AsAsync("zhangwei", s =>
            s.RecordUseAsync(id, new RecordGrantUse(" ", "王警官", "李娜", ["企业名称"], null, ShareMethods.PlatformApi, null))));
        Assert.True(e.Errors.ByField.ContainsKey(GrantFields.Purpose));
        Assert.True(e.Errors.ByField.ContainsKey(GrantFields.Operation));
        Assert.Equal(0, await portal.UseCountAsync(id));
    }

    [Fact]
    public async Task Provider_usage_counts_uses_per_month_and_per_grant()
    {
        portal.Clock.Set(GrantFixture.Beijing(2026, 9, 10));
        // 人社局 provides these, so the counts are this test's alone.
        var a = await portal.GrantAsync(new DateOnly(2027, 6, 30), provider: GovDataPortal.Features.Demo.DemoAccounts.HumanResources, resourceName: "社会保险参保信息");
        var b = await portal.GrantAsync(new DateOnly(2027, 6, 30), provider: GovDataPortal.Features.Demo.DemoAccounts.HumanResources, resourceName: "就业登记信息");
        await Record(a, 2026, 9, 10);
        await Record(a, 2026, 9, 30, 23); // 23:00 Beijing is still September there (15:00 UTC)
        await Record(b, 2026, 10, 1, 0); // 00:00 Beijing on 1 October is 30 September in UTC
        await Record(a, 2026, 11, 20);

        portal.Clock.Set(PortalFixture.Start);
        var usage = await portal.AsAsync("zhuhong", s => s.ProviderUsageAsync(3));

        Assert.Equal([("2026-09", 2), ("2026-10", 1), ("2026-11", 1)], usage.PerMonth.Select(m => (m.Month, m.Count)).ToArray());
        Assert.Equal(4, usage.Total);
        Assert.Equal([(a, 3), (b, 1)], usage.PerGrant.Select(g => (g.GrantId, g.Count)).ToArray());
        // Another department's usage view does not count 人社局's data.
        Assert.DoesNotContain((await portal.AsAsync("chenjing", s => s.ProviderUsageAsync(3))).PerGrant, g => g.GrantId == a || g.GrantId == b);

        async Task Record(long grant, int y, int m, int d, int h = 10)
        {
            portal.Clock.Set(GrantFixture.Beijing(y, m, d, h));
            await portal.AsAsync("zhangwei", s => s.RecordUseAsync(grant, GrantFixture.Use()));
        }
    }
}

using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Sharing.Scenarios;

/// <summary>Registering, reviewing and matching application scenarios (foshan Art. 28) with the real services and database.</summary>
public class ApplicationScenarioServiceTests(ScenarioFixture portal) : IClassFixture<ScenarioFixture>
{
    [Fact]
    public async Task A_data_specialist_registers_a_pending_scenario_and_the_authority_reviewers_are_told()
    {
        var entry = await portal.SharableAsync(DemoAccounts.Market, "市场主体登记信息", "统一社会信用代码", "企业名称", "住所");

        var hr = await portal.DepartmentIdAsync(DemoAccounts.HumanResources);
        var id = await portal.AsAsync("zhangwei", s => s.RegisterAsync(ScenarioFixture.Draft(entry, "统一社会信用代码", "企业名称") with
        {
            InvolvedDepartmentIds = [hr],
        }));

        var scenario = await portal.ScenarioAsync(id);
        Assert.Equal(ScenarioStatus.Pending, scenario.Status);
        Assert.Equal(await portal.DepartmentIdAsync(DemoAccounts.Police), scenario.DepartmentId);
        var used = Assert.Single(scenario.Entries);
        Assert.Equal(["统一社会信用代码", "企业名称"], used.ItemNames);
        Assert.Equal("市场主体登记信息", used.EntryName);

        var reviewer = await portal.UserIdAsync("zhaomin");
        await using var db = await portal.DbAsync();
        var notice = await db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == reviewer && n.Link == ApplicationScenarioService.Link(id));
        Assert.Equal("应用场景待审核：企业开办身份核验", notice.Title);
        Assert.Contains("第二十八条", notice.Body);
    }

    [Theory]
    [InlineData("lina")]     // 部门审核人
    [InlineData("zhaomin")]  // 主管部门审核人
    [InlineData("wangqiang")] // 领导
    public async Task Only_a_data_specialist_registers(string userName)
    {
        var entry = await portal.SharableAsync(DemoAccounts.Market, "企业年报信息", "统一社会信用代码");
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync(userName, s => s.RegisterAsync(ScenarioFixture.Draft(entry, "统一社会信用代码"))));
        Assert.Equal(ScenarioTexts.RegisterOnlyMessage, refused.Message);
    }

    [Fact]
    public async Task An_unpublished_entry_or_an_item_not_in_the_published_version_is_refused()
    {
        var entry = await portal.SharableAsync(DemoAccounts.Market, "食品经营许可信息", "许可证编号");
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.AsAsync("zhangwei", s => s.RegisterAsync(
            ScenarioFixture.Draft(entry, "经营场所") with { Entries = [new(entry, ["经营场所"]), new(999_999, ["名称"])] })));
        var messages = refused.Errors.ByField[ScenarioFields.Entries];
        Assert.Contains("信息项“经营场所”不在目录“食品经营许可信息”的已发布版本中。", messages);
        Assert.Contains("目录（编号999999）不存在或未发布，应用场景只能使用已发布的目录。", messages);
    }

    [Fact]
    public async Task The_scenarios_data_authority_reviewer_approves_and_the_registrar_is_told()
    {
        var entry = await portal.SharableAsync(DemoAccounts.Market, "个体工商户登记信息", "统一社会信用代码");
        var id = await portal.AsAsync("zhangwei", s => s.RegisterAsync(ScenarioFixture.Draft(entry, "统一社会信用代码")));

        await portal.AsAsync("zhaomin", async s => await s.ApproveAsync(id, (await portal.ScenarioAsync(id)).Version, "同意。"));

        var scenario = await portal.ScenarioAsync(id);
        Assert.Equal((ScenarioStatus.Approved, "同意。"), (scenario.Status, scenario.ReviewReason));
        Assert.Equal(await portal.UserIdAsync("zhaomin"), scenario.ReviewedByUserId);
        var registrar = await portal.UserIdAsync("zhangwei");
        await using var db = await portal.DbAsync();
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == registrar && n.Title == "应用场景已通过：企业开办身份核验"));
    }

    [Theory]
    [InlineData("lina")]     // the registering department's own approver: not the data authority
    [InlineData("chenjing")] // another department's approver
    [InlineData("zhangwei")] // the registrar itself
    [InlineData("yangli")]   // a reviewer of another data authority (the city's, not the county centre the department answers to)
    public async Task Approval_or_return_by_anyone_but_the_departments_authority_reviewer_is_refused(string userName)
    {
        var entry = await portal.SharableAsync(DemoAccounts.Market, "广告经营登记信息", "统一社会信用代码");
        var id = await portal.AsAsync("zhangwei", s => s.RegisterAsync(ScenarioFixture.Draft(entry, "统一社会信用代码")));
        var version = (await portal.ScenarioAsync(id)).Version;

        var approve = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync(userName, s => s.ApproveAsync(id, version, null)));
        Assert.Equal(ScenarioTexts.ReviewOnlyMessage, approve.Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync(userName, s => s.ReturnAsync(id, version, "不同意。")));
        Assert.Equal(ScenarioStatus.Pending, (await portal.ScenarioAsync(id)).Status);
    }

    [Fact]
    public async Task A_return_needs_reasons_and_another_department_cannot_withdraw()
    {
        var entry = await portal.SharableAsync(DemoAccounts.Market, "商标质押信息", "统一社会信用代码");
        var id = await portal.AsAsync("zhangwei", s => s.RegisterAsync(ScenarioFixture.Draft(entry, "统一社会信用代码")));
        var version = (await portal.ScenarioAsync(id)).Version;

        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.AsAsync("zhaomin", s => s.ReturnAsync(id, version, "")));
        Assert.Equal("请填写退回理由。", noReason.Errors.ByField[ScenarioFields.Reason].Single());

        var foreign = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("liuyang", s => s.WithdrawAsync(id, version)));
        Assert.Equal(ScenarioTexts.WithdrawOnlyMessage, foreign.Message);

        await portal.AsAsync("lina", s => s.WithdrawAsync(id, version));
        Assert.Equal(ScenarioStatus.Withdrawn, (await portal.ScenarioAsync(id)).Status);
    }

    [Fact]
    public async Task A_pending_scenario_is_seen_by_its_department_and_its_authority_only_an_approved_one_by_everyone()
    {
        var entry = await portal.SharableAsync(DemoAccounts.Market, "网络交易主体信息", "统一社会信用代码");
        var pending = await portal.AsAsync("zhangwei", s => s.RegisterAsync(ScenarioFixture.Draft(entry, "统一社会信用代码") with { Name = "待审场景" }));
        var approved = await portal.ApprovedAsync(ScenarioFixture.Draft(entry, "统一社会信用代码") with { Name = "已通过场景" });

        var other = await portal.AsAsync("yangfan", s => s.ListAsync(new ScenarioFilter()));
        Assert.Contains(other, r => r.Id == approved);
        Assert.DoesNotContain(other, r => r.Id == pending);
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("yangfan", s => s.GetAsync(pending)));

        Assert.Contains(await portal.AsAsync("lina", s => s.ListAsync(new ScenarioFilter(ScenarioStatus.Pending))), r => r.Id == pending);
        var review = await portal.AsAsync("zhaomin", s => s.GetAsync(pending));
        Assert.True(review!.CanReview);
    }

    [Fact]
    public async Task An_approved_scenario_with_every_requested_item_matches_the_registering_and_involved_departments()
    {
        var entry = await portal.SharableAsync(DemoAccounts.Market, "企业登记基本信息", "统一社会信用代码", "企业名称", "法定代表人");
        var hr = await portal.DepartmentIdAsync(DemoAccounts.HumanResources);
        var id = await portal.ApprovedAsync(ScenarioFixture.Draft(entry, "统一社会信用代码", "企业名称") with { InvolvedDepartmentIds = [hr] });

        Assert.Equal(id, await portal.MatchAsync(DemoAccounts.Police, entry, "统一社会信用代码", "企业名称"));
        Assert.Equal(id, await portal.MatchAsync(DemoAccounts.Police, entry, "企业名称"));
        Assert.Equal(id, await portal.MatchAsync(DemoAccounts.HumanResources, entry, "统一社会信用代码"));
    }

    [Fact]
    public async Task A_pending_scenario_a_missing_item_or_an_uninvolved_department_matches_nothing()
    {
        var entry = await portal.SharableAsync(DemoAccounts.Market, "企业变更登记信息", "统一社会信用代码", "变更事项", "变更日期");
        await portal.AsAsync("zhangwei", s => s.RegisterAsync(ScenarioFixture.Draft(entry, "统一社会信用代码", "变更事项", "变更日期")));
        Assert.Null(await portal.MatchAsync(DemoAccounts.Police, entry, "统一社会信用代码"));

        await portal.ApprovedAsync(ScenarioFixture.Draft(entry, "统一社会信用代码"));
        Assert.Null(await portal.MatchAsync(DemoAccounts.Police, entry, "统一社会信用代码", "变更事项"));
        Assert.Null(await portal.MatchAsync(DemoAccounts.HumanResources, entry, "统一社会信用代码"));
        Assert.Null(await portal.MatchAsync(DemoAccounts.Police, entry));
    }
}

using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Features.Catalogue.Browse;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Sharing.Negotiation;

/// <summary>The portal under one jurisdiction with a published 不予共享 entry of 市场监管局 and helpers to act on tasks.</summary>
public class OutsideCatalogueFixture : CatalogueBrowseFixture
{
    public async Task<long> NotSharedEntryAsync(string name)
    {
        var content = Content(name, "企业的非公开登记信息。", "统一社会信用代码", "经营异常原因");
        content.ShareType = ShareType.NotShared;
        content.ShareBasis = "《企业信息公示暂行条例》第十七条";
        return await AddAsync(DemoAccounts.Market, content);
    }

    public static ShareRequestDraft Draft(long? entryId = null, params string[] items) => new()
    {
        CatalogueEntryId = entryId, ItemNames = items, DutyBasis = "《中华人民共和国治安管理处罚法》规定的调查职责",
        Scenario = "核查涉案企业的经营异常情况", Methods = ShareMethods.PlatformQueryVerify, Operations = ShareOperations.View,
        Users = "治安大队案件承办民警", EndDate = DateOnly.FromDateTime(Start.UtcDateTime).AddMonths(6),
    };

    public async Task<T> AsAsync<T>(string userName, Func<OutsideCatalogueService, Task<T>> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        return await act(scope.Get<OutsideCatalogueService>());
    }

    public async Task<FlowTask> OpenTaskAsync(long requestId)
    {
        await using var db = await DbAsync();
        var instance = await db.ShareRequests.Where(r => r.Id == requestId).Select(r => r.FlowInstanceId).SingleAsync();
        return await db.FlowTasks.AsNoTracking().SingleAsync(t => t.InstanceId == instance && t.Status == FlowTaskStatus.Open);
    }

    public async Task DecideAsync(string userName, long requestId, string action, string? comment = null, string? branch = null)
    {
        var task = await OpenTaskAsync(requestId);
        await using var scope = await ScopeAsAsync(userName);
        await scope.Get<WorkflowEngine>().DecideAsync(new TaskDecision(task.Id, task.Version, action, comment, BranchKey: branch));
    }

    public async Task<ShareRequest> RequestAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.ShareRequests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public async Task<List<ShareGrant>> GrantsAsync(long requestId)
    {
        await using var db = await DbAsync();
        return await db.ShareGrants.AsNoTracking().Where(g => g.ShareRequestId == requestId).ToListAsync();
    }
}

public class HubeiOutsideCatalogueFixture : OutsideCatalogueFixture
{
    public override string Jurisdiction => "hubei";
}

public class ChangshaOutsideCatalogueFixture : OutsideCatalogueFixture
{
    public override string Jurisdiction => "changsha";
}

/// <summary>shuangpai Art. 24 ¶1 item 3: negotiation for 不予共享 data; the provider's agreement is filed with the county centre.</summary>
public class ShuangpaiNegotiationTests(OutsideCatalogueFixture portal) : IClassFixture<OutsideCatalogueFixture>
{
    [Fact]
    public async Task An_agreed_negotiation_is_filed_with_the_centre_and_then_grants_the_items_asked_once()
    {
        var entry = await portal.NotSharedEntryAsync("企业经营异常名录内部信息");
        var id = await portal.AsAsync("zhangwei", s => s.RequestNegotiationAsync(OutsideCatalogueFixture.Draft(entry, "经营异常原因")));

        Assert.Equal("reply", (await portal.OpenTaskAsync(id)).StepKey);
        await portal.DecideAsync("chenjing", id, FlowActions.Approve, "同意提供，签订使用协议。");
        var filing = await portal.OpenTaskAsync(id);
        Assert.Equal("filing", filing.StepKey);
        Assert.Contains("第二十四条第一款第（三）项", filing.RuleText);
        Assert.Equal(ShareRequestStatus.InReview, (await portal.RequestAsync(id)).Status);
        await portal.DecideAsync("zhaomin", id, FlowActions.Approve, "已备案。");

        var request = await portal.RequestAsync(id);
        var grant = Assert.Single(await portal.GrantsAsync(id));
        Assert.Equal((ShareRequestStatus.Granted, grant.Id), (request.Status, request.GrantId));
        Assert.Equal((GrantBasis.Approved, GrantStatus.Active), (grant.Basis, grant.Status));
        Assert.Equal(["经营异常原因"], grant.ItemNames);
    }

    [Fact]
    public async Task A_refusal_needs_reasons_and_the_requester_may_accept_it_instead_of_asking_for_coordination()
    {
        var entry = await portal.NotSharedEntryAsync("企业年报未公示信息");
        var id = await portal.AsAsync("zhangwei", s => s.RequestNegotiationAsync(OutsideCatalogueFixture.Draft(entry, "统一社会信用代码")));

        var bare = await Assert.ThrowsAsync<DomainException>(() => portal.DecideAsync("chenjing", id, FlowActions.Reject, " "));
        Assert.Equal("驳回必须填写理由。", bare.Message);
        await portal.DecideAsync("chenjing", id, FlowActions.Reject, "涉及商业秘密，依法不予提供。");
        Assert.Equal("coordination-request", (await portal.OpenTaskAsync(id)).StepKey);
        await portal.DecideAsync("zhangwei", id, FlowActions.Choose, "接受。", branch: "accept");

        var request = await portal.RequestAsync(id);
        Assert.Equal(ShareRequestStatus.Refused, request.Status);
        Assert.Contains("涉及商业秘密", request.DecisionReason);
        Assert.Empty(await portal.GrantsAsync(id));
    }

    [Fact]
    public async Task Coordination_by_the_centre_after_a_refusal_grants_the_data()
    {
        var entry = await portal.NotSharedEntryAsync("企业抽查检查内部记录");
        var id = await portal.AsAsync("zhangwei", s => s.RequestNegotiationAsync(OutsideCatalogueFixture.Draft(entry, "经营异常原因")));
        await portal.DecideAsync("chenjing", id, FlowActions.Reject, "不宜提供。");
        await portal.DecideAsync("zhangwei", id, FlowActions.Choose, "办案确需，请求协调。", branch: "ask");

        Assert.Equal("coordination", (await portal.OpenTaskAsync(id)).StepKey);
        await portal.DecideAsync("zhaomin", id, FlowActions.Approve, "经协调，同意在办案范围内提供。");

        Assert.Equal(ShareRequestStatus.Granted, (await portal.RequestAsync(id)).Status);
        Assert.Single(await portal.GrantsAsync(id));
    }

    [Fact]
    public async Task Only_not_shared_entries_are_negotiated_and_data_outside_the_catalogue_has_no_procedure_here()
    {
        var content = CatalogueBrowseFixture.Content("企业登记公开信息", null, "企业名称");
        var open = await portal.AddAsync(DemoAccounts.Market, content);

        var wrong = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.AsAsync("zhangwei", s => s.RequestNegotiationAsync(OutsideCatalogueFixture.Draft(open, "企业名称"))));
        Assert.Equal("该目录条目不是不予共享类，请按共享申请办理。", wrong.Errors.ByField[ShareRequestFields.CatalogueEntryId].Single());

        var none = await Assert.ThrowsAsync<DomainException>(() => portal.AsAsync("zhangwei", s => s.RequestUncataloguedAsync(
            OutsideCatalogueFixture.Draft() with { ProviderDepartmentId = 1, DataDescription = "企业用电量" })));
        Assert.Contains("未规定该流程", none.Message);
    }

    [Fact]
    public async Task A_reviewer_cannot_ask_and_nothing_is_saved_when_a_field_is_missing()
    {
        var entry = await portal.NotSharedEntryAsync("企业信用修复内部记录");
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            portal.AsAsync("lina", s => s.RequestNegotiationAsync(OutsideCatalogueFixture.Draft(entry, "经营异常原因"))));

        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.AsAsync("zhangwei",
            s => s.RequestNegotiationAsync(OutsideCatalogueFixture.Draft(entry, "经营异常原因") with { DutyBasis = " " })));
        Assert.Equal("请填写履职依据。", missing.Errors.ByField[ShareRequestFields.DutyBasis].Single());
        await using var db = await portal.DbAsync();
        Assert.False(await db.ShareRequests.AnyAsync(r => r.CatalogueEntryId == entry));
    }
}

/// <summary>hubei Art. 22 ¶1: data outside the catalogue — 10 working days to answer; agreement leaves a cataloguing task.</summary>
public class HubeiUncataloguedDataTests(HubeiOutsideCatalogueFixture portal) : IClassFixture<HubeiOutsideCatalogueFixture>
{
    [Fact]
    public async Task The_provider_answers_within_10_working_days_and_its_agreement_leaves_its_specialist_a_task_to_catalogue_the_data()
    {
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        var id = await portal.AsAsync("zhangwei", s => s.RequestUncataloguedAsync(
            OutsideCatalogueFixture.Draft() with { ProviderDepartmentId = market, DataDescription = "个体工商户经营场所变更记录" }));

        var reply = await portal.OpenTaskAsync(id);
        Assert.Equal(("reply", 10, new DateOnly(2026, 12, 4)), (reply.StepKey, reply.DeadlineDays, reply.DueDate));
        await portal.DecideAsync("chenjing", id, FlowActions.Approve, "同意，将列入目录。");

        var agreed = await portal.RequestAsync(id);
        Assert.Equal(ShareRequestStatus.Agreed, agreed.Status);
        Assert.Contains("第二十二条", agreed.DecisionReason);
        var catalogue = await portal.OpenTaskAsync(id);
        Assert.Equal(("catalogue", market, "DataSpecialist"), (catalogue.StepKey, catalogue.AssigneeDepartmentId, catalogue.AssigneeRole));
        await portal.DecideAsync("liuyang", id, FlowActions.Approve, "已列入目录。");
        Assert.Equal(ShareRequestStatus.Agreed, (await portal.RequestAsync(id)).Status);
        Assert.Empty(await portal.GrantsAsync(id));
    }

    [Fact]
    public async Task The_agreement_note_names_the_article_once_without_a_doubled_verb()
    {
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        var id = await portal.AsAsync("zhangwei", s => s.RequestUncataloguedAsync(
            OutsideCatalogueFixture.Draft() with { ProviderDepartmentId = market, DataDescription = "个体工商户年度报告记录" }));

        await portal.DecideAsync("chenjing", id, FlowActions.Approve, "同意。");

        var note = (await portal.RequestAsync(id)).DecisionReason;
        Assert.Contains("（依据《湖北省政务数据资源应用与管理办法》第二十二条）", note);
        Assert.DoesNotContain("依据依据", note);
    }

    [Fact]
    public async Task A_refused_uncatalogued_request_keeps_the_reasons()
    {
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        var id = await portal.AsAsync("zhangwei", s => s.RequestUncataloguedAsync(
            OutsideCatalogueFixture.Draft() with { ProviderDepartmentId = market, DataDescription = "企业内部财务报表" }));

        await portal.DecideAsync("chenjing", id, FlowActions.Reject, "本部门不采集该数据。");

        var request = await portal.RequestAsync(id);
        Assert.Equal((ShareRequestStatus.Refused, "本部门不采集该数据。"), (request.Status, request.DecisionReason));
    }
}

/// <summary>changsha has no negotiation article: the provider answers without a deadline under the portal's stated reading.</summary>
public class ChangshaNegotiationTests(ChangshaOutsideCatalogueFixture portal) : IClassFixture<ChangshaOutsideCatalogueFixture>
{
    [Fact]
    public async Task The_provider_answers_without_a_deadline_and_its_agreement_grants_at_once()
    {
        var entry = await portal.NotSharedEntryAsync("企业监管内部评级");
        var id = await portal.AsAsync("zhangwei", s => s.RequestNegotiationAsync(OutsideCatalogueFixture.Draft(entry, "经营异常原因")));

        var reply = await portal.OpenTaskAsync(id);
        Assert.Null(reply.DueDate);
        Assert.Contains("本系统的解释", reply.RuleText);
        await portal.DecideAsync("chenjing", id, FlowActions.Approve, "同意。");

        Assert.Equal(ShareRequestStatus.Granted, (await portal.RequestAsync(id)).Status);
        Assert.Single(await portal.GrantsAsync(id));
    }
}

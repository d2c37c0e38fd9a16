using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Walks;

/// <summary>
/// The named scenarios of the regulations with their dates written out (flows start Monday 2 March 2026, 10:00
/// Beijing): shuangpai Art. 40's objection chain along both branches (1/2/5/5 working days), shuangpai Art. 24(2)'s two
/// opinions then the city's decision, and a catalogue update counted from the law-change date across the Spring Festival.
/// </summary>
public class ShuangpaiScenarioTests(ShuangpaiWalkFixture portal) : FlowWalkTests<ShuangpaiWalkFixture>(portal), IClassFixture<ShuangpaiWalkFixture>
{
    private static DateOnly March(int day) => new(2026, 3, day);

    [Fact]
    public async Task An_objection_the_centre_keeps_is_marked_in_1_decided_in_5_from_receipt_and_the_objector_is_told_on_record()
    {
        var flow = Portal.Profile.Flow(FlowKeys.DataSubjectObjection)!;
        var walk = await StartAsync(flow);
        Assert.Equal(March(3), (await walk.OpenStepTasksAsync()).Single().DueDate); // mark: 1 day from receipt
        await walk.DecideAsync(new("mark", "approve", null, "scope"));
        Assert.Equal(March(4), (await walk.OpenStepTasksAsync()).Single().DueDate); // scope: 2 days from receipt
        await walk.DecideAsync(new("scope", "branch", "own", "centre-decision"));
        var decision = (await walk.OpenStepTasksAsync()).Single();
        Assert.Equal("centre-decision", decision.StepKey);
        Assert.Equal(March(9), decision.DueDate); // 5 from receipt (2 March), not from the choice on 4 March
        await walk.DecideAsync(new("centre-decision", "approve", null, "notify-objector"));

        var notify = (await walk.OpenStepTasksAsync()).Single();
        var refused = await Assert.ThrowsAsync<DomainException>(() => walk.ActAsync(notify, FlowActions.Approve));
        Assert.Contains("告知方式", refused.Message);
        var toldAt = Portal.Clock.GetUtcNow().AddHours(-1);
        await walk.ActAsync(notify, FlowActions.Approve, notice: new PartyNotice(NoticeMethod.Post, toldAt, "已邮寄不予更正决定书。"));

        var instance = await walk.InstanceAsync();
        Assert.Equal(FlowOutcome.Approved, instance.Outcome);
        await using var db = await Portal.DbAsync();
        var told = await db.FlowPartyNotices.SingleAsync(n => n.InstanceId == walk.InstanceId);
        Assert.Equal((NoticeMethod.Post, toldAt, "已邮寄不予更正决定书。"), (told.Method, told.NotifiedAt, told.Content));
        Assert.Contains(instance.Events, e => e.Action == FlowActions.Notified && e.Comment!.StartsWith("邮寄告知", StringComparison.Ordinal));
        Assert.Equal("王五", instance.RequesterParty!.Name);
    }

    [Fact]
    public async Task The_inbox_offers_each_branch_as_a_button_and_records_what_the_objector_was_told()
    {
        var walk = await StartAsync(Portal.Profile.Flow(FlowKeys.DataSubjectObjection)!);
        await walk.DecideAsync(new("mark", "approve", null, "scope"));
        var scope = (await walk.OpenStepTasksAsync()).Single();
        await using (var as_ = await Portal.ScopeAsAsync("zhaomin"))
        {
            var detail = (await as_.Get<GovDataPortal.Features.Inbox.InboxService>().GetTaskAsync(scope.Id))!;
            Assert.Equal(["属本中心更正范围", "转交政务部门"], detail.Actions.Where(a => a.Action == FlowActions.Choose).Select(a => a.Label));
            Assert.DoesNotContain(detail.Actions, a => a.Action == FlowActions.Approve);
            await as_.Get<GovDataPortal.Features.Inbox.InboxService>().DecideAsync(scope.Id,
                new GovDataPortal.Features.Inbox.DecisionRequest(scope.Version, FlowActions.Choose, null, null, null, Branch: "own"));
        }
        await walk.DecideAsync(new("centre-decision", "approve", null, "notify-objector"));
        var notify = (await walk.OpenStepTasksAsync()).Single();
        await using var scopeAs = await Portal.ScopeAsAsync("zhaomin");
        var inbox = scopeAs.Get<GovDataPortal.Features.Inbox.InboxService>();
        var offered = Assert.Single((await inbox.GetTaskAsync(notify.Id))!.Actions);
        Assert.True(offered.NeedsNotice);
        await inbox.DecideAsync(notify.Id, new GovDataPortal.Features.Inbox.DecisionRequest(notify.Version, FlowActions.Approve, null, null, null,
            NoticeMethod: NoticeMethod.Phone, NotifiedAt: Portal.Clock.GetUtcNow().AddMinutes(-5), NoticeContent: "已电话告知：予以更正。"));
        Assert.Equal(FlowOutcome.Approved, (await walk.InstanceAsync()).Outcome);
    }

    [Fact]
    public async Task An_objection_forwarded_on_day_2_gives_the_department_5_days_from_its_own_receipt()
    {
        var flow = Portal.Profile.Flow(FlowKeys.DataSubjectObjection)!;
        var walk = await StartAsync(flow);
        await walk.DecideAsync(new("mark", "approve", null, "scope"));      // 3 March
        await walk.DecideAsync(new("scope", "branch", "department", "department-decision")); // 4 March: forwarded
        var task = (await walk.OpenStepTasksAsync()).Single();
        await using var db = await Portal.DbAsync();
        Assert.Equal(await db.Departments.Where(d => d.Name == DemoAccounts.Market).Select(d => d.Id).SingleAsync(), task.AssigneeDepartmentId);
        Assert.Equal(March(11), task.DueDate); // received 4 March + 5 working days
        Assert.Contains(FlowWalkFixture.HeardBy(walk.SubjectId), l => l == "decided:scope:Choose:department");
    }

    [Fact]
    public async Task The_forwarding_limit_of_2_days_is_an_enforced_deadline_that_reminds_when_missed()
    {
        var walk = await StartAsync(Portal.Profile.Flow(FlowKeys.DataSubjectObjection)!);
        await walk.DecideAsync(new("mark", "approve", null, "scope"));
        var scope = (await walk.OpenStepTasksAsync()).Single();
        Assert.Equal(March(4), scope.DueDate);
        Portal.Clock.Set(scope.DueAt!.Value.AddMinutes(1));
        await walk.SweepAsync();
        Assert.Contains((await walk.InstanceAsync()).Events, e => e.Action == FlowActions.Remind && e.TaskId == scope.Id);
    }

    [Fact]
    public async Task A_conditional_share_waits_for_both_opinions_then_goes_to_the_city_authority()
    {
        var walk = await StartAsync(Portal.Profile.Flow(FlowKeys.ConditionalShare)!);
        var opinions = await walk.OpenStepTasksAsync();
        Assert.Equal(2, opinions.Count);
        Assert.All(opinions, t => Assert.Equal(March(16), t.DueDate)); // 10 working days
        await walk.ActAsync(opinions.Single(t => t.AssigneeRole == PortalRoles.DepartmentApprover), FlowActions.Reject, "涉及商业秘密");
        Assert.Equal("opinion", (await walk.InstanceAsync()).CurrentStepKey); // 会签: the centre has not spoken yet
        await walk.ActAsync(opinions.Single(t => t.AssigneeRole == PortalRoles.AuthorityReviewer), FlowActions.Approve);

        var decision = (await walk.OpenStepTasksAsync()).Single();
        await using var db = await Portal.DbAsync();
        Assert.Equal(DemoAccounts.CityAuthority, await db.Departments.Where(d => d.Id == decision.AssigneeDepartmentId).Select(d => d.Name).SingleAsync());
        Assert.Contains(FlowWalkFixture.HeardBy(walk.SubjectId), l => l == "decided:opinion:Reject:");
    }

    [Fact]
    public async Task A_catalogue_update_is_due_15_working_days_from_the_law_change_across_the_spring_festival()
    {
        var walk = await StartAsync(Portal.Profile.Flow(FlowKeys.CatalogueUpdate)!, anchor: new DateOnly(2026, 2, 13));
        // 14 Feb and 28 Feb are make-up working days; 15–23 Feb the holiday: the 15th working day is 12 March,
        // though the task only arrived on 2 March.
        Assert.Equal(March(12), (await walk.OpenStepTasksAsync()).Single().DueDate);
    }

    [Fact]
    public async Task A_flow_counted_from_a_given_date_cannot_start_without_it_nor_with_one_in_the_future()
    {
        var flow = Portal.Profile.Flow(FlowKeys.CatalogueUpdate)!;
        await using var scope = await Portal.ScopeAsAsync("admin");
        await using var db = await scope.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var engine = scope.Get<WorkflowEngine>();
        var missing = await Assert.ThrowsAsync<DomainException>(() => engine.StartAsync(db, new StartFlow(flow.Key, FlowWalkFixture.Subject, "x1", "无日期", 1, 1), default));
        Assert.Equal($"请填写{flow.GivenDateName}。", missing.Message);
        var future = await Assert.ThrowsAsync<DomainException>(() => engine.StartAsync(db, new StartFlow(flow.Key, FlowWalkFixture.Subject, "x2", "未来日期", 1, 1,
            AnchorDate: ChinaTime.Today(Portal.Clock).AddDays(1)), default));
        Assert.Contains("不能晚于今天", future.Message);
    }

    [Fact]
    public async Task A_party_without_an_account_is_checked_and_only_where_the_rules_allow_one()
    {
        await using var scope = await Portal.ScopeAsAsync("admin");
        await using var db = await scope.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var engine = scope.Get<WorkflowEngine>();
        var badId = new FlowParty { Kind = FlowPartyKind.Person, Name = "王五", IdentityNumber = "110105194912310021", Phone = "1" };
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => engine.StartAsync(db,
            new StartFlow(FlowKeys.DataSubjectObjection, FlowWalkFixture.Subject, "p1", "异议", 1, 1, RequesterParty: badId), default));
        Assert.Contains("校验位", refused.Message);
        var departmentsOnly = await Assert.ThrowsAsync<DomainException>(() => engine.StartAsync(db,
            new StartFlow(FlowKeys.DataCheck, FlowWalkFixture.Subject, "p2", "校核", 1, 1, RequesterParty: Walk.Citizen), default));
        Assert.Contains("只能由政务部门提出", departmentsOnly.Message);
    }
}

/// <summary>hubei Art. 20: no reply in 10 working days is consent, granted by the platform — heard as deemed, exactly once.</summary>
public class HubeiScenarioTests(HubeiWalkFixture portal) : FlowWalkTests<HubeiWalkFixture>(portal), IClassFixture<HubeiWalkFixture>
{
    [Fact]
    public async Task A_share_request_nobody_answers_is_deemed_approved_once_though_two_hosts_sweep_at_once()
    {
        var walk = await StartAsync(Portal.Profile.Flow(FlowKeys.ConditionalShare)!);
        var reply = (await walk.OpenStepTasksAsync()).Single();
        Assert.Equal(new DateOnly(2026, 3, 16), reply.DueDate);
        Portal.Clock.Set(reply.DueAt!.Value.AddMinutes(1));

        var fired = await Simultaneously.RunAsync(2, host => Task.FromResult<Func<Task<int>>>(async () =>
        {
            await using var scope = Portal.AnonymousScope();
            return await scope.Get<FlowTimerSweep>().SweepAsync($"host-{host}");
        }));
        Assert.True(fired.Sum() >= 1);

        var instance = await walk.InstanceAsync();
        Assert.Equal(FlowOutcome.DeemedApproved, instance.Outcome);
        Assert.StartsWith("依据《湖北省政务数据资源应用与管理办法》第二十条", instance.OutcomeNote);
        Assert.Single(instance.Events, e => e.Action == FlowActions.DeemedApproval);
        Assert.Single(FlowWalkFixture.HeardBy(walk.SubjectId), l => l.StartsWith("ended:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_refusal_the_requester_may_ask_the_authority_to_coordinate_and_the_refusal_reasons_reach_the_subject()
    {
        var flow = Portal.Profile.Flow(FlowKeys.ConditionalShare)!;
        Assert.Equal("coordination", flow.Coordination!.StepKey);
        var walk = await StartAsync(flow);
        await walk.DecideAsync(new("reply", "reject", null, "coordination-request"));
        var ask = (await walk.OpenStepTasksAsync()).Single();
        await using (var db = await Portal.DbAsync())
            Assert.Equal(await db.Users.Where(u => u.UserName == "zhangwei").Select(u => u.DepartmentId).SingleAsync(), ask.AssigneeDepartmentId);
        await walk.DecideAsync(new("coordination-request", "branch", "ask", "coordination"));
        await walk.DecideAsync(new("coordination", "approve", null, FlowRoute.Approved));
        Assert.Equal(FlowOutcome.Approved, (await walk.InstanceAsync()).Outcome);

        var accepted = await StartAsync(flow);
        await accepted.DecideAsync(new("reply", "reject", null, "coordination-request"));
        await accepted.DecideAsync(new("coordination-request", "branch", "accept", FlowRoute.Rejected));
        var end = await accepted.InstanceAsync();
        Assert.Equal(FlowOutcome.Rejected, end.Outcome);
        Assert.Contains(FlowWalkFixture.HeardBy(accepted.SubjectId), l => l.StartsWith("decided:reply:Reject", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_open_data_objection_reaches_its_subject_with_the_suspension_on_receipt()
    {
        var walk = await StartAsync(Portal.Profile.Flow(FlowKeys.DataSubjectObjection)!);
        Assert.Equal($"started:{ReceiptEffectKind.SuspendOpening}", FlowWalkFixture.HeardBy(walk.SubjectId)[0]);
    }
}

/// <summary>A running flow keeps the rules it started under when a 系统管理员 activates changed rules (issue: rule versions).</summary>
public class RuleChangeDuringAFlowTests(ShuangpaiWalkFixture portal) : FlowWalkTests<ShuangpaiWalkFixture>(portal), IClassFixture<ShuangpaiWalkFixture>
{
    /// <summary>The active shuangpai rules with the objection's forwarding limit (scope) set to <paramref name="days"/>.</summary>
    private string ScopeDaysJson(int days)
    {
        var catalog = Portal.Services.GetRequiredService<PolicyCatalog>();
        var node = System.Text.Json.Nodes.JsonNode.Parse(PolicyProfileJson.Serialize(catalog.BuiltIn(Jurisdiction.Shuangpai)))!;
        var objection = node["flows"]!.AsArray().Single(f => (string?)f!["key"] == FlowKeys.DataSubjectObjection)!;
        objection["steps"]!.AsArray().Single(s => (string?)s!["key"] == "scope")!["days"] = days;
        return node.ToJsonString();
    }

    [Fact]
    public async Task A_flow_started_before_a_rule_change_keeps_its_rules_and_a_new_one_takes_the_new_rules()
    {
        var flow = Portal.Profile.Flow(FlowKeys.DataSubjectObjection)!;
        var before = await StartAsync(flow);
        var builtIn = (await before.InstanceAsync()).RulesVersion;
        Assert.StartsWith("builtin:shuangpai:", builtIn);

        await using (var scope = await Portal.ScopeAsAsync("admin"))
        {
            var admin = scope.Get<PolicyProfileAdminService>();
            var row = await admin.UploadAsync("双牌县规则（转交期限4日）.json", ScopeDaysJson(4));
            await admin.ActivateAsync(row.Version);
        }

        await before.DecideAsync(new("mark", "approve", null, "scope"));
        Assert.Equal(new DateOnly(2026, 3, 4), (await before.OpenStepTasksAsync()).Single().DueDate); // still 2 days

        var after = await StartAsync(flow);
        Assert.StartsWith("custom:shuangpai:", (await after.InstanceAsync()).RulesVersion);
        await after.DecideAsync(new("mark", "approve", null, "scope"));
        Assert.Equal(new DateOnly(2026, 3, 6), (await after.OpenStepTasksAsync()).Single().DueDate); // 4 days under the new rules
    }
}

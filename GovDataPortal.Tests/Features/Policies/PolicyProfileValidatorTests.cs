using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>A broken profile is refused, with a Chinese reason, and stops the app at start-up.</summary>
public class PolicyProfileValidatorTests
{
    private static readonly PolicyProfile Hubei = BuiltInProfiles.Get(Jurisdiction.Hubei);
    private static readonly Citation Art20 = new(Jurisdiction.Hubei, "第二十条");

    private static StepRule Step(string key = "reply", int? days = 10, TimeoutAction onTimeout = TimeoutAction.RemindOnly,
        StepActions actions = StepActions.Approve | StepActions.Reject, StepActor actor = StepActor.ProviderDepartment,
        string role = PortalRoles.DepartmentApprover, Citation? citation = null, string? reading = null) =>
        new(key, "提供部门答复", actor, role, actions, days, onTimeout, citation ?? Art20, reading);

    private static PolicyProfile WithFlow(params StepRule[] steps) => WithFlow(null, steps);

    private static PolicyProfile WithFlow(ExtensionRule? extension, params StepRule[] steps) =>
        Hubei with { Flows = [new FlowRule("test-flow", "测试流程", steps, Art20, extension)] };

    private static PolicyProfile WithFlow(FlowRule flow) => Hubei with { Flows = [flow] };

    private static FlowRule Flow(params StepRule[] steps) => new("test-flow", "测试流程", steps, Art20);

    private static StepRule Authority(string key, StepActions actions = StepActions.Approve | StepActions.Reject) =>
        Step(key, actor: StepActor.DataAuthority, role: PortalRoles.AuthorityReviewer, actions: actions);

    private static StepRule Choice(string key, params StepBranch[] branches) =>
        Step(key, actions: StepActions.Choose) with { Branches = branches };

    private static string Refusal(PolicyProfile profile) => Assert.Single(PolicyProfileValidator.Check(profile));

    [Fact]
    public void A_valid_flow_passes() => Assert.Empty(PolicyProfileValidator.Check(WithFlow(Step())));

    [Fact]
    public void Duplicate_flow_keys_are_refused()
    {
        var flow = Hubei.Flow(FlowKeys.ConditionalShare)!;
        var reason = Refusal(Hubei with { Flows = [flow, flow with { Name = "另一个" }] });

        Assert.Contains("流程键“conditional-share”重复", reason);
        Assert.StartsWith("湖北省", reason);
    }

    [Theory]
    [InlineData("resubmit")]
    [InlineData("extension-consent")]
    public void The_engines_own_task_keys_are_refused_as_step_keys(string key) =>
        Assert.Contains($"步骤键“{key}”为系统保留", Refusal(WithFlow(Step(key))));

    [Fact]
    public void Duplicate_step_keys_in_a_flow_are_refused() =>
        Assert.Contains("步骤键“reply”重复", Refusal(WithFlow(Step(), Step())));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(367)]
    public void Days_outside_1_to_366_are_refused(int days) =>
        Assert.Contains("期限应为1至366个工作日", Refusal(WithFlow(Step(days: days))));

    [Theory]
    [InlineData(1)]
    [InlineData(366)]
    public void Days_at_the_bounds_pass(int days) => Assert.Empty(PolicyProfileValidator.Check(WithFlow(Step(days: days))));

    [Fact]
    public void Deemed_approval_without_a_deadline_is_refused() =>
        Assert.Contains("“逾期视为同意”须有期限", Refusal(WithFlow(Step(days: null, onTimeout: TimeoutAction.DeemedApproval))));

    [Fact]
    public void Deemed_approval_on_a_step_that_cannot_approve_is_refused() =>
        Assert.Contains("须允许同意", Refusal(WithFlow(Step(onTimeout: TimeoutAction.DeemedApproval, actions: StepActions.Reject))));

    [Fact]
    public void Reject_needs_nothing_else()
    {
        Assert.Empty(PolicyProfileValidator.Check(WithFlow(Step(actions: StepActions.Reject))));
    }

    [Fact]
    public void An_extension_request_without_an_extension_rule_is_refused() =>
        Assert.Contains("流程没有延期规则", Refusal(WithFlow(Step(actions: StepActions.Approve | StepActions.RequestExtension))));

    [Fact]
    public void An_extension_rule_no_step_can_use_is_refused() =>
        Assert.Contains("没有任何步骤允许申请延期",
            Refusal(WithFlow(new ExtensionRule(15, PortalRoles.Leadership, true, Art20), Step())));

    [Fact]
    public void An_extension_rule_with_an_unknown_consent_role_is_refused() =>
        Assert.Contains("同意角色“Boss”不是业务角色",
            Refusal(WithFlow(new ExtensionRule(15, "Boss", true, Art20), Step(actions: StepActions.Approve | StepActions.RequestExtension))));

    [Theory]
    [InlineData("")]
    [InlineData("二十条")]
    [InlineData("Art. 20")]
    public void A_citation_not_starting_with_di_is_refused(string article) =>
        Assert.Contains("应以“第”开头", Refusal(WithFlow(Step(citation: new Citation(Jurisdiction.Hubei, article)))));

    [Fact]
    public void A_citation_of_another_jurisdiction_is_refused() =>
        Assert.Contains("出自佛山市的办法", Refusal(WithFlow(Step(citation: new Citation(Jurisdiction.Foshan, "第二十六条")))));

    [Fact]
    public void A_named_user_step_with_a_role_is_refused() =>
        Assert.Contains("指定人员办理的步骤不能再要求角色", Refusal(WithFlow(Step(actor: StepActor.NamedUser))));

    [Fact]
    public void A_named_user_step_without_a_role_passes() =>
        Assert.Empty(PolicyProfileValidator.Check(WithFlow(Step(actor: StepActor.NamedUser, role: ""))));

    [Fact]
    public void An_authority_reviewer_outside_the_data_authority_is_refused() =>
        Assert.Contains("主管部门审核人只能办理数据主管部门或上级数据主管部门的步骤", Refusal(WithFlow(Step(role: PortalRoles.AuthorityReviewer))));

    [Fact]
    public void An_authority_reviewer_of_the_higher_data_authority_passes() =>
        Assert.Empty(PolicyProfileValidator.Check(WithFlow(Step(actor: StepActor.HigherDataAuthority, role: PortalRoles.AuthorityReviewer))));

    [Fact]
    public void A_non_business_role_is_refused() =>
        Assert.Contains("角色“Auditor”不是业务角色", Refusal(WithFlow(Step(role: PortalRoles.Auditor))));

    [Fact]
    public void A_step_without_actions_is_refused() =>
        Assert.Contains("至少应允许一种办理操作", Refusal(WithFlow(Step(actions: StepActions.None))));

    [Theory]
    [InlineData(StepActor.DataAuthority)]
    [InlineData(StepActor.HigherDataAuthority)]
    public void The_authority_escalating_its_own_overdue_step_is_refused(StepActor actor) =>
        Assert.Contains("逾期不能再上报主管部门", Refusal(WithFlow(Step(actor: actor, role: PortalRoles.AuthorityReviewer,
            onTimeout: TimeoutAction.EscalateToAuthority))));

    [Fact]
    public void A_reading_that_does_not_say_it_is_the_portals_is_refused() =>
        Assert.Contains("须注明为“本系统”的解释", Refusal(WithFlow(Step(days: 1, reading: "立即即1个工作日"))));

    [Theory]
    [InlineData("Reply")]
    [InlineData("回复")]
    [InlineData("")]
    public void A_step_key_that_is_not_lower_case_kebab_is_refused(string key) =>
        Assert.Contains("步骤键只能由小写字母、数字和连字符组成", Refusal(WithFlow(Step(key: key))));

    [Fact]
    public void A_step_name_longer_than_the_task_column_is_refused() =>
        Assert.Contains("步骤名称不能超过100个字符", Refusal(WithFlow(Step() with { Name = new string('答', 101) })));

    [Fact]
    public void A_flow_without_steps_is_refused() => Assert.Contains("未定义任何步骤", Refusal(WithFlow()));

    // ---- Routes: targets, reachability, cycles ----

    [Theory]
    [InlineData("nowhere")]
    [InlineData("@done")]
    public void A_dangling_approve_target_is_refused(string target) =>
        Assert.Equal($"湖北省流程“test-flow”：步骤“reply”：同意后的去向“{target}”既不是本流程的步骤，也不是流程终点（@approved、@rejected）。",
            Refusal(WithFlow(Step() with { OnApprove = target })));

    [Fact]
    public void A_dangling_reject_target_is_refused() =>
        Assert.Contains("步骤“reply”：不同意后的去向“coordination”既不是本流程的步骤",
            Refusal(WithFlow(Step() with { OnReject = "coordination" })));

    [Fact]
    public void A_dangling_branch_target_is_refused() =>
        Assert.Contains("步骤“scope”：分支“own”的去向“decide”既不是本流程的步骤",
            Refusal(WithFlow(Choice("scope", new StepBranch("own", "属本中心更正范围", "decide")))));

    [Fact]
    public void A_step_no_route_reaches_is_refused()
    {
        // "reply" ends the flow either way, so "orphan" can never open.
        var reason = Refusal(WithFlow(Step() with { OnApprove = FlowRoute.Approved }, Step("orphan")));

        Assert.Equal("湖北省流程“test-flow”：步骤“orphan”：从第一步出发无法到达。", reason);
    }

    [Fact]
    public void A_step_reached_only_by_a_refusal_or_a_branch_is_reachable() =>
        Assert.Empty(PolicyProfileValidator.Check(WithFlow(
            Step() with { OnApprove = FlowRoute.Approved, OnReject = "choose" },
            Choice("choose", new StepBranch("ask", "申请协调", "last"), new StepBranch("accept", "接受", FlowRoute.Rejected)),
            Step("last"))));

    [Fact]
    public void A_route_cycle_is_refused_naming_its_steps()
    {
        var reason = Refusal(WithFlow(Step("first"), Step("second"), Step("third") with { OnReject = "second" }));

        Assert.Equal("湖北省流程“test-flow”：步骤路线成环：second → third → second（除退回、重新提交外，流程不能回到已办理的步骤）。", reason);
    }

    [Fact]
    public void A_step_routing_to_itself_is_a_cycle() =>
        Assert.Contains("步骤路线成环：reply → reply", Refusal(WithFlow(Step() with { OnReject = "reply" })));

    [Fact]
    public void Return_is_not_a_route_so_a_returning_step_is_no_cycle() =>
        Assert.Empty(PolicyProfileValidator.Check(WithFlow(Step(actions: StepActions.Approve | StepActions.Return))));

    [Fact]
    public void A_step_with_no_way_out_is_refused() =>
        Assert.Contains("步骤没有通向其他步骤或流程终点的办理操作", Refusal(WithFlow(Step(actions: StepActions.Return))));

    // ---- Branches ----

    [Fact]
    public void Choose_without_branches_is_refused() =>
        Assert.Contains("步骤“scope”：允许“选择”的步骤须定义可选的分支。", Refusal(WithFlow(Choice("scope"))));

    [Fact]
    public void Branches_without_choose_are_refused() =>
        Assert.Contains("定义了分支的步骤须允许“选择”",
            Refusal(WithFlow(Step() with { Branches = [new("own", "属本中心更正范围", FlowRoute.Approved)] })));

    [Fact]
    public void Duplicate_branch_keys_are_refused() =>
        Assert.Contains("分支键“own”重复",
            Refusal(WithFlow(Choice("scope", new("own", "本中心", FlowRoute.Approved), new("own", "转交", FlowRoute.Rejected)))));

    [Fact]
    public void A_branch_key_that_is_not_lower_case_kebab_is_refused() =>
        Assert.Contains("分支“Own”：分支键只能由小写字母、数字和连字符组成",
            Refusal(WithFlow(Choice("scope", new StepBranch("Own", "本中心", FlowRoute.Approved)))));

    [Fact]
    public void A_branch_without_a_name_is_refused() =>
        Assert.Contains("分支“own”：缺少分支名称。", Refusal(WithFlow(Choice("scope", new StepBranch("own", " ", FlowRoute.Approved)))));

    // ---- Several actors (会签/或签) ----

    private static StepRule TwoOpinions(Consensus consensus, params StepParticipant[] also) =>
        Authority("opinion") with { Also = also, Consensus = consensus };

    private static readonly StepParticipant Provider = new(StepActor.ProviderDepartment, PortalRoles.DepartmentApprover);

    [Fact]
    public void Two_opinions_with_all_must_agree_pass() =>
        Assert.Empty(PolicyProfileValidator.Check(WithFlow(TwoOpinions(Consensus.All, Provider))));

    [Fact]
    public void Several_actors_without_a_consensus_are_refused() =>
        Assert.Contains("有多个办理人的步骤须指明会签或者或签", Refusal(WithFlow(TwoOpinions(Consensus.Single, Provider))));

    [Theory]
    [InlineData(Consensus.All)]
    [InlineData(Consensus.Any)]
    public void A_consensus_without_further_actors_is_refused(Consensus consensus) =>
        Assert.Contains("会签、或签的步骤须有其他办理人", Refusal(WithFlow(TwoOpinions(consensus))));

    [Fact]
    public void A_further_actor_without_a_business_role_is_refused() =>
        Assert.Contains("其他办理人“提供部门·审计员”：角色“Auditor”不是业务角色",
            Refusal(WithFlow(TwoOpinions(Consensus.Any, new StepParticipant(StepActor.ProviderDepartment, PortalRoles.Auditor)))));

    [Fact]
    public void A_named_user_as_further_actor_is_refused() =>
        Assert.Contains("会签、或签的办理人不能是指定人员",
            Refusal(WithFlow(TwoOpinions(Consensus.All, new StepParticipant(StepActor.NamedUser, "")))));

    [Fact]
    public void A_further_authority_reviewer_outside_an_authority_is_refused() =>
        Assert.Contains("其他办理人“提供部门·主管部门审核人”：主管部门审核人只能办理数据主管部门或上级数据主管部门的步骤",
            Refusal(WithFlow(TwoOpinions(Consensus.All, new StepParticipant(StepActor.ProviderDepartment, PortalRoles.AuthorityReviewer)))));

    [Fact]
    public void A_further_actor_duplicating_the_main_one_is_refused() =>
        Assert.Contains("办理人“数据主管部门·主管部门审核人”重复",
            Refusal(WithFlow(TwoOpinions(Consensus.All, new StepParticipant(StepActor.DataAuthority, PortalRoles.AuthorityReviewer)))));

    [Fact]
    public void Deemed_approval_of_a_step_all_must_agree_on_is_refused() =>
        Assert.Contains("会签步骤不能“逾期视为同意”",
            Refusal(WithFlow(TwoOpinions(Consensus.All, Provider) with { OnTimeout = TimeoutAction.DeemedApproval })));

    // ---- Anchors ----

    [Fact]
    public void A_given_date_anchor_without_the_flows_date_name_is_refused() =>
        Assert.Contains("期限自给定日期起算的，流程须写明该日期的含义",
            Refusal(WithFlow(Step() with { Anchor = DeadlineAnchor.GivenDate })));

    [Fact]
    public void A_given_date_anchor_with_the_flows_date_name_passes() =>
        Assert.Empty(PolicyProfileValidator.Check(WithFlow(
            Flow(Step() with { Anchor = DeadlineAnchor.GivenDate }) with { GivenDateName = BuiltInProfiles.LawChangeDate })));

    [Theory]
    [InlineData(DeadlineAnchor.FlowStarted)]
    [InlineData(DeadlineAnchor.GivenDate)]
    public void An_anchor_on_a_step_without_days_is_refused(DeadlineAnchor anchor) =>
        Assert.Contains("步骤“reply”：无法定期限的步骤不能指定期限起算日。", Refusal(WithFlow(
            Flow(Step(days: null) with { Anchor = anchor }) with { GivenDateName = anchor == DeadlineAnchor.GivenDate ? "某日" : null })));

    [Fact]
    public void A_given_date_name_no_step_counts_from_is_refused() =>
        Assert.Contains("写明了给定日期，但没有步骤的期限自该日期起算", Refusal(WithFlow(Flow(Step()) with { GivenDateName = "某日" })));

    // ---- Requester notice, external requesters ----

    [Fact]
    public void Telling_the_requester_on_a_step_that_cannot_approve_is_refused() =>
        Assert.Contains("告知申请人的步骤须允许同意", Refusal(WithFlow(Step(actions: StepActions.Reject) with { NotifiesRequester = true })));

    [Fact]
    public void A_requester_department_step_in_a_flow_of_external_requesters_is_refused() =>
        Assert.Contains("步骤“reply”：流程的申请人可以是没有账号的公民、法人，步骤不能由申请部门办理。",
            Refusal(WithFlow(Flow(Step(actor: StepActor.RequesterDepartment)) with { ExternalRequester = true })));

    [Fact]
    public void A_requester_department_as_further_actor_in_a_flow_of_external_requesters_is_refused() =>
        Assert.Contains("步骤不能由申请部门办理",
            Refusal(WithFlow(Flow(TwoOpinions(Consensus.Any, new StepParticipant(StepActor.RequesterDepartment, PortalRoles.DataSpecialist)))
                with { ExternalRequester = true })));

    // ---- Direct grant, coordination, receipt ----

    private static readonly Citation Foshan28 = new(Jurisdiction.Foshan, "第二十八条第二款");

    [Fact]
    public void A_direct_grant_citing_another_jurisdiction_is_refused() =>
        Assert.Equal("湖北省流程“test-flow”：直接授权规则：依据条款出自佛山市的办法，与本套规则不符。",
            Refusal(WithFlow(Flow(Step()) with { DirectGrant = new("需求符合已明确的应用场景的", Foshan28) })));

    [Fact]
    public void A_receipt_effect_with_a_bad_citation_is_refused() =>
        Assert.Contains("收到即执行的措施：依据条款“二十八条”应以“第”开头",
            Refusal(WithFlow(Flow(Step()) with { OnReceipt = new(ReceiptEffectKind.SuspendOpening, new(Jurisdiction.Hubei, "二十八条")) })));

    private static FlowRule WithCoordination(string stepKey, StepRule coordination) =>
        Flow(Step() with { OnApprove = FlowRoute.Approved, OnReject = "coordination" }, coordination)
            with { Coordination = new(stepKey, Art20) };

    [Fact]
    public void Coordination_reached_by_a_refusal_passes() =>
        Assert.Empty(PolicyProfileValidator.Check(WithFlow(WithCoordination("coordination", Authority("coordination")))));

    [Fact]
    public void A_coordination_citing_another_jurisdiction_is_refused() =>
        Assert.Contains("协调规则：依据条款出自佛山市的办法",
            Refusal(WithFlow(WithCoordination("coordination", Authority("coordination")) with { Coordination = new("coordination", Foshan28) })));

    [Fact]
    public void A_coordination_naming_no_step_is_refused() =>
        Assert.Contains("协调规则：协调步骤“mediation”不是本流程的步骤。",
            Refusal(WithFlow(WithCoordination("mediation", Authority("coordination")))));

    [Fact]
    public void A_coordination_step_reached_only_by_approval_is_refused()
    {
        var flow = Flow(Step(), Authority("coordination")) with { Coordination = new("coordination", Art20) };

        Assert.Contains("协调规则：协调步骤“coordination”须经某一步骤的“不同意”或分支到达。", Refusal(WithFlow(flow)));
    }

    [Fact]
    public void A_coordination_step_outside_the_data_authority_is_refused() =>
        Assert.Contains("协调规则：协调步骤“coordination”须由数据主管部门或上级数据主管部门办理。",
            Refusal(WithFlow(WithCoordination("coordination", Step("coordination")))));

    [Fact]
    public void A_missing_or_doubled_jurisdiction_is_refused()
    {
        var errors = PolicyProfileValidator.Check([.. BuiltInProfiles.All.Where(p => p.Jurisdiction != Jurisdiction.Foshan), Hubei]);

        Assert.Contains("佛山市应有且只有一套政策规则，实有0套。", errors);
        Assert.Contains("湖北省应有且只有一套政策规则，实有2套。", errors);
    }

    [Fact]
    public async Task A_broken_profile_stops_the_host_with_a_chinese_message()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPolicyProfiles();
        builder.Services.Configure<PolicyProfileSet>(set =>
            set.Profiles[set.Profiles.FindIndex(p => p.Jurisdiction == Jurisdiction.Hubei)] = WithFlow(Step(days: 0)));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("政策规则配置有误：湖北省流程“test-flow”：步骤“reply”：期限应为1至366个工作日", error.Message);
    }

    [Fact]
    public async Task The_five_built_in_profiles_pass_validation_and_the_host_starts_with_them()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddPolicyProfiles();
        using var host = builder.Build();

        await host.StartAsync(); // ValidateOnStart: throws OptionsValidationException on any invalid profile
        var set = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PolicyProfileSet>>().Value;
        Assert.Equal(Enum.GetValues<Jurisdiction>().Order(), set.Profiles.Select(p => p.Jurisdiction).Order());
        var result = host.Services.GetServices<Microsoft.Extensions.Options.IValidateOptions<PolicyProfileSet>>()
            .Single().Validate(null, set);
        Assert.True(result.Succeeded, result.FailureMessage);
        await host.StopAsync();
    }
}

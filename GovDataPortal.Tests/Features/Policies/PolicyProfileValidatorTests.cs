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

    private static string Refusal(PolicyProfile profile) => Assert.Single(PolicyProfileValidator.Check(profile));

    [Fact]
    public void A_valid_flow_passes() => Assert.Empty(PolicyProfileValidator.Check(WithFlow(Step())));

    [Fact]
    public void Duplicate_flow_keys_are_refused()
    {
        var flow = Hubei.Flows[0];
        var reason = Refusal(Hubei with { Flows = [flow, flow with { Name = "另一个" }] });

        Assert.Contains("流程键“conditional-share”重复", reason);
        Assert.StartsWith("湖北省", reason);
    }

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
        Assert.Contains("主管部门审核人只能办理数据主管部门的步骤", Refusal(WithFlow(Step(role: PortalRoles.AuthorityReviewer))));

    [Fact]
    public void A_non_business_role_is_refused() =>
        Assert.Contains("角色“Auditor”不是业务角色", Refusal(WithFlow(Step(role: PortalRoles.Auditor))));

    [Fact]
    public void A_step_without_actions_is_refused() =>
        Assert.Contains("至少应允许一种办理操作", Refusal(WithFlow(Step(actions: StepActions.None))));

    [Fact]
    public void The_authority_escalating_its_own_overdue_step_is_refused() =>
        Assert.Contains("逾期不能再上报主管部门", Refusal(WithFlow(Step(actor: StepActor.DataAuthority, role: PortalRoles.AuthorityReviewer,
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

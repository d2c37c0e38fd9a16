using Bunit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Features.Workflow;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GovDataPortal.Tests.Features.Inbox;

/// <summary>转办 from the decision panel: a department is chosen, the reason typed, one click hands the step over.</summary>
public class DecisionPanelForwardTests(WorkflowFixture flows) : PortalComponentTest, IClassFixture<WorkflowFixture>
{
    /// <summary>The database answers within this even on a busy shared machine (bUnit waits one second by default).</summary>
    private static readonly TimeSpan DbWait = TimeSpan.FromSeconds(10);

    private AsyncServiceScope? _scope;

    [Fact]
    public async Task Forwarding_needs_a_department_and_a_reason_then_hands_the_step_to_that_department()
    {
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20));
        var id = await flows.StartAsync(WorkflowFixture.TwoStep); // review by 市场监督管理局 allows 转办
        var review = await flows.OpenTaskAsync(id);
        _scope = await flows.ScopeAsAsync("chenjing");
        var inbox = _scope.Value.Get<InboxService>();
        Services.AddSingleton(inbox);
        var detail = (await inbox.GetTaskAsync(review.Id))!;
        var decided = new List<string>();
        RenderPopoverProvider();
        var cut = Render<DecisionPanel>(p => p.Add(x => x.Detail, detail)
            .Add(x => x.OnDecided, EventCallback.Factory.Create<string>(this, decided.Add)));

        Assert.Contains(FlowActions.Forward, cut.FindAll("#decision-actions [data-action]").Select(b => b.GetAttribute("data-action")));
        Assert.DoesNotContain(detail.ForwardDepartments, d => d.Name == DemoAccounts.Market); // not to itself
        cut.Find("#decision-comment").Input("属公安局登记数据，请其核实");
        cut.Find("[data-action='Forward']").Click();
        cut.WaitForAssertion(() => Assert.Equal("请选择转办的部门。", cut.Find(".gdp-field-error[data-field='forwardToDepartmentId']").TextContent), DbWait);

        var police = detail.ForwardDepartments.Single(d => d.Name == DemoAccounts.Police).Id;
        var select = cut.FindComponent<MudSelect<int?>>();
        await cut.InvokeAsync(() => select.Instance.SelectOption((int?)police)); // by value, as choosing it in the list does
        cut.Find("[data-action='Forward']").Click();

        cut.WaitForAssertion(() => Assert.Equal(["已转办。"], decided), DbWait);
        var forwarded = await flows.OpenTaskAsync(id);
        Assert.Equal((police, "review"), (forwarded.AssigneeDepartmentId, forwarded.StepKey));
        var instance = await flows.InstanceAsync(id);
        Assert.Equal("属公安局登记数据，请其核实", instance.Events.Single(e => e.Action == FlowActions.Forward).Comment);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_scope is { } scope) await scope.DisposeAsync();
    }
}

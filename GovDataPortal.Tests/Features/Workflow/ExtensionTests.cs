using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Workflow;

/// <summary>shuangpai Art. 27: extension only with the provider head's consent, requester told, at most 15 working days in total.</summary>
public class ExtensionTests(WorkflowFixture flows) : IClassFixture<WorkflowFixture>
{
    private async Task<long> StartDataCheckAsync()
    {
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20)); // Friday
        return await flows.StartAsync(FlowKeys.DataCheck, submitter: "liuyang", provider: DemoAccounts.Police);
    }

    [Fact]
    public async Task An_over_long_reason_is_refused_not_cut_and_nothing_is_asked()
    {
        var id = await StartDataCheckAsync();
        var check = await flows.OpenTaskAsync(id);

        // The history line is "申请延期N个工作日：" + the reason, within the 2000 characters a line holds.
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            flows.DecideAsAsync("lina", check, FlowActions.RequestExtension, new string('由', WorkflowEngine.ExtensionReasonMaxLength + 1), 5));

        Assert.Equal(("延期理由不能超过1000个字符。", "comment"), (error.Message, error.Field));
        var instance = await flows.InstanceAsync(id);
        Assert.DoesNotContain(instance.Tasks, t => t.Kind == FlowTaskKind.ExtensionConsent);
        await flows.DecideAsAsync("lina", check, FlowActions.RequestExtension, new string('由', WorkflowEngine.ExtensionReasonMaxLength), 5);
        Assert.Contains(new string('由', WorkflowEngine.ExtensionReasonMaxLength),
            (await flows.InstanceAsync(id)).Events.Single(e => e.Action == FlowActions.RequestExtension).Comment);
    }

    [Fact]
    public async Task The_provider_head_consents_the_deadline_moves_and_the_requester_is_told()
    {
        var id = await StartDataCheckAsync();
        var check = await flows.OpenTaskAsync(id);
        Assert.Equal(new DateOnly(2026, 11, 27), check.DueDate); // 5 working days

        await flows.DecideAsAsync("lina", check, FlowActions.RequestExtension, "需调取纸质档案核对", 10);
        await using (var db = await flows.DbAsync())
        {
            var consent = await db.FlowTasks.AsNoTracking().SingleAsync(t => t.InstanceId == id && t.Kind == FlowTaskKind.ExtensionConsent);
            Assert.Equal(PortalRolesLeadership, consent.AssigneeRole);
            await flows.DecideAsAsync("wangqiang", consent, FlowActions.Approve, "同意延期");
        }

        var extended = await flows.OpenTaskAsync(id);
        Assert.Equal(10, extended.ExtensionDays);
        Assert.Equal(new DateOnly(2026, 12, 11), extended.DueDate); // 15 working days after 11-20
        Assert.Equal(extended.DueAt, await flows.NoticedDueAsync(id)); // the subject keeps the moved deadline
        await using var check2 = await flows.DbAsync();
        var liuyang = await flows.UserIdAsync("liuyang");
        Assert.True(await check2.Notifications.AnyAsync(n => n.UserId == liuyang && n.Title.StartsWith("延期告知") && n.Body.Contains("2026-12-11")));
    }

    private const string PortalRolesLeadership = GovDataPortal.Features.Identity.PortalRoles.Leadership;

    [Fact]
    public async Task Extensions_beyond_fifteen_working_days_in_total_are_refused()
    {
        var id = await StartDataCheckAsync();
        var error = await Assert.ThrowsAsync<DomainException>(async () =>
            await flows.DecideAsAsync("lina", await flows.OpenTaskAsync(id), FlowActions.RequestExtension, "理由", 16));
        Assert.Contains("不得超过15个工作日", error.Message);

        await flows.DecideAsAsync("lina", await flows.OpenTaskAsync(id), FlowActions.RequestExtension, "第一次", 12);
        await GrantAsync(id);
        error = await Assert.ThrowsAsync<DomainException>(async () =>
            await flows.DecideAsAsync("lina", await OpenCheck(id), FlowActions.RequestExtension, "第二次", 4));
        Assert.Contains("最多还可延期3个工作日", error.Message);
    }

    [Fact]
    public async Task An_extension_needs_a_reason_and_the_head_may_refuse_it()
    {
        var id = await StartDataCheckAsync();
        await Assert.ThrowsAsync<DomainException>(async () => await flows.DecideAsAsync("lina", await OpenCheck(id), FlowActions.RequestExtension, null, 3));
        await flows.DecideAsAsync("lina", await OpenCheck(id), FlowActions.RequestExtension, "理由", 3);
        await using var db = await flows.DbAsync();
        var consent = await db.FlowTasks.AsNoTracking().SingleAsync(t => t.InstanceId == id && t.Kind == FlowTaskKind.ExtensionConsent);
        await Assert.ThrowsAsync<DomainException>(() => flows.DecideAsAsync("wangqiang", consent, FlowActions.Reject, ""));
        await flows.DecideAsAsync("wangqiang", consent, FlowActions.Reject, "期限内可以完成");
        Assert.Equal(0, (await OpenCheck(id)).ExtensionDays);
    }

    private async Task<FlowTask> OpenCheck(long id)
    {
        await using var db = await flows.DbAsync();
        return await db.FlowTasks.AsNoTracking().SingleAsync(t => t.InstanceId == id && t.Kind != FlowTaskKind.ExtensionConsent && t.Status == FlowTaskStatus.Open);
    }

    private async Task GrantAsync(long id)
    {
        await using var db = await flows.DbAsync();
        var consent = await db.FlowTasks.AsNoTracking().SingleAsync(t => t.InstanceId == id && t.Kind == FlowTaskKind.ExtensionConsent && t.Status == FlowTaskStatus.Open);
        await flows.DecideAsAsync("wangqiang", consent, FlowActions.Approve);
    }
}

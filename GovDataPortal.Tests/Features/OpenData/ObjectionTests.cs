using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.OpenData;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.OpenData;

/// <summary>Hubei Art. 28: opening is suspended on receipt; the provider's verify branch withdraws or restores it.</summary>
public sealed class HubeiObjectionTests(HubeiOpenDataFixture portal) : IClassFixture<HubeiOpenDataFixture>
{
    [Fact]
    public async Task Open_request_under_hubei_has_no_deadline()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（湖北申请）");
        var id = await portal.AsAsync("liuyang", s => s.SubmitRequestAsync(OpenDataFixture.Organisation(entry)));

        var task = await portal.OpenTaskAsync((await portal.RequestAsync(id)).FlowInstanceId);
        Assert.Null(task.DeadlineDays);
        Assert.Contains("第二十七条", task.RuleText);
    }

    [Fact]
    public async Task Objection_suspends_the_opening_on_receipt_before_any_step_is_decided_and_restore_reopens_it()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（湖北异议）");
        var id = await portal.AsAsync("liuyang", s => s.SubmitObjectionAsync(OpenDataFixture.Objection(entry)));

        var objection = await portal.ObjectionAsync(id);
        var suspended = await portal.EntryAsync(entry);
        Assert.Equal(OpeningHold.Suspended, suspended.OpeningHold);
        Assert.Contains("第二十八条", suspended.OpeningHoldReason);
        await using (var db = await portal.DbAsync())
            Assert.False(await db.FlowTasks.AnyAsync(t => t.InstanceId == objection.FlowInstanceId && t.Status != FlowTaskStatus.Open));

        var verify = await portal.OpenTaskAsync(objection.FlowInstanceId);
        Assert.Equal("verify", verify.StepKey);
        await portal.DecideAsync("chenjing", new TaskDecision(verify.Id, verify.Version, FlowActions.Choose, "经核实数据无误",
            BranchKey: ObjectionSubjectHandler.Restore));

        var restored = await portal.EntryAsync(entry);
        Assert.Null(restored.OpeningHold);
        Assert.Equal("restore", (await portal.ObjectionAsync(id)).OpeningOutcome);

        var notify = await portal.OpenTaskAsync(objection.FlowInstanceId);
        await portal.DecideAsync("chenjing", new TaskDecision(notify.Id, notify.Version, FlowActions.Approve, "已告知",
            Notice: new PartyNotice(NoticeMethod.Sms, portal.Clock.GetUtcNow(), "经核实数据无误，已恢复开放。")));
        Assert.Equal(ObjectionStatus.Concluded, (await portal.ObjectionAsync(id)).Status);
    }

    [Fact]
    public async Task Withdraw_branch_leaves_the_entry_withdrawn_from_opening()
    {
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（撤回）");
        var id = await portal.AsAsync("liuyang", s => s.SubmitObjectionAsync(OpenDataFixture.Objection(entry, ObjectionKind.TradeSecret)));
        var verify = await portal.OpenTaskAsync((await portal.ObjectionAsync(id)).FlowInstanceId);

        await portal.DecideAsync("chenjing", new TaskDecision(verify.Id, verify.Version, FlowActions.Choose, "涉及商业秘密，撤回",
            BranchKey: ObjectionSubjectHandler.Withdraw));

        Assert.Equal(OpeningHold.Withdrawn, (await portal.EntryAsync(entry)).OpeningHold);
    }
}

/// <summary>Shuangpai Art. 40 ¶2: mark within 1, scope within 2 (both from receipt), the department decides within 5 of its receipt.</summary>
public sealed class ShuangpaiObjectionTests(OpenDataFixture portal) : IClassFixture<OpenDataFixture>
{
    [Fact]
    public async Task Objection_runs_the_1_2_5_chain_of_shuangpai_article_40_with_the_clock()
    {
        portal.Clock.Set(PortalFixture.Start); // Friday 2026-11-20 10:00 Beijing
        var calendar = portal.Services.GetRequiredService<IWorkingDayCalendar>();
        var entry = await portal.ConditionalEntryAsync("食品经营许可信息（双牌异议）");
        var id = await portal.AsAsync("liuyang", s => s.SubmitObjectionAsync(OpenDataFixture.Objection(entry, ObjectionKind.Error)));
        var instance = (await portal.ObjectionAsync(id)).FlowInstanceId;
        var received = new DateOnly(2026, 11, 20);

        var mark = await portal.OpenTaskAsync(instance);
        Assert.Equal(("mark", 1), (mark.StepKey, mark.DeadlineDays));
        Assert.Equal(calendar.AddWorkingDays(received, 1).Due, mark.DueDate);
        Assert.Null((await portal.EntryAsync(entry)).OpeningHold); // shuangpai sets no suspension on receipt

        portal.Clock.Set(PortalFixture.Start.AddDays(3)); // Monday
        await portal.DecideAsync("zhaomin", new TaskDecision(mark.Id, mark.Version, FlowActions.Approve, "已作异议标注"));
        var scope = await portal.OpenTaskAsync(instance);
        Assert.Equal(("scope", 2), (scope.StepKey, scope.DeadlineDays));
        Assert.Equal(calendar.AddWorkingDays(received, 2).Due, scope.DueDate); // still from receipt, not from Monday

        portal.Clock.Set(PortalFixture.Start.AddDays(4)); // Tuesday: forwarded to the department
        await portal.DecideAsync("zhaomin", new TaskDecision(scope.Id, scope.Version, FlowActions.Choose, "属政务部门更正范围", BranchKey: "department"));
        var department = await portal.OpenTaskAsync(instance);
        Assert.Equal(("department-decision", 5), (department.StepKey, department.DeadlineDays));
        Assert.Equal(calendar.AddWorkingDays(new DateOnly(2026, 11, 24), 5).Due, department.DueDate);

        await portal.DecideAsync("chenjing", new TaskDecision(department.Id, department.Version, FlowActions.Approve, "予以更正"));
        var notify = await portal.OpenTaskAsync(instance);
        Assert.Equal("notify-objector", notify.StepKey);
        Assert.Null(notify.DeadlineDays);
        await portal.DecideAsync("zhaomin", new TaskDecision(notify.Id, notify.Version, FlowActions.Approve, "已告知",
            Notice: new PartyNotice(NoticeMethod.Phone, portal.Clock.GetUtcNow(), "数据已更正。")));

        Assert.Equal(ObjectionStatus.Concluded, (await portal.ObjectionAsync(id)).Status);
    }
}

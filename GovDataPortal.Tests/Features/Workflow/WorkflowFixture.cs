using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Workflow;

/// <summary>
/// The shuangpai profile plus two test flows that exercise what no data-check flow does: a two-step flow whose second
/// step escalates to the data authority, and a reply step that is deemed approved on timeout (as hubei Art. 20).
/// </summary>
public class WorkflowFixture : PortalFixture
{
    public const string TwoStep = "test-two-step";
    public const string Deemed = "test-deemed";
    private static readonly Citation TestCitation = new(Jurisdiction.Shuangpai, "第二十四条");

    public static readonly FlowRule TwoStepFlow = new(TwoStep, "测试两步流程",
    [
        new StepRule("review", "提供部门审核", StepActor.ProviderDepartment, PortalRoles.DepartmentApprover,
            StepActions.Approve | StepActions.Reject | StepActions.Return | StepActions.Forward, 3, TimeoutAction.RemindOnly, TestCitation),
        new StepRule("authority", "主管部门审定", StepActor.DataAuthority, PortalRoles.AuthorityReviewer,
            StepActions.Approve | StepActions.Reject, 2, TimeoutAction.RemindOnly, TestCitation),
    ], TestCitation);

    public const string Escalating = "test-escalating";

    public static readonly FlowRule EscalatingFlow = new(Escalating, "测试逾期督办",
    [
        new StepRule("review", "提供部门审核", StepActor.ProviderDepartment, PortalRoles.DepartmentApprover,
            StepActions.Approve | StepActions.Reject, 2, TimeoutAction.EscalateToAuthority, TestCitation),
    ], TestCitation);

    public static readonly FlowRule DeemedFlow = new(Deemed, "测试视为同意",
    [
        new StepRule("reply", "提供部门答复", StepActor.ProviderDepartment, PortalRoles.DepartmentApprover,
            StepActions.Approve | StepActions.Reject, 2, TimeoutAction.DeemedApproval, TestCitation),
    ], TestCitation);

    /// <summary>A subject whose feature answers the first step of its flows on its own page (as data checks do).</summary>
    public const string AnsweredSubject = "TestAnsweredSubject";

    protected override void ConfigureServices(IServiceCollection services)
    {
        AddTestFlows(services);
        services.AddScoped<IFlowSubjectHandler, AnsweredOnPageHandler>();
        services.AddSingleton(DueNotices);
        services.AddScoped<IFlowSubjectHandler, DueRecorder>();
    }

    /// <summary>The last earliest-deadline notice each "TestSubject" got from the engine, by subject id.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset?> DueNotices { get; } = new();

    /// <summary>The deadline a subject was last told (what a feature would keep to sort its lists).</summary>
    public async Task<DateTimeOffset?> NoticedDueAsync(long instanceId) => DueNotices[(await InstanceAsync(instanceId)).SubjectId];

    private sealed class DueRecorder(System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset?> notices) : IFlowSubjectHandler
    {
        public string SubjectType => "TestSubject";

        public Task OnDueChangedAsync(GovDataPortal.Infrastructure.PortalDbContext db, FlowRef flow, DateTimeOffset? dueAt, CancellationToken ct)
        {
            notices[flow.SubjectId] = dueAt;
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Declares that the review step of <see cref="AnsweredSubject"/> is answered on "test-subjects/{id}" with
    /// 经核实无误 or 确认有误，已更正; the flow's end needs nothing of it.
    /// </summary>
    private sealed class AnsweredOnPageHandler : IFlowSubjectHandler
    {
        public string SubjectType => AnsweredSubject;

        public Task OnFlowEndedAsync(GovDataPortal.Infrastructure.PortalDbContext db, FlowInstance instance, FlowOutcome outcome,
            CancellationToken ct) => Task.CompletedTask;

        public SubjectAnswering? AnsweredOnSubjectPage(string subjectId, string stepKey) =>
            stepKey == "review"
                ? new SubjectAnswering($"test-subjects/{subjectId}", "前往事项页面答复", "请在事项页面答复。",
                    StepActions.Approve | StepActions.Reject, [FlowActions.VerifiedNoError, FlowActions.VerifiedCorrected])
                : null;
    }

    public static void AddTestFlows(IServiceCollection services) =>
        services.PostConfigure<PolicyProfileSet>(set =>
        {
            var i = set.Profiles.FindIndex(p => p.Jurisdiction == Jurisdiction.Shuangpai);
            set.Profiles[i] = set.Profiles[i] with { Flows = [.. set.Profiles[i].Flows, TwoStepFlow, EscalatingFlow, DeemedFlow] };
        });

    /// <summary>zhangwei (公安局) submits a subject to 市场监督管理局 and the flow starts; returns the instance id.</summary>
    public async Task<long> StartAsync(string flowKey, string submitter = "zhangwei", string provider = DemoAccounts.Market,
        string subjectType = "TestSubject")
    {
        await using var scope = await ScopeAsAsync(submitter);
        var engine = scope.Get<WorkflowEngine>();
        await using var db = await DbAsync();
        var requester = await db.Users.Where(u => u.UserName == submitter).Select(u => u.DepartmentId).SingleAsync();
        var providerId = await db.Departments.Where(d => d.Name == provider).Select(d => d.Id).SingleAsync();
        await using var work = await scope.Get<IDbContextFactory<GovDataPortal.Infrastructure.PortalDbContext>>().CreateDbContextAsync();
        var instance = await engine.StartAsync(work, new StartFlow(flowKey, subjectType, Guid.NewGuid().ToString("N")[..12],
            "测试事项", providerId, requester), default);
        await work.SaveChangesAsync();
        return instance.Id;
    }

    public async Task<FlowTask> OpenTaskAsync(long instanceId)
    {
        await using var db = await DbAsync();
        return await db.FlowTasks.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.Status == FlowTaskStatus.Open);
    }

    public async Task DecideAsAsync(string userName, FlowTask task, string action, string? comment = null, int? days = null, int? forwardTo = null)
    {
        await using var scope = await ScopeAsAsync(userName);
        await scope.Get<WorkflowEngine>().DecideAsync(new TaskDecision(task.Id, task.Version, action, comment, days, forwardTo));
    }

    public async Task<FlowInstance> InstanceAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.FlowInstances.AsNoTracking().Include(i => i.Events).Include(i => i.Tasks).SingleAsync(i => i.Id == id);
    }

    /// <summary>Beijing wall-clock → UTC instant.</summary>
    public static DateTimeOffset Beijing(int y, int m, int d, int h = 10) => new DateTimeOffset(y, m, d, h, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
}

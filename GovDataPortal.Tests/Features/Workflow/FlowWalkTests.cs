using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Walks;

/// <summary>One decision along a path: at <paramref name="StepKey"/>, approve / reject / a branch, leading to <paramref name="Target"/>.</summary>
public sealed record Choice(string StepKey, string Kind, string? Branch, string Target)
{
    public override string ToString() => $"{StepKey}:{Branch ?? Kind}";
}

/// <summary>
/// Walks every flow of a built-in profile along each of its paths (every approve / reject / branch route to an end),
/// and every step's return and timeout, checking who gets each task, each deadline against the working-day calendar
/// (from the step's anchor) and the outcome the subject hears through the contract. One subclass per profile.
/// </summary>
public abstract class FlowWalkTests<TFixture>(TFixture portal) where TFixture : FlowWalkFixture
{
    protected TFixture Portal => portal;

    public static TheoryData<string> FlowsOf(Jurisdiction j) => [.. BuiltInProfiles.Get(j).Flows.Select(f => f.Key)];

    /// <summary>Every route sequence from the first step to an end (the model forbids route cycles, so this terminates).</summary>
    public static IEnumerable<List<Choice>> Paths(FlowRule flow, StepRule? from = null)
    {
        var step = from ?? flow.FirstStep;
        foreach (var choice in Choices(flow, step))
        {
            if (FlowRoute.IsEnd(choice.Target)) yield return [choice];
            else
                foreach (var rest in Paths(flow, flow.Step(choice.Target)!))
                    yield return [choice, .. rest];
        }
    }

    private static IEnumerable<Choice> Choices(FlowRule flow, StepRule step)
    {
        if (step.Actions.HasFlag(StepActions.Approve)) yield return new(step.Key, "approve", null, flow.ApproveTarget(step));
        if (step.Actions.HasFlag(StepActions.Reject)) yield return new(step.Key, "reject", null, FlowRule.RejectTarget(step));
        foreach (var b in step.Branches) yield return new(step.Key, "branch", b.Key, b.Target);
    }

    protected async Task WalkEveryPathAsync(string flowKey)
    {
        var flow = portal.Profile.Flow(flowKey)!;
        var paths = Paths(flow).ToList();
        Assert.NotEmpty(paths);
        foreach (var path in paths)
        {
            var walk = await StartAsync(flow);
            foreach (var choice in path) await walk.DecideAsync(choice);
            var expected = path[^1].Target == FlowRoute.Approved ? FlowOutcome.Approved : FlowOutcome.Rejected;
            var instance = await walk.InstanceAsync();
            Assert.True(expected == instance.Outcome, $"{flowKey} {string.Join(" → ", path)}: 结果应为 {expected}，实为 {instance.Outcome}");
            Assert.Contains(FlowWalkFixture.HeardBy(walk.SubjectId), l => l.StartsWith($"ended:{expected}:", StringComparison.Ordinal));
            Assert.Equal(1, FlowWalkFixture.HeardBy(walk.SubjectId).Count(l => l.StartsWith("ended:", StringComparison.Ordinal)));
        }
    }

    /// <summary>Each step that allows a return: returned, resubmitted by the submitter, the step reopens with a fresh deadline.</summary>
    protected async Task ReturnEveryReturnableStepAsync(string flowKey)
    {
        var flow = portal.Profile.Flow(flowKey)!;
        foreach (var step in flow.Steps.Where(s => s.Actions.HasFlag(StepActions.Return)))
        {
            var walk = await WalkToAsync(flow, step);
            var task = Assert.Single(await walk.OpenStepTasksAsync());
            await walk.ActAsync(task, FlowActions.Return, "请补充材料");
            var revision = Assert.Single(await walk.OpenTasksAsync(), t => t.Kind == FlowTaskKind.Revision);
            walk.NextDay();
            await walk.ActAsync(revision, FlowActions.Resubmit, "已补充");
            await walk.CheckOpenStepAsync(step);
        }
    }

    /// <summary>Each step with a deadline: past it, the sweep does what the step's timeout says, once.</summary>
    protected async Task TimeOutEveryStepWithADeadlineAsync(string flowKey)
    {
        var flow = portal.Profile.Flow(flowKey)!;
        foreach (var step in flow.Steps.Where(s => s.Days is not null))
        {
            var walk = await WalkToAsync(flow, step);
            var task = (await walk.OpenStepTasksAsync())[0];
            portal.Clock.Set(task.DueAt!.Value.AddMinutes(1));
            await walk.SweepAsync();
            var after = await walk.TaskAsync(task.Id);
            var events = (await walk.InstanceAsync()).Events;
            switch (step.OnTimeout)
            {
                case TimeoutAction.DeemedApproval:
                    Assert.Equal(FlowActions.DeemedApproval, after.Decision);
                    if (flow.ApproveTarget(step) == FlowRoute.Approved)
                    {
                        Assert.Equal(FlowOutcome.DeemedApproved, (await walk.InstanceAsync()).Outcome);
                        Assert.Contains(FlowWalkFixture.HeardBy(walk.SubjectId), l => l.StartsWith("ended:DeemedApproved:依据", StringComparison.Ordinal));
                    }
                    break;
                case TimeoutAction.EscalateToAuthority:
                    Assert.True(after.Escalated);
                    Assert.Contains(events, e => e.Action == FlowActions.Escalate && e.TaskId == task.Id);
                    break;
                default:
                    Assert.Equal(FlowTaskStatus.Open, after.Status);
                    Assert.Contains(events, e => e.Action == FlowActions.Remind && e.TaskId == task.Id);
                    break;
            }
        }
    }

    /// <summary>A new subject walked along the first path through <paramref name="step"/> until the step is open.</summary>
    protected async Task<Walk> WalkToAsync(FlowRule flow, StepRule step)
    {
        var path = Paths(flow).First(p => p.Any(c => c.StepKey == step.Key));
        var walk = await StartAsync(flow);
        foreach (var choice in path.TakeWhile(c => c.StepKey != step.Key)) await walk.DecideAsync(choice);
        return walk;
    }

    protected async Task<Walk> StartAsync(FlowRule flow, DateOnly? anchor = null)
    {
        portal.Clock.Set(FlowWalkFixture.WalkStart);
        var walk = new Walk(portal, flow);
        await walk.StartAsync(anchor);
        return walk;
    }

    /// <summary>One subject's flow being walked: starts it, acts as whoever holds each task, checks each opening.</summary>
    protected sealed class Walk(FlowWalkFixture portal, FlowRule flow)
    {
        public string SubjectId { get; } = Guid.NewGuid().ToString("N")[..16];
        public long InstanceId { get; private set; }
        public DateOnly? AnchorDate { get; private set; }
        private DateOnly _startDate;
        private int _day;

        /// <summary>A party without an account applies through the centre (admin registers it); departments ask for themselves.</summary>
        public string Submitter => flow.ExternalRequester || flow.Key == FlowKeys.CatalogueUpdate ? "admin" : "zhangwei";

        public static readonly FlowParty Citizen = new()
        {
            Kind = FlowPartyKind.Person, Name = "王五", IdentityNumber = "11010519491231002X", Phone = "13800000000",
        };

        public async Task StartAsync(DateOnly? anchor)
        {
            await using var db = await portal.DbAsync();
            var market = await DepartmentAsync(db, DemoAccounts.Market);
            var requester = await db.Users.Where(u => u.UserName == Submitter).Select(u => u.DepartmentId).SingleAsync();
            _startDate = ChinaTime.DateOf(portal.Clock.GetUtcNow());
            AnchorDate = flow.Steps.Any(s => s.Anchor == DeadlineAnchor.GivenDate) ? anchor ?? _startDate.AddDays(-6) : null;
            await using var scope = await portal.ScopeAsAsync(Submitter);
            await using var work = await scope.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var instance = await scope.Get<WorkflowEngine>().StartAsync(work, new StartFlow(flow.Key, FlowWalkFixture.Subject, SubjectId,
                $"走查：{flow.Name}", market, requester, AnchorDate: AnchorDate, RequesterParty: flow.ExternalRequester ? Citizen : null), default);
            await work.SaveChangesAsync();
            InstanceId = instance.Id;
            await CheckOpenStepAsync(flow.FirstStep);
        }

        public void NextDay() => portal.Clock.Set(FlowWalkFixture.WalkStart.AddDays(++_day));

        /// <summary>Decides the open step as <paramref name="choice"/> says (会签: the first actor refuses when refusing, the rest approve).</summary>
        public async Task DecideAsync(Choice choice)
        {
            var step = flow.Step(choice.StepKey)!;
            await CheckOpenStepAsync(step);
            NextDay();
            var tasks = await OpenStepTasksAsync();
            var acting = step.Consensus == Consensus.All ? tasks : tasks.Take(1).ToList();
            for (var i = 0; i < acting.Count; i++)
            {
                var kind = i == 0 ? choice.Kind : "approve";
                var action = kind switch { "approve" => FlowActions.Approve, "reject" => FlowActions.Reject, _ => FlowActions.Choose };
                var notice = step.NotifiesRequester && action == FlowActions.Approve
                    ? new PartyNotice(NoticeMethod.Phone, portal.Clock.GetUtcNow().AddMinutes(-30), "已电话告知处理结果。") : null;
                await ActAsync(acting[i], action, kind == "reject" ? "不符合条件" : null, choice.Branch, notice);
            }
            if (!FlowRoute.IsEnd(choice.Target) && step.Consensus != Consensus.All)
                Assert.Equal(choice.Target, (await InstanceAsync()).CurrentStepKey);
        }

        /// <summary>The step's open tasks: one per actor, in the actor's department and role, due as its anchor says.</summary>
        public async Task CheckOpenStepAsync(StepRule step)
        {
            var tasks = await OpenStepTasksAsync();
            var where = $"{flow.Key}/{step.Key}";
            Assert.True(tasks.All(t => t.StepKey == step.Key), $"{where}: 当前应为该步骤，实为 {string.Join(",", tasks.Select(t => t.StepKey))}");
            await using var db = await portal.DbAsync();
            var expected = new List<(int, string?)>();
            foreach (var who in step.Participants) expected.Add((await DepartmentOfAsync(db, who.Actor), who.Role));
            Assert.Equal(expected.OrderBy(x => x.Item1).ThenBy(x => x.Item2), tasks.Select(t => (t.AssigneeDepartmentId, t.AssigneeRole)).OrderBy(x => x.Item1).ThenBy(x => x.Item2));
            foreach (var task in tasks) Assert.Equal(ExpectedDue(step, task), task.DueDate);
        }

        private DateOnly? ExpectedDue(StepRule step, FlowTask task)
        {
            if (step.Days is not { } days) return null;
            var from = step.Anchor switch
            {
                DeadlineAnchor.FlowStarted => _startDate,
                DeadlineAnchor.GivenDate => AnchorDate!.Value,
                _ => ChinaTime.DateOf(task.ReceivedAt),
            };
            return portal.Calendar.AddWorkingDays(from, days + task.ExtensionDays).Due;
        }

        private async Task<int> DepartmentOfAsync(PortalDbContext db, StepActor actor) => actor switch
        {
            StepActor.ProviderDepartment => await DepartmentAsync(db, DemoAccounts.Market),
            StepActor.RequesterDepartment => await db.Users.Where(u => u.UserName == Submitter).Select(u => u.DepartmentId).SingleAsync(),
            StepActor.DataAuthority => await DepartmentAsync(db, DemoAccounts.Centre),
            StepActor.HigherDataAuthority => await DepartmentAsync(db, DemoAccounts.CityAuthority),
            _ => throw new InvalidOperationException(actor.ToString()),
        };

        private static Task<int> DepartmentAsync(PortalDbContext db, string name) => db.Departments.Where(d => d.Name == name).Select(d => d.Id).SingleAsync();

        /// <summary>Acts on <paramref name="task"/> as a holder of its role (the submitter only where the rules give it the step).</summary>
        public async Task ActAsync(FlowTask task, string action, string? comment = null, string? branch = null, PartyNotice? notice = null,
            int? days = null)
        {
            var user = await HolderAsync(task);
            await using var scope = await portal.ScopeAsAsync(user);
            await scope.Get<WorkflowEngine>().DecideAsync(new TaskDecision(task.Id, task.Version, action, comment, days, null, branch, notice));
        }

        private async Task<string> HolderAsync(FlowTask task)
        {
            await using var db = await portal.DbAsync();
            if (task.AssigneeUserId is { } named) return await db.Users.Where(u => u.Id == named).Select(u => u.UserName!).SingleAsync();
            var holders = await db.Users.Where(u => u.DepartmentId == task.AssigneeDepartmentId
                    && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == task.AssigneeRole))
                .OrderBy(u => u.UserName).Select(u => u.UserName!).ToListAsync();
            Assert.True(holders.Count > 0, $"{flow.Key}/{task.StepKey}: 无人持有角色 {task.AssigneeRole}");
            return holders.FirstOrDefault(u => u != Submitter) ?? holders[0];
        }

        public async Task<List<FlowTask>> OpenTasksAsync()
        {
            await using var db = await portal.DbAsync();
            return await db.FlowTasks.AsNoTracking().Where(t => t.InstanceId == InstanceId && t.Status == FlowTaskStatus.Open).OrderBy(t => t.Id).ToListAsync();
        }

        public async Task<List<FlowTask>> OpenStepTasksAsync() => [.. (await OpenTasksAsync()).Where(t => t.Kind == FlowTaskKind.Step)];

        public async Task<FlowTask> TaskAsync(long id)
        {
            await using var db = await portal.DbAsync();
            return await db.FlowTasks.AsNoTracking().SingleAsync(t => t.Id == id);
        }

        public async Task<FlowInstance> InstanceAsync()
        {
            await using var db = await portal.DbAsync();
            return await db.FlowInstances.AsNoTracking().Include(i => i.Events).Include(i => i.Tasks).SingleAsync(i => i.Id == InstanceId);
        }

        public async Task SweepAsync()
        {
            await using var scope = portal.AnonymousScope();
            await scope.Get<FlowTimerSweep>().SweepAsync("walk");
        }
    }
}

public sealed class ChangshaFlowWalkTests(ChangshaWalkFixture portal) : FlowWalkTests<ChangshaWalkFixture>(portal), IClassFixture<ChangshaWalkFixture>
{
    public static TheoryData<string> Flows => FlowsOf(Jurisdiction.Changsha);
    [Theory, MemberData(nameof(Flows))] public Task Every_path_reaches_its_outcome(string flow) => WalkEveryPathAsync(flow);
    [Theory, MemberData(nameof(Flows))] public Task Every_return_reopens_its_step(string flow) => ReturnEveryReturnableStepAsync(flow);
    [Theory, MemberData(nameof(Flows))] public Task Every_deadline_times_out_as_its_rule_says(string flow) => TimeOutEveryStepWithADeadlineAsync(flow);
}

public sealed class ShuangpaiFlowWalkTests(ShuangpaiWalkFixture portal) : FlowWalkTests<ShuangpaiWalkFixture>(portal), IClassFixture<ShuangpaiWalkFixture>
{
    public static TheoryData<string> Flows => FlowsOf(Jurisdiction.Shuangpai);
    [Theory, MemberData(nameof(Flows))] public Task Every_path_reaches_its_outcome(string flow) => WalkEveryPathAsync(flow);
    [Theory, MemberData(nameof(Flows))] public Task Every_return_reopens_its_step(string flow) => ReturnEveryReturnableStepAsync(flow);
    [Theory, MemberData(nameof(Flows))] public Task Every_deadline_times_out_as_its_rule_says(string flow) => TimeOutEveryStepWithADeadlineAsync(flow);
}

public sealed class HubeiFlowWalkTests(HubeiWalkFixture portal) : FlowWalkTests<HubeiWalkFixture>(portal), IClassFixture<HubeiWalkFixture>
{
    public static TheoryData<string> Flows => FlowsOf(Jurisdiction.Hubei);
    [Theory, MemberData(nameof(Flows))] public Task Every_path_reaches_its_outcome(string flow) => WalkEveryPathAsync(flow);
    [Theory, MemberData(nameof(Flows))] public Task Every_return_reopens_its_step(string flow) => ReturnEveryReturnableStepAsync(flow);
    [Theory, MemberData(nameof(Flows))] public Task Every_deadline_times_out_as_its_rule_says(string flow) => TimeOutEveryStepWithADeadlineAsync(flow);
}

public sealed class LongyanFlowWalkTests(LongyanWalkFixture portal) : FlowWalkTests<LongyanWalkFixture>(portal), IClassFixture<LongyanWalkFixture>
{
    public static TheoryData<string> Flows => FlowsOf(Jurisdiction.Longyan);
    [Theory, MemberData(nameof(Flows))] public Task Every_path_reaches_its_outcome(string flow) => WalkEveryPathAsync(flow);
    [Theory, MemberData(nameof(Flows))] public Task Every_return_reopens_its_step(string flow) => ReturnEveryReturnableStepAsync(flow);
    [Theory, MemberData(nameof(Flows))] public Task Every_deadline_times_out_as_its_rule_says(string flow) => TimeOutEveryStepWithADeadlineAsync(flow);
}

public sealed class FoshanFlowWalkTests(FoshanWalkFixture portal) : FlowWalkTests<FoshanWalkFixture>(portal), IClassFixture<FoshanWalkFixture>
{
    public static TheoryData<string> Flows => FlowsOf(Jurisdiction.Foshan);
    [Theory, MemberData(nameof(Flows))] public Task Every_path_reaches_its_outcome(string flow) => WalkEveryPathAsync(flow);
    [Theory, MemberData(nameof(Flows))] public Task Every_return_reopens_its_step(string flow) => ReturnEveryReturnableStepAsync(flow);
    [Theory, MemberData(nameof(Flows))] public Task Every_deadline_times_out_as_its_rule_says(string flow) => TimeOutEveryStepWithADeadlineAsync(flow);
}

using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GovDataPortal.Tests.Features.Workflow;

/// <summary>Races between approvers, and between app nodes sweeping the same database.</summary>
public class ConcurrencyTests(WorkflowFixture flows) : IClassFixture<WorkflowFixture>
{
    [Fact]
    public async Task Two_hundred_parallel_decisions_on_a_hundred_tasks_give_exactly_one_decision_each()
    {
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20));
        var ids = new List<long>();
        for (var i = 0; i < 100; i++) ids.Add(await flows.StartAsync(WorkflowFixture.Deemed));
        var tasks = new List<FlowTask>();
        foreach (var id in ids) tasks.Add(await flows.OpenTaskAsync(id));

        // Two approvers' clicks per task, all at once: one approves, one rejects.
        var attempts = tasks.SelectMany(t => new[] { (t, FlowActions.Approve), (t, FlowActions.Reject) })
            .Select(async a =>
            {
                try { await flows.DecideAsAsync("chenjing", a.t, a.Item2, "并发测试"); return "ok"; }
                catch (ConflictException e) { return e.Message; }
            });
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(100, outcomes.Count(o => o == "ok"));
        Assert.Equal(100, outcomes.Count(o => o == WorkflowEngine.TaskTakenMessage));
        await using var db = await flows.DbAsync();
        var decisions = await db.FlowEvents.Where(e => ids.Contains(e.InstanceId) && (e.Action == FlowActions.Approve || e.Action == FlowActions.Reject))
            .GroupBy(e => e.InstanceId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(100, decisions.Count);
        Assert.All(decisions, c => Assert.Equal(1, c));
        Assert.True((await GovDataPortal.Features.Audit.AuditChain.VerifyAsync(db, default)).IsIntact);
    }

    [Fact]
    public async Task Two_hosts_sweeping_the_same_database_at_once_act_on_each_timer_once()
    {
        // A sweep fires every due timer in its database: this test gets a database of its own, so the sum of what the
        // sweeps report counts only the timers it made, whatever other tests left behind.
        var own = new WorkflowFixture();
        await own.InitializeAsync();
        try
        {
            own.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20));
            var ids = new List<long>();
            for (var i = 0; i < 60; i++) ids.Add(await own.StartAsync(WorkflowFixture.Deemed));
            own.Clock.Set(WorkflowFixture.Beijing(2026, 11, 25, 1));

            await using var second = new PortalFactory(own.ConnectionString, own.Clock, null, WorkflowFixture.AddTestFlows);
            var sweeps = await Task.WhenAll(SweepAsync(own.Services, "node-a"), SweepAsync(second.Services, "node-b"),
                SweepAsync(own.Services, "node-a2"), SweepAsync(second.Services, "node-b2"));

            await using var db = await own.DbAsync();
            var deemed = await db.FlowEvents.Where(e => ids.Contains(e.InstanceId) && e.Action == FlowActions.DeemedApproval)
                .GroupBy(e => e.InstanceId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(60, deemed.Count);
            Assert.All(deemed, c => Assert.Equal(1, c));
            var firedHere = await db.FlowTimers.CountAsync(t => ids.Contains(t.Task!.InstanceId) && t.FiredAt != null);
            Assert.Equal(firedHere, sweeps.Sum()); // no timer counted by two nodes
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task Timers_claimed_by_a_node_that_dies_mid_sweep_are_fired_once_by_another()
    {
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20));
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await flows.StartAsync(WorkflowFixture.Deemed));
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 25, 1));
        var taskIds = await TaskIdsAsync(ids);

        // A "node" claims these timers as a sweep does, then dies before committing.
        var dying = new NpgsqlConnection(flows.ConnectionString);
        await dying.OpenAsync();
        var tx = await dying.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand(
            $"SELECT \"Id\" FROM flow_timers WHERE \"TaskId\" IN ({string.Join(",", taskIds)}) AND \"FiredAt\" IS NULL FOR UPDATE SKIP LOCKED", dying, tx))
            await claim.ExecuteNonQueryAsync();

        await SweepAsync(flows.Services, "node-b"); // the claimed rows are skipped, not waited for
        Assert.Equal(0, await DeemedAsync(ids));

        await dying.CloseAsync(); // the process is gone: its transaction rolls back, its locks go
        await SweepAsync(flows.Services, "node-b");
        await SweepAsync(flows.Services, "node-b");
        Assert.Equal(5, await DeemedAsync(ids));
        await using var db = await flows.DbAsync();
        Assert.All(await db.FlowEvents.Where(e => ids.Contains(e.InstanceId) && e.Action == FlowActions.DeemedApproval)
            .GroupBy(e => e.InstanceId).Select(g => g.Count()).ToListAsync(), c => Assert.Equal(1, c));
    }

    private static async Task<int> SweepAsync(IServiceProvider host, string node)
    {
        await using var scope = host.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowEngine>().SweepAsync(node);
    }

    private async Task<List<long>> TaskIdsAsync(List<long> instanceIds)
    {
        await using var db = await flows.DbAsync();
        return await db.FlowTasks.Where(t => instanceIds.Contains(t.InstanceId)).Select(t => t.Id).ToListAsync();
    }

    private async Task<int> DeemedAsync(List<long> ids)
    {
        await using var db = await flows.DbAsync();
        return await db.FlowEvents.CountAsync(e => ids.Contains(e.InstanceId) && e.Action == FlowActions.DeemedApproval);
    }
}

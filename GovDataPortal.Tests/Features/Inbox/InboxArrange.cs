using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Inbox;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Inbox;

/// <summary>Arranges flows through the real engine, as a demo user would start them, and reads the inbox as someone.</summary>
public static class InboxArrange
{
    public const string SubjectType = "TestSubject";

    /// <summary>Beijing wall-clock → UTC instant.</summary>
    public static DateTimeOffset Beijing(int y, int m, int d, int h = 10) =>
        new DateTimeOffset(y, m, d, h, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>
    /// <paramref name="submitter"/> raises a subject to <paramref name="provider"/> and the flow starts, saved like a
    /// feature saves it; returns the instance id.
    /// </summary>
    public static async Task<long> StartFlowAsync(this PortalFixture portal, string submitter, string provider,
        string title, string flowKey = FlowKeys.DataCheck)
    {
        await using var scope = await portal.ScopeAsAsync(submitter);
        await using var db = await scope.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var requester = await db.Users.Where(u => u.UserName == submitter).Select(u => u.DepartmentId).SingleAsync();
        var providerId = await db.Departments.Where(d => d.Name == provider).Select(d => d.Id).SingleAsync();
        var instance = await scope.Get<WorkflowEngine>().StartAsync(db,
            new StartFlow(flowKey, SubjectType, Guid.NewGuid().ToString("N")[..12], title, providerId, requester), default);
        await db.SaveChangesAsync();
        return instance.Id;
    }

    /// <summary>A data check raised to 公安局 by 市场监督管理局's liuyang: lina (公安局 部门审核人) decides it.</summary>
    public static Task<long> RaiseToPoliceAsync(this PortalFixture portal, string title, string flowKey = FlowKeys.DataCheck) =>
        portal.StartFlowAsync("liuyang", DemoAccounts.Police, title, flowKey);

    /// <summary>
    /// A real data check (DataCheckService, subject type DataCheckRequest) raised by 市场监督管理局's liuyang about
    /// 公安局's data: lina answers it. Returns the check's id and its flow instance.
    /// </summary>
    public static async Task<(long CheckId, long InstanceId)> RaiseDataCheckAsync(this PortalFixture portal, string resource)
    {
        await using var scope = await portal.ScopeAsAsync("liuyang");
        await using var db = await scope.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var police = await db.Departments.Where(d => d.Name == DemoAccounts.Police).Select(d => d.Id).SingleAsync();
        var id = await scope.Get<DataCheckService>().RaiseAsync(new RaiseDataCheckInput(police, resource, null, DataCheckKind.Doubt,
            "登记住所与营业执照不一致。"));
        var instance = await db.DataCheckRequests.Where(r => r.Id == id).Select(r => r.FlowInstanceId!.Value).SingleAsync();
        return (id, instance);
    }

    public static async Task<FlowTask> OpenTaskAsync(this PortalFixture portal, long instanceId)
    {
        await using var db = await portal.DbAsync();
        return await db.FlowTasks.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.Status == FlowTaskStatus.Open);
    }

    /// <summary>Runs <paramref name="work"/> with an InboxService acting as <paramref name="userName"/>.</summary>
    public static async Task<T> AsAsync<T>(this PortalFixture portal, string userName, Func<InboxService, Task<T>> work)
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        return await work(scope.Get<InboxService>());
    }

    public static async Task<IReadOnlyList<InboxRow>> OpenRowsAsync(this PortalFixture portal, string userName, InboxQuery? query = null) =>
        (await portal.AsAsync(userName, s => s.MyOpenTasksAsync(query ?? new InboxQuery(Take: InboxQuery.MaxTake)))).Items;

    public static Task DecideAsAsync(this PortalFixture portal, string userName, FlowTask task, string action, string? comment = null,
        int? days = null) =>
        portal.AsAsync(userName, async s =>
        {
            await s.DecideAsync(task.Id, new DecisionRequest(task.Version, action, comment, days, null));
            return 0;
        });
}

using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Requests;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Features.Catalogue;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovDataPortal.Tests.Features.Sharing.Requests;

/// <summary>
/// The portal under one jurisdiction (shuangpai unless a subclass says otherwise) with a settable scenario match, and
/// share-request helpers. Entries are published the way <see cref="PublishedEntries"/> does, with their sharing attributes.
/// </summary>
public class ShareRequestFixture : PortalFixture
{
    private static int _sequence;

    public virtual string Jurisdiction => "shuangpai";

    /// <summary>What the fake <see cref="IApplicationScenarioMatch"/> answers (null: no scenario matches).</summary>
    public long? MatchingScenario { get; set; }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:Jurisdiction"] = Jurisdiction };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Scoped<IApplicationScenarioMatch>(_ => new FakeScenarioMatch(this)));

    public static DateTimeOffset Beijing(int y, int m, int d, int h = 10) => new DateTimeOffset(y, m, d, h, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>A published entry of <paramref name="department"/> with items 统一社会信用代码, 企业名称, 住所.</summary>
    public async Task<long> EntryAsync(ShareType type = ShareType.Conditional, string department = DemoAccounts.Market,
        ShareMethods methods = ShareMethods.PlatformApi | ShareMethods.PlatformQueryVerify,
        ShareOperations operations = ShareOperations.View | ShareOperations.Compare)
    {
        var content = PublishedEntries.Content($"市场主体登记信息{Interlocked.Increment(ref _sequence)}",
            ("统一社会信用代码", ItemDataType.C), ("企业名称", ItemDataType.C), ("住所", ItemDataType.C));
        content.ShareType = type;
        content.ShareMethods = methods;
        content.ShareOperations = operations;
        if (type == ShareType.Conditional) content.ShareConditions = "仅限履行市场监管职责使用。";
        if (type != ShareType.Unconditional) content.ShareBasis = "《政务数据共享管理办法》";
        return await this.PublishedAsync(department, content);
    }

    public ShareRequestDraft Draft(long entryId, params string[] items) => new()
    {
        CatalogueEntryId = entryId,
        ItemNames = items.Length == 0 ? ["统一社会信用代码", "企业名称"] : items,
        DutyBasis = "《中华人民共和国治安管理处罚法》规定的治安管理职责",
        Scenario = "核查涉案企业的登记信息",
        Methods = ShareMethods.PlatformApi,
        Operations = ShareOperations.Compare,
        Users = "治安大队案件审核岗",
        EndDate = ChinaTime.Today(Clock).AddMonths(6),
    };

    public async Task<SubmittedShareRequest> SubmitAsync(ShareRequestDraft draft, string userName = "zhangwei") =>
        await AsAsync(userName, s => s.SubmitAsync(draft));

    public async Task<T> AsAsync<T>(string userName, Func<ShareRequestService, Task<T>> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        return await act(scope.Get<ShareRequestService>());
    }

    public async Task AsAsync(string userName, Func<ShareRequestService, Task> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        await act(scope.Get<ShareRequestService>());
    }

    public Task ApproveAsync(string userName, long id, string? reason = null) =>
        AsAsync(userName, s => s.DecideAsync(id, new ShareRequestDecisionInput("approve", reason)));

    public Task DecideAsync(string userName, long id, string action, string? reason = null) =>
        AsAsync(userName, s => s.DecideAsync(id, new ShareRequestDecisionInput(action, reason)));

    public async Task<ShareRequest> RequestAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.ShareRequests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public async Task<List<ShareGrant>> GrantsOfAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.ShareGrants.AsNoTracking().Where(g => g.ShareRequestId == id).ToListAsync();
    }

    public async Task<(int Requests, int Grants, int Instances)> CountsAsync()
    {
        await using var db = await DbAsync();
        return (await db.ShareRequests.CountAsync(), await db.ShareGrants.CountAsync(),
            await db.FlowInstances.CountAsync(i => i.SubjectType == SharingTexts.SubjectType));
    }

    public async Task<int> SweepAsync()
    {
        await using var scope = AnonymousScope();
        return await scope.Get<WorkflowEngine>().SweepAsync("test");
    }

    /// <summary>The open step tasks of the request's flow (fresh from the database).</summary>
    public async Task<List<FlowTask>> OpenTasksAsync(long id)
    {
        await using var db = await DbAsync();
        var instance = await db.ShareRequests.Where(r => r.Id == id).Select(r => r.FlowInstanceId).SingleAsync();
        return await db.FlowTasks.AsNoTracking().Where(t => t.InstanceId == instance && t.Status == FlowTaskStatus.Open).OrderBy(t => t.Id).ToListAsync();
    }

    private sealed class FakeScenarioMatch(ShareRequestFixture fixture) : IApplicationScenarioMatch
    {
        public Task<long?> MatchingAsync(PortalDbContext db, int requesterDepartmentId, long entryId, IReadOnlyList<string> items,
            CancellationToken ct) => Task.FromResult(fixture.MatchingScenario);
    }
}

public sealed class ChangshaShareRequestFixture : ShareRequestFixture
{
    public override string Jurisdiction => "changsha";
}

public sealed class HubeiShareRequestFixture : ShareRequestFixture
{
    public override string Jurisdiction => "hubei";
}

public sealed class LongyanShareRequestFixture : ShareRequestFixture
{
    public override string Jurisdiction => "longyan";
}

public sealed class FoshanShareRequestFixture : ShareRequestFixture
{
    public override string Jurisdiction => "foshan";
}

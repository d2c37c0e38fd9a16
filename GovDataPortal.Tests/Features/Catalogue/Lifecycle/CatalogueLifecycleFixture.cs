using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Catalogue.Lifecycle;

/// <summary>
/// The portal under shuangpai with catalogue helpers. Demo people: 市场监管局 liuyang (数据专管员) / chenjing (部门审核人),
/// 公安局 zhangwei / lina, the county centre's zhaomin (主管部门审核人, the data authority of every county department).
/// Departments holding grants are whatever <see cref="GrantHolders"/> names (issue 10 brings real grants).
/// </summary>
public class CatalogueLifecycleFixture : PortalFixture
{
    public const string Specialist = "liuyang", Approver = "chenjing", Authority = "zhaomin";

    /// <summary>Department names the fake grant holders answer with, for every entry.</summary>
    public List<string> GrantHolders { get; } = [];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddScoped<ICatalogueGrantHolders>(_ => new FakeGrantHolders(this));

    private sealed class FakeGrantHolders(CatalogueLifecycleFixture fixture) : ICatalogueGrantHolders
    {
        public async Task<IReadOnlyList<int>> DepartmentsHoldingAsync(PortalDbContext db, long entryId, IReadOnlyList<string> itemNames,
            CancellationToken ct) =>
            await db.Departments.Where(d => fixture.GrantHolders.Contains(d.Name)).Select(d => d.Id).ToListAsync(ct);
    }

    /// <summary>A complete entry (it passes every rule) on class 101 人口信息资源 (id 11) unless told otherwise.</summary>
    public static CatalogueContent Valid(string name = "户籍人口基本信息", int classId = 11) => new()
    {
        Name = name,
        Summary = "本县户籍人口的姓名、公民身份号码等基本信息。",
        CatalogueType = CatalogueType.Base,
        ResourceClassId = classId,
        SourceSystem = "人口信息管理系统",
        Format = ResourceFormat.Database,
        DataSubjects = DataSubjects.NaturalPersons,
        Items =
        [
            new() { Name = "公民身份号码", DataType = ItemDataType.C, Length = 18, Sensitivity = ItemSensitivity.PersonalInformation },
            new() { Name = "姓名", DataType = ItemDataType.C, Length = 50, Sensitivity = ItemSensitivity.PersonalInformation },
            new() { Name = "出生日期", DataType = ItemDataType.D, Sensitivity = ItemSensitivity.PersonalInformation },
        ],
        ShareType = ShareType.Unconditional,
        ShareMethods = ShareMethods.PlatformApi,
        ShareOperations = ShareOperations.View | ShareOperations.Compare,
        OpenType = OpenType.NotOpen,
        OpenBasis = "涉及个人信息，依法不予开放。",
        UpdateCycle = UpdateCycle.Daily,
        SecurityLevel = SecurityLevel.Sensitive,
    };

    /// <summary>A draft of <paramref name="department"/> written by its specialist (arranged directly, as the form would save it).</summary>
    public async Task<long> DraftAsync(CatalogueContent? content = null, string department = DemoAccounts.Market, string author = Specialist)
    {
        var departmentId = await this.DepartmentIdAsync(department);
        var userId = await this.UserIdAsync(author);
        await using var db = await DbAsync();
        var entry = CatalogueEntry.Create(departmentId, content ?? Valid(), userId, Clock.GetUtcNow());
        db.CatalogueEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    public async Task<T> AsAsync<T>(string userName, Func<CatalogueLifecycleService, Task<T>> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        return await act(scope.Get<CatalogueLifecycleService>());
    }

    public async Task AsAsync(string userName, Func<CatalogueLifecycleService, Task> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        await act(scope.Get<CatalogueLifecycleService>());
    }

    public Task<long> SubmitAsync(string userName, params long[] entryIds) => AsAsync(userName, s => s.SubmitAsync(entryIds));

    /// <summary>The batch's open review tasks (fresh from the database).</summary>
    public async Task<List<FlowTask>> OpenTasksAsync(long submissionId)
    {
        await using var db = await DbAsync();
        var instanceId = await db.CatalogueSubmissions.Where(s => s.Id == submissionId).Select(s => s.FlowInstanceId).SingleAsync();
        return await db.FlowTasks.AsNoTracking().Where(t => t.InstanceId == instanceId && t.Status == FlowTaskStatus.Open).ToListAsync();
    }

    public async Task<FlowTask> OpenTaskAsync(long submissionId) => Assert.Single(await OpenTasksAsync(submissionId));

    public async Task ApproveAsync(string userName, long submissionId)
    {
        var task = await OpenTaskAsync(submissionId);
        await AsAsync(userName, s => s.ApproveAsync(submissionId, task.Id, task.Version));
    }

    public async Task ReturnAsync(string userName, long submissionId, params ReturnedVersion[] returns)
    {
        var task = await OpenTaskAsync(submissionId);
        await AsAsync(userName, s => s.ReturnAsync(submissionId, task.Id, task.Version, returns));
    }

    /// <summary>Draft → submitted → 部门审核 passed → 主管部门审核 passed: the entry is published.</summary>
    public async Task<long> PublishedAsync(CatalogueContent? content = null)
    {
        var id = await DraftAsync(content);
        var submission = await SubmitAsync(Specialist, id);
        await ApproveAsync(Approver, submission);
        await ApproveAsync(Authority, submission);
        return id;
    }

    public async Task<CatalogueEntry> EntryAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.CatalogueEntries.AsNoTracking().Include(e => e.Versions).ThenInclude(v => v.Items).AsSplitQuery().SingleAsync(e => e.Id == id);
    }

    public async Task<CatalogueSubmission> SubmissionAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.CatalogueSubmissions.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    public async Task<FlowInstance> FlowOfAsync(long submissionId)
    {
        await using var db = await DbAsync();
        var instanceId = await db.CatalogueSubmissions.Where(s => s.Id == submissionId).Select(s => s.FlowInstanceId).SingleAsync();
        return await db.FlowInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId);
    }

    /// <summary>The department's specialist edits the entry's draft (as the form saves it).</summary>
    public async Task EditDraftAsync(long entryId, Action<CatalogueContent> change)
    {
        await using var db = await DbAsync();
        var entry = await db.CatalogueEntries.Include(e => e.Versions).ThenInclude(v => v.Items).AsSplitQuery().SingleAsync(e => e.Id == entryId);
        var draft = entry.LatestVersion;
        var content = draft.ToContent();
        change(content);
        draft.Apply(content, Clock.GetUtcNow());
        entry.DraftSaved(draft, Clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    public async Task<List<GovDataPortal.Features.Notifications.Notification>> NotificationsOfAsync(string userName)
    {
        var userId = await this.UserIdAsync(userName);
        await using var db = await DbAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync();
    }
}

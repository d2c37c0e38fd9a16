using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Demo;

/// <summary>
/// The demo catalogue (run by <c>seed-demo</c> after <see cref="DemoSeeder"/>, never in the tests' template): the county's
/// departments as 细目 under 部门信息资源, about 300 entries written as drafts by each department's 数据专管员, then moved
/// through the real review flow to every state (<see cref="AdvanceAsync"/>). Idempotent: a catalogue with entries is
/// left alone.
/// </summary>
public sealed class CatalogueDemoSeeder(IDbContextFactory<PortalDbContext> factory, IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string CountyClassCode = "301";

    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
            if (await db.CatalogueEntries.AnyAsync(ct)) return 0;
        var classes = await SeedDepartmentClassesAsync(ct);
        var drafts = await SeedDraftsAsync(classes, ct);
        await AdvanceAsync(drafts, ct);
        return drafts.Values.Sum(ids => ids.Count);
    }

    /// <summary>3 部门信息资源 → 301 双牌县 → 301001 县直部门 / 301002 公共服务企业 → one 细目 per department.</summary>
    private async Task<Dictionary<string, int>> SeedDepartmentClassesAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var root = await db.ResourceClasses.SingleAsync(c => c.Code == "3", ct);
        var county = ResourceClass.Create(root, "01", "双牌县");
        db.ResourceClasses.Add(county);
        await db.SaveChangesAsync(ct);
        var offices = ResourceClass.Create(county, "001", "县直部门");
        var companies = ResourceClass.Create(county, "002", "公共服务企业");
        db.ResourceClasses.AddRange(offices, companies);
        await db.SaveChangesAsync(ct);

        var departments = await db.Departments.Where(d => d.Region!.Code == DemoSeeder.CountyCode).OrderBy(d => d.Id).ToListAsync(ct);
        var byDepartment = new Dictionary<string, ResourceClass>();
        var (office, company) = (0, 0);
        foreach (var d in departments)
        {
            var isCompany = d.Kind == Organisation.DepartmentKind.PublicServiceEnterprise;
            var number = isCompany ? ++company : ++office;
            byDepartment[d.Name] = ResourceClass.Create(isCompany ? companies : offices, $"{number:000}", d.Name, number);
        }
        db.ResourceClasses.AddRange(byDepartment.Values);
        await db.SaveChangesAsync(ct);
        return byDepartment.ToDictionary(p => p.Key, p => p.Value.Id);
    }

    /// <summary>Every demo resource as a draft of its department, in one unit of work; entry ids by department, in list order.</summary>
    private async Task<Dictionary<string, List<long>>> SeedDraftsAsync(Dictionary<string, int> departmentClasses, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var guideClasses = await db.ResourceClasses.Where(c => c.Code.Length == 3).ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name, d => d.Id, ct);
        var specialists = await SpecialistsAsync(db, ct);
        var now = clock.GetUtcNow().AddDays(-40);
        var entries = new List<(string Department, CatalogueEntry Entry)>();
        var seed = 0;
        foreach (var (department, resource) in CatalogueDemoContent.All())
        {
            var content = CatalogueDemoContent.Build(resource, code => guideClasses[code], departmentClasses[department], ++seed);
            var entry = CatalogueEntry.Create(departments[department], content, specialists[department], now.AddMinutes(seed));
            db.CatalogueEntries.Add(entry);
            entries.Add((department, entry));
        }
        await db.SaveChangesAsync(ct);
        return entries.GroupBy(e => e.Department).ToDictionary(g => g.Key, g => g.Select(e => e.Entry.Id).ToList());
    }

    /// <summary>The user id of each department's first 数据专管员.</summary>
    private static async Task<Dictionary<string, string>> SpecialistsAsync(PortalDbContext db, CancellationToken ct)
    {
        var names = DemoAccounts.All.Where(a => a.Role == PortalRoles.DataSpecialist)
            .GroupBy(a => a.Department).ToDictionary(g => g.Key, g => g.First().UserName);
        var ids = await db.Users.Where(u => names.Values.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        return names.ToDictionary(p => p.Key, p => ids[p.Value]);
    }

    private Task<AsyncServiceScope> ScopeAsAsync(string userName) => scopes.ScopeAsAsync(userName);

    /// <summary>
    /// Moves the drafts through the real review flow so the demo shows every state: most of each department's entries
    /// published (one batch per department, approved by its 部门审核人 and the county centre's 主管部门审核人), its last one
    /// left as a draft; 民政局's last three waiting for the department's review, 卫健局's last two for the authority's, a
    /// returned draft with field comments at 教育局, a withdrawn entry at 统计局, and new versions in progress at 公安局
    /// (draft) and 市场监管局 (under review).
    /// </summary>
    private async Task AdvanceAsync(Dictionary<string, List<long>> drafts, CancellationToken ct)
    {
        foreach (var (department, ids) in drafts)
        {
            var waiting = department switch { "双牌县民政局" => 3, "双牌县卫生健康局" => 2, "双牌县教育局" => 1, _ => 0 };
            var published = ids.Take(ids.Count - Math.Max(waiting, 1)).ToList();
            await PublishAsync(department, published, ct);
            if (waiting == 0) continue;
            var batch = await SubmitAsync(department, ids.Skip(ids.Count - waiting).ToList(), ct);
            if (department == "双牌县卫生健康局") await DecideAsync(Approver(department), batch, approve: true, ct);
            if (department == "双牌县教育局") await ReturnAsync(Approver(department), batch, ct);
        }
        await WithdrawAsync("双牌县统计局", "统计年鉴", ct);
        await StartNewVersionAsync(DemoAccounts.Police, "户籍人口基本信息", submit: false, ct);
        await StartNewVersionAsync(DemoAccounts.Market, "市场主体登记信息", submit: true, ct);
        await RecordLawChangeAsync(ct);
        await NameAuthoritativeSourcesAsync(ct);
    }

    /// <summary>
    /// One recorded law change with open obligations: the centre records that the social-credit rules changed ten days
    /// ago; the credit entries of 发改局 and 税务局 are due 15 working days after that day (shuangpai Art. 19).
    /// </summary>
    private async Task RecordLawChangeAsync(CancellationToken ct)
    {
        long[] affected =
        [
            await EntryIdAsync("双牌县发展和改革局", "公共信用信息", ct),
            await EntryIdAsync("双牌县发展和改革局", "守信激励和失信惩戒名单", ct),
            await EntryIdAsync("国家税务总局双牌县税务局", "纳税信用等级信息", ct),
        ];
        await using var scope = await ScopeAsAsync(AuthorityReviewer);
        await scope.ServiceProvider.GetRequiredService<ObligationService>().RecordChangeAsync(new RecordChangeInput(
            ChangeKind.LawRevision, ChinaTime.Today(clock).AddDays(-10),
            "《湖南省社会信用条例》修订施行，公共信用信息目录、失信惩戒措施清单的归集范围和公开期限调整。", affected), ct);
    }

    /// <summary>The centre names the sources of the two key items every department holds (一数一源, shuangpai Art. 18).</summary>
    private async Task NameAuthoritativeSourcesAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var police = await db.Departments.Where(d => d.Name == DemoAccounts.Police).Select(d => d.Id).SingleAsync(ct);
        var market = await db.Departments.Where(d => d.Name == DemoAccounts.Market).Select(d => d.Id).SingleAsync(ct);
        await using var scope = await ScopeAsAsync(AuthorityReviewer);
        var oneSource = scope.ServiceProvider.GetRequiredService<OneSourceService>();
        await oneSource.NameAsync("公民身份号码", ItemDataType.C, police, "户籍人口基础信息由公安机关采集和维护。", ct);
        await oneSource.NameAsync("统一社会信用代码", ItemDataType.C, market, "市场主体的统一社会信用代码由市场监管部门赋码。", ct);
    }

    private const string AuthorityReviewer = "zhaomin";

    private static string Specialist(string department) => RoleHolder(department, PortalRoles.DataSpecialist);
    private static string Approver(string department) => RoleHolder(department, PortalRoles.DepartmentApprover);
    private static string RoleHolder(string department, string role) =>
        DemoAccounts.All.First(a => a.Department == department && a.Role == role).UserName;

    private async Task PublishAsync(string department, IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        var batch = await SubmitAsync(department, ids, ct);
        await DecideAsync(Approver(department), batch, approve: true, ct);
        await DecideAsync(AuthorityReviewer, batch, approve: true, ct);
    }

    private async Task<long> SubmitAsync(string department, IReadOnlyList<long> ids, CancellationToken ct)
    {
        await using var scope = await ScopeAsAsync(Specialist(department));
        return await scope.ServiceProvider.GetRequiredService<CatalogueLifecycleService>().SubmitAsync(ids, ct);
    }

    private async Task DecideAsync(string userName, long submissionId, bool approve, CancellationToken ct)
    {
        await using var scope = await ScopeAsAsync(userName);
        var lifecycle = scope.ServiceProvider.GetRequiredService<CatalogueLifecycleService>();
        var task = (await lifecycle.ReviewAsync(submissionId, ct)).OpenTask
            ?? throw new InvalidOperationException($"目录提交批次 {submissionId} 没有待审核任务。");
        if (approve) await lifecycle.ApproveAsync(submissionId, task.TaskId, task.Version, "经审核，目录要素完整、准确。", ct);
    }

    /// <summary>The department's reviewer returns the batch's first entry with a comment on its legal basis.</summary>
    private async Task ReturnAsync(string userName, long submissionId, CancellationToken ct)
    {
        await using var scope = await ScopeAsAsync(userName);
        var lifecycle = scope.ServiceProvider.GetRequiredService<CatalogueLifecycleService>();
        var review = await lifecycle.ReviewAsync(submissionId, ct);
        var first = review.Entries[0];
        await lifecycle.ReturnAsync(submissionId, review.OpenTask!.TaskId, review.OpenTask.Version,
        [
            new ReturnedVersion(first.VersionId, "请补充共享条件的具体依据后重新提交。",
                [new FieldComment(nameof(CatalogueContent.ShareBasis), "请写明法律法规的名称和具体条款。")]),
        ], ct);
    }

    private async Task<long> EntryIdAsync(string department, string name, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.CatalogueEntries.Where(e => e.ProviderDepartment!.Name == department && e.Name == name).Select(e => e.Id).SingleAsync(ct);
    }

    private async Task WithdrawAsync(string department, string name, CancellationToken ct)
    {
        var entryId = await EntryIdAsync(department, name, ct);
        await using (var scope = await ScopeAsAsync(Specialist(department)))
            await scope.ServiceProvider.GetRequiredService<CatalogueLifecycleService>()
                .RequestWithdrawalAsync(entryId, "该资源已并入“国民经济主要指标信息”，不再单独编目。", ct);
        await using var authority = await ScopeAsAsync(AuthorityReviewer);
        var inbox = authority.ServiceProvider.GetRequiredService<Workflow.FlowReader>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var flow = (await inbox.OfSubjectAsync(db, CatalogueWithdrawalHandler.Type, entryId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct))
            .Single(f => f.Status == Workflow.FlowStatus.Running);
        var task = flow.Tasks.Single(t => t.Status == Workflow.FlowTaskStatus.Open);
        await authority.ServiceProvider.GetRequiredService<Workflow.WorkflowEngine>()
            .DecideAsync(new Workflow.TaskDecision(task.Id, task.Version, Workflow.FlowActions.Approve, "同意撤销。"), ct);
    }

    private async Task StartNewVersionAsync(string department, string name, bool submit, CancellationToken ct)
    {
        var entryId = await EntryIdAsync(department, name, ct);
        await using var scope = await ScopeAsAsync(Specialist(department));
        var lifecycle = scope.ServiceProvider.GetRequiredService<CatalogueLifecycleService>();
        await lifecycle.StartNewVersionAsync(entryId, ct);
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var entry = await db.CatalogueEntries.Include(e => e.Versions).ThenInclude(v => v.Items).SingleAsync(e => e.Id == entryId, ct);
            var content = entry.LatestVersion.ToContent();
            content.Summary += "（新增数据更新时间信息项）";
            content.Items.Add(new CatalogueItemContent { Name = "数据更新时间", DataType = ItemDataType.T });
            entry.LatestVersion.Apply(content, clock.GetUtcNow());
            entry.DraftSaved(entry.LatestVersion, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        if (submit) await lifecycle.SubmitAsync([entryId], ct);
    }
}

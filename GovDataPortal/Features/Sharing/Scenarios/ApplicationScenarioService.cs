using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Notifications;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using GovDataPortal.Infrastructure.Excel;
using Microsoft.EntityFrameworkCore;
using F = GovDataPortal.Features.Sharing.Scenarios.ScenarioFields;

namespace GovDataPortal.Features.Sharing.Scenarios;

/// <summary>
/// 应用场景 (foshan Art. 28): a department's 数据专管员 registers the scenario, its data authority's 主管部门审核人 approves
/// or returns it, and approved scenarios let matching conditional-share requests be granted directly (Art. 28 ¶2;
/// <see cref="ApplicationScenarioMatch"/>). The catalogue is read only through its contracts (<see cref="ICatalogueSharing"/>
/// for an entry's published items, <see cref="CatalogueQueryService"/> to find entries). One context per call.
/// </summary>
public sealed class ApplicationScenarioService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    ICatalogueSharing catalogue,
    CatalogueQueryService catalogueQuery,
    PolicyCatalog policies,
    Notifier notifier)
{
    public const int NameMaxLength = ApplicationScenario.NameMaxLength;
    public const int TextMaxLength = ApplicationScenario.TextMaxLength;
    public const int ReasonMaxLength = ApplicationScenario.ReasonMaxLength;
    public const int ListLimit = 1000;

    /// <summary>"依据《佛山…》第二十八条" under foshan, "参照…" elsewhere.</summary>
    public string Citation => ScenarioTexts.Basis(policies.ActiveJurisdiction).ToString();

    public string DirectGrantCitation => ScenarioTexts.DirectGrant(policies.ActiveJurisdiction).ToString();

    public bool CanRegister => actor.IsAuthenticated && actor.DepartmentId is not null && actor.IsInRole(PortalRoles.DataSpecialist);

    public bool IsReviewer => actor.IsAuthenticated && actor.DepartmentId is not null && actor.IsInRole(PortalRoles.AuthorityReviewer);

    /// <summary>Registers a scenario of the actor's department; its data authority's reviewers are told.</summary>
    public async Task<long> RegisterAsync(ScenarioDraft draft, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        if (!CanRegister) throw new AccessDeniedException(ScenarioTexts.RegisterOnlyMessage);
        var department = actor.DepartmentId!.Value;
        await using var db = await factory.CreateDbContextAsync(ct);
        var errors = ApplicationScenario.Validate(new ValidationErrors(), draft, department, Citation);
        var entries = await ValidateEntriesAsync(db, draft, errors, ct);
        var known = await db.Departments.Where(d => draft.InvolvedDepartmentIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
        if (draft.InvolvedDepartmentIds.Except(known).Any()) errors.Add(F.InvolvedDepartmentIds, "所选涉及部门不存在。");
        errors.ThrowIfInvalid();

        var scenario = ApplicationScenario.Register(draft, department, actor.UserId!, entries, Citation, clock.GetUtcNow());
        db.Set<ApplicationScenario>().Add(scenario);
        await db.SaveChangesAsync(ct);
        // Told in a second save: the link needs the id. A lost message would not lose the scenario (it shows on the list).
        if (await DataAuthorities.OfDepartmentAsync(db, department, ct) is { } authority)
        {
            var name = await db.Departments.Where(d => d.Id == department).Select(d => d.Name).FirstAsync(ct);
            await notifier.ToRoleAsync(db, authority, PortalRoles.AuthorityReviewer, ScenarioTexts.RegisteredTitle(scenario.Name),
                ScenarioTexts.RegisteredBody(name, scenario.Name, Citation), Link(scenario.Id), null, ct);
            await db.SaveChangesAsync(ct);
        }
        return scenario.Id;
    }

    /// <summary>Each entry must be published and shareable, each item one of its published items.</summary>
    private async Task<List<ApplicationScenarioEntry>> ValidateEntriesAsync(PortalDbContext db, ScenarioDraft draft, ValidationErrors errors,
        CancellationToken ct)
    {
        var result = new List<ApplicationScenarioEntry>();
        foreach (var e in draft.Entries.DistinctBy(e => e.CatalogueEntryId).Take(ApplicationScenario.MaxEntries))
        {
            var entry = await catalogue.PublishedAsync(db, e.CatalogueEntryId, ct);
            if (entry is null)
            {
                errors.Add(F.Entries, $"目录（编号{e.CatalogueEntryId}）不存在或未发布，应用场景只能使用已发布的目录。");
                continue;
            }
            if (entry.ShareType == ShareType.NotShared)
            {
                errors.Add(F.Entries, $"“{entry.Name}”为不予共享的数据，不能纳入应用场景。");
                continue;
            }
            var items = e.ItemNames.Select(InputText.Normalise).OfType<string>().Distinct().ToList();
            foreach (var missing in items.Where(i => !entry.ItemNames.Contains(i)))
                errors.Add(F.Entries, $"信息项“{missing}”不在目录“{entry.Name}”的已发布版本中。");
            result.Add(ApplicationScenarioEntry.Of(entry.Id, entry.ResourceCode, entry.Name, entry.ProviderDepartmentId, items));
        }
        return result;
    }

    /// <summary>The scenario's data authority approves it (foshan Art. 28); the registering specialist is told.</summary>
    public Task ApproveAsync(long id, uint version, string? note, CancellationToken ct = default) =>
        ReviewAsync(id, version, (s, user, at) => s.Approve(user, note, at), ct);

    /// <summary>The scenario's data authority returns it with its reasons.</summary>
    public Task ReturnAsync(long id, uint version, string? reasons, CancellationToken ct = default) =>
        ReviewAsync(id, version, (s, user, at) => s.Return(user, reasons, at), ct);

    private async Task ReviewAsync(long id, uint version, Action<ApplicationScenario, string, DateTimeOffset> decide, CancellationToken ct)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var scenario = await LoadAsync(db, id, version, ct);
        if (!await ReviewsAsync(db, scenario.DepartmentId, ct)) throw new AccessDeniedException(ScenarioTexts.ReviewOnlyMessage);
        decide(scenario, actor.UserId!, clock.GetUtcNow());
        notifier.ToUser(db, scenario.RegisteredByUserId, ScenarioTexts.ReviewedTitle(scenario.Status, scenario.Name),
            ScenarioTexts.ReviewedBody(scenario.Status, scenario.Name, scenario.ReviewReason), Link(scenario.Id));
        await SaveAsync(db, ct);
    }

    /// <summary>The registering department withdraws its scenario.</summary>
    public async Task WithdrawAsync(long id, uint version, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var scenario = await LoadAsync(db, id, version, ct);
        if (!ActsForDepartment(scenario.DepartmentId)) throw new AccessDeniedException(ScenarioTexts.WithdrawOnlyMessage);
        scenario.Withdraw(clock.GetUtcNow());
        await SaveAsync(db, ct);
    }

    private static async Task<ApplicationScenario> LoadAsync(PortalDbContext db, long id, uint version, CancellationToken ct)
    {
        var scenario = await db.Set<ApplicationScenario>().FirstOrDefaultAsync(s => s.Id == id, ct)
            ?? throw new NotFoundException("应用场景不存在。");
        // The version the user saw: a decision on a scenario changed meanwhile is refused, not applied to what they did not see.
        db.Entry(scenario).Property(s => s.Version).OriginalValue = version;
        return scenario;
    }

    private static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("该应用场景已被他人处理，请刷新后查看。");
        }
    }

    private bool ActsForDepartment(int departmentId) => actor.IsAuthenticated && actor.DepartmentId == departmentId
        && (actor.IsInRole(PortalRoles.DataSpecialist) || actor.IsInRole(PortalRoles.DepartmentApprover));

    /// <summary>A 主管部门审核人 of the department's data authority.</summary>
    private async Task<bool> ReviewsAsync(PortalDbContext db, int departmentId, CancellationToken ct) =>
        IsReviewer && await DataAuthorities.OfDepartmentAsync(db, departmentId, ct) == actor.DepartmentId;

    /// <summary>
    /// Approved scenarios for everyone signed in; the department's own scenarios in any state; for a data authority's
    /// reviewer, every scenario of the departments it supervises.
    /// </summary>
    public async Task<IReadOnlyList<ScenarioRow>> ListAsync(ScenarioFilter filter, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Rows(db, await VisibleAsync(db, filter, ct)).Take(ListLimit).ToListAsync(ct);
    }

    private async Task<IQueryable<ApplicationScenario>> VisibleAsync(PortalDbContext db, ScenarioFilter filter, CancellationToken ct)
    {
        var mine = actor.DepartmentId ?? -1;
        List<int> supervised = IsReviewer ? await DataAuthorities.SupervisedByAsync(db, mine, ct) : [];
        var q = db.Set<ApplicationScenario>().AsNoTracking()
            .Where(s => s.Status == ScenarioStatus.Approved || s.DepartmentId == mine || supervised.Contains(s.DepartmentId));
        if (filter.Status is { } status) q = q.Where(s => s.Status == status);
        if (InputText.NullIfBlank(filter.Keyword) is { } k) q = q.Where(s => s.Name.Contains(k) || s.Business.Contains(k));
        return q;
    }

    private static IQueryable<ScenarioRow> Rows(PortalDbContext db, IQueryable<ApplicationScenario> q) =>
        q.OrderBy(s => s.Status == ScenarioStatus.Pending ? 0 : 1).ThenByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Select(s => new ScenarioRow(s.Id, s.Name, s.Business, s.DepartmentId,
                db.Departments.Where(d => d.Id == s.DepartmentId).Select(d => d.Name).FirstOrDefault() ?? "", s.Status,
                s.Entries.Count, s.CreatedAt, s.ReviewedAt));

    /// <summary>The scenario with its entries; refused to those who may not see it; null when there is none.</summary>
    public async Task<ScenarioDetail?> GetAsync(long id, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.Set<ApplicationScenario>().AsNoTracking().Include(x => x.Entries).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return null;
        var reviews = await ReviewsAsync(db, s.DepartmentId, ct);
        if (s.Status != ScenarioStatus.Approved && s.DepartmentId != actor.DepartmentId && !reviews)
            throw new AccessDeniedException(ScenarioTexts.NotVisibleMessage);
        var names = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var users = new[] { s.RegisteredByUserId, s.ReviewedByUserId ?? "" };
        var people = await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return new ScenarioDetail(s.Id, s.Version, s.Name, s.Business, s.LegalBasis, s.DepartmentId, names.GetValueOrDefault(s.DepartmentId, ""),
            people.GetValueOrDefault(s.RegisteredByUserId) ?? "", [.. s.InvolvedDepartmentIds.Select(d => names.GetValueOrDefault(d, $"部门{d}"))],
            s.Status, s.ReviewReason, s.ReviewedByUserId is { } r ? people.GetValueOrDefault(r) : null, s.CreatedAt, s.ReviewedAt, s.WithdrawnAt,
            [.. s.Entries.OrderBy(e => e.Id).Select(e => new ScenarioEntryView(e.CatalogueEntryId, e.ResourceCode, e.EntryName,
                names.GetValueOrDefault(e.ProviderDepartmentId, ""), e.ItemNames))],
            CanReview: reviews && s.Status == ScenarioStatus.Pending,
            CanWithdraw: ActsForDepartment(s.DepartmentId) && s.Status is ScenarioStatus.Pending or ScenarioStatus.Approved);
    }

    /// <summary>Published, shareable entries to pick from (the catalogue's own search), each with its published items.</summary>
    public async Task<IReadOnlyList<ScenarioEntryChoice>> EntryChoicesAsync(string? keyword, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        var found = await catalogueQuery.SearchAsync(new CatalogueFilter
        {
            Keyword = InputText.NullIfBlank(keyword), Status = EntryStatus.Published, PageSize = 20, Sort = keyword is null ? "name" : null,
        }, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var choices = new List<ScenarioEntryChoice>();
        foreach (var row in found.Items.Where(r => r.ShareType != ShareType.NotShared))
            if (await catalogue.PublishedAsync(db, row.Id, ct) is { } e)
                choices.Add(new ScenarioEntryChoice(e.Id, e.ResourceCode, e.Name, row.ProviderName, e.ItemNames));
        return choices;
    }

    public static readonly IReadOnlyList<XlsxColumn> ExportColumns =
    [
        new("编号", 8), new("应用场景名称", 30), new("服务的业务", 40), new("登记部门", 24), new("状态", 10), new("所用目录数", 10),
        new("登记时间", 18), new("审核时间", 18),
    ];

    /// <summary>The list as the filter shows it, as an xlsx sheet; returns the row count.</summary>
    public async Task<long> ExportAsync(ScenarioFilter filter, Stream output, CancellationToken ct = default)
    {
        var rows = await ListAsync(filter, ct);
        using var sheet = XlsxWriter.Create(output, "应用场景", ExportColumns);
        foreach (var r in rows)
            sheet.WriteRow(r.Id, r.Name, r.Business, r.DepartmentName, ScenarioTexts.StatusName(r.Status), r.EntryCount,
                ChinaTime.FormatMinutes(r.CreatedAt), r.ReviewedAt is null ? "" : ChinaTime.FormatMinutes(r.ReviewedAt));
        return sheet.RowCount;
    }

    public static string Link(long id) => $"sharing/scenarios/{id}";
}

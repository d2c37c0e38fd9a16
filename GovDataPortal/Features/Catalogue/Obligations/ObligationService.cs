using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using F = GovDataPortal.Features.Catalogue.CatalogueChange.Fields;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// Catalogue update obligations after a law revision or a change of duties (changsha Art. 16 ¶3, shuangpai Art. 19 ¶2,
/// foshan Art. 17: within 15 working days of the change; hubei Art. 11 and longyan Art. 8: timely, no count). A 数据专管员
/// records a change for its own department's published entries, the data authority's 主管部门审核人 for any department it
/// supervises; each entry gets an obligation whose catalogue-update flow counts from the change date. An obligation is
/// met by the publication of an updated version (<see cref="ObligationPublicationHook"/>) or by a 无需变更 statement the
/// authority accepts; a refused statement starts a fresh round with the same anchor. One context per call; the
/// obligation and its flow always change in one unit of work.
/// </summary>
public sealed class ObligationService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    IWorkingDayCalendar calendar,
    WorkflowEngine engine,
    FlowReader flows,
    ObligationAnswerGate gate)
{
    public const int DescriptionMaxLength = CatalogueChange.DescriptionMaxLength;
    public const int ReasonMaxLength = CatalogueObligation.ReasonMaxLength;
    public const int MaxEntriesPerChange = 500;

    /// <summary>The active regulation's catalogue-update flow (a Chinese refusal where it has none).</summary>
    public FlowRule Flow => engine.Flow(FlowKeys.CatalogueUpdate);

    public bool CanRecord => actor.IsAuthenticated && actor.DepartmentId is not null
        && (actor.IsInRole(PortalRoles.DataSpecialist) || actor.IsInRole(PortalRoles.AuthorityReviewer));

    /// <summary>
    /// Published entries the actor may name as affected: its own department's (数据专管员) and, for a 主管部门审核人,
    /// those of every department its authority supervises; by name or code.
    /// </summary>
    public async Task<IReadOnlyList<ObligationEntryChoice>> EntryChoicesAsync(string? keyword, CancellationToken ct = default)
    {
        if (!CanRecord) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var departments = await RecordableDepartmentsAsync(db, ct);
        var q = db.CatalogueEntries.AsNoTracking().Where(e => e.Status == EntryStatus.Published && departments.Contains(e.ProviderDepartmentId));
        if (InputText.NullIfBlank(keyword) is { } k) q = q.Where(e => e.Name.Contains(k) || (e.ResourceCode != null && e.ResourceCode.StartsWith(k)));
        return await q.OrderBy(e => e.ProviderDepartmentId).ThenBy(e => e.Name).Take(50)
            .Select(e => new ObligationEntryChoice(e.Id, e.Name, e.ResourceCode, e.ProviderDepartment!.Name)).ToListAsync(ct);
    }

    private async Task<List<int>> RecordableDepartmentsAsync(PortalDbContext db, CancellationToken ct)
    {
        var own = actor.DepartmentId!.Value;
        var result = new List<int>();
        if (actor.IsInRole(PortalRoles.DataSpecialist)) result.Add(own);
        if (actor.IsInRole(PortalRoles.AuthorityReviewer)) result.AddRange(await DataAuthorities.SupervisedByAsync(db, own, ct));
        return [.. result.Distinct()];
    }

    /// <summary>
    /// Records the change and starts one obligation flow per affected entry, anchored on the change date (the engine
    /// refuses a future one as well). All or nothing.
    /// </summary>
    public async Task<long> RecordChangeAsync(RecordChangeInput input, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.DataSpecialist, PortalRoles.AuthorityReviewer);
        var department = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门，不能登记变更。");
        var flow = Flow;
        var ids = (input.EntryIds ?? []).Distinct().ToList();
        if (ids.Count > MaxEntriesPerChange) throw new DomainException($"一次最多登记{MaxEntriesPerChange}个受影响的目录条目。", F.EntryIds);
        await using var db = await factory.CreateDbContextAsync(ct);
        var allowed = await RecordableDepartmentsAsync(db, ct);
        var entries = await db.CatalogueEntries.Where(e => ids.Contains(e.Id)).ToListAsync(ct);
        if (entries.Count != ids.Count) throw new DomainException("所选目录条目不存在。", F.EntryIds);
        if (entries.FirstOrDefault(e => !allowed.Contains(e.ProviderDepartmentId)) is { } foreign)
            throw new AccessDeniedException($"不能为“{foreign.Name}”登记变更：数据专管员只能登记本部门的目录，主管部门审核人只能登记本区域各部门的目录。");

        var now = clock.GetUtcNow();
        var change = CatalogueChange.Record(input.Kind, input.ChangeDate, input.Description, department, actor.UserId!, now,
            ChinaTime.Today(clock), entries.Count);
        foreach (var entry in entries) change.Oblige(entry);
        db.CatalogueChanges.Add(change);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct); // the obligations' ids are the flows' subject ids
        var names = entries.ToDictionary(e => e.Id, e => e.Name);
        foreach (var obligation in change.Obligations) await StartFlowAsync(db, obligation, change, names[obligation.EntryId], flow, ct);
        await tx.CommitAsync(ct);
        return change.Id;
    }

    private async Task StartFlowAsync(PortalDbContext db, CatalogueObligation obligation, CatalogueChange change, string entryName,
        FlowRule flow, CancellationToken ct)
    {
        var instance = await engine.StartAsync(db, new StartFlow(flow.Key, ObligationTexts.SubjectType, Key(obligation.Id),
            ObligationTexts.Title(entryName, change.Kind), obligation.ProviderDepartmentId, change.RecordedByDepartmentId,
            AnchorDate: change.ChangeDate), ct);
        await db.SaveChangesAsync(ct);
        obligation.AttachFlow(instance.Id);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The provider's 数据专管员 states that the entry needs no change, with the reason (the portal's reading, see
    /// BuiltInProfiles.NoChangeReading); the data authority's review opens.
    /// </summary>
    public async Task StateNoChangeAsync(long id, string? reason, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var obligation = await LoadAsync(db, id, ct);
        var task = await OpenTaskAsync(db, obligation, ObligationTexts.UpdateStep, ct)
            ?? throw new ConflictException(obligation.IsOpen ? "该更新义务当前不在待更新环节。" : "该更新义务已办结。");
        if (!task.IsMine) throw new AccessDeniedException("只有提供部门的数据专管员可以说明无需变更。");
        obligation.StateNoChange(reason);
        using (gate.Open())
            await engine.DecideAsync(db, new TaskDecision(task.Id, task.Version, FlowActions.Choose, obligation.NoChangeReason,
                BranchKey: ObligationTexts.NoChangeBranch), ct);
        await SaveAsync(db, ct);
    }

    /// <summary>
    /// The data authority's 主管部门审核人 accepts the statement (the obligation closes; a regulation with 备案 files it
    /// next) or refuses it with reasons (the obligation stays open and a new round starts, still counted from the change
    /// date: the flow's routes may not go back, so the round is a fresh flow).
    /// </summary>
    public async Task DecideNoChangeAsync(long id, bool accept, string? comment, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var obligation = await LoadAsync(db, id, ct);
        var task = await OpenTaskAsync(db, obligation, ObligationTexts.ReviewStep, ct)
            ?? throw new ConflictException("该更新义务没有待审核的无需变更说明。");
        if (!task.IsMine) throw new AccessDeniedException("只有数据主管部门的主管部门审核人可以审核无需变更的说明。");
        if (!accept && InputText.IsBlank(comment))
            throw new ValidationFailedException(new ValidationErrors().Add("comment", "不认可无需变更的，请说明理由。"));
        new ValidationErrors().Optional("comment", comment, "审核意见", WorkflowEngine.CommentMaxLength).ThrowIfInvalid();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (accept) obligation.AcceptNoChange(now);
        else obligation.RefuseNoChange();
        using (gate.Open())
            await engine.DecideAsync(db, new TaskDecision(task.Id, task.Version, accept ? FlowActions.Approve : FlowActions.Reject,
                InputText.Normalise(comment)), ct);
        await SaveAsync(db, ct);
        if (!accept)
        {
            var change = await db.CatalogueChanges.FirstAsync(c => c.Id == obligation.ChangeId, ct);
            var name = await db.CatalogueEntries.Where(e => e.Id == obligation.EntryId).Select(e => e.Name).FirstAsync(ct);
            await StartFlowAsync(db, obligation, change, name, Flow, ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>The open task of <paramref name="stepKey"/> in the obligation's current flow, as the actor sees it.</summary>
    private async Task<FlowTaskView?> OpenTaskAsync(PortalDbContext db, CatalogueObligation obligation, string stepKey, CancellationToken ct)
    {
        if (obligation.FlowInstanceId is not { } instanceId) return null;
        var flow = await flows.InstanceAsync(db, instanceId, ct);
        return flow?.OpenStepTasks.FirstOrDefault(t => t.StepKey == stepKey);
    }

    private static async Task<CatalogueObligation> LoadAsync(PortalDbContext db, long id, CancellationToken ct) =>
        await db.CatalogueObligations.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException(ObligationTexts.NotFoundMessage);

    private static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await WorkflowEngine.SaveDecisionAsync(db, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ObligationTexts.ChangedMessage);
        }
    }

    // ---- reading ----

    /// <summary>Departments whose obligations the actor sees: its own and, for a data authority's staff, those it supervises.</summary>
    private async Task<List<int>> VisibleDepartmentsAsync(PortalDbContext db, CancellationToken ct)
    {
        if (!actor.IsAuthenticated || actor.DepartmentId is not { } own) return [];
        return [own, .. await DataAuthorities.SupervisedByAsync(db, own, ct)];
    }

    public async Task<IReadOnlyList<ChangeRow>> ChangesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var departments = await VisibleDepartmentsAsync(db, ct);
        if (departments.Count == 0) return [];
        return await db.CatalogueChanges.AsNoTracking()
            .Where(c => departments.Contains(c.RecordedByDepartmentId) || c.Obligations.Any(o => departments.Contains(o.ProviderDepartmentId)))
            .OrderByDescending(c => c.RecordedAt).Take(200)
            .Select(c => new ChangeRow(c.Id, c.Kind, c.ChangeDate, c.Description,
                db.Departments.Where(d => d.Id == c.RecordedByDepartmentId).Select(d => d.Name).FirstOrDefault() ?? "",
                c.RecordedAt, c.Obligations.Count(o => departments.Contains(o.ProviderDepartmentId)),
                c.Obligations.Count(o => departments.Contains(o.ProviderDepartmentId) && o.Status == ObligationStatus.Open)))
            .ToListAsync(ct);
    }

    /// <summary>The obligations the actor sees, open ones first by due date.</summary>
    public async Task<IReadOnlyList<ObligationRow>> ListAsync(bool openOnly = false, long? changeId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var departments = await VisibleDepartmentsAsync(db, ct);
        if (departments.Count == 0) return [];
        var q = db.CatalogueObligations.AsNoTracking().Where(o => departments.Contains(o.ProviderDepartmentId));
        if (openOnly) q = q.Where(o => o.Status == ObligationStatus.Open);
        if (changeId is { } c) q = q.Where(o => o.ChangeId == c);
        return await RowsAsync(db, q.OrderByDescending(o => o.Id).Take(500), ct);
    }

    public async Task<ObligationDetail?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var departments = await VisibleDepartmentsAsync(db, ct);
        var q = db.CatalogueObligations.AsNoTracking().Where(o => o.Id == id && departments.Contains(o.ProviderDepartmentId));
        if ((await RowsAsync(db, q, ct)).FirstOrDefault() is not { } row) return null;
        var rounds = await flows.OfSubjectAsync(db, ObligationTexts.SubjectType, Key(id), ct);
        var current = rounds.LastOrDefault();
        var update = current?.OpenStepTasks.FirstOrDefault(t => t.StepKey == ObligationTexts.UpdateStep);
        var review = current?.OpenStepTasks.FirstOrDefault(t => t.StepKey == ObligationTexts.ReviewStep);
        var basis = ObligationTexts.Basis(current?.Rule ?? Flow);
        string? waiting = null;
        // The engine lets nobody decide what they submitted: whoever recorded the change started the flows.
        if (update is { IsMine: true, MayDecide: false }) waiting = "该变更由您登记，无需变更的说明须由本部门其他数据专管员提出。";
        if (review is { IsMine: true, MayDecide: false }) waiting = "该变更由您登记，无需变更的说明须由数据主管部门的其他主管部门审核人审核。";
        return new ObligationDetail(row, basis, rounds, update?.MayDecide == true && row.Status == ObligationStatus.Open,
            review?.MayDecide == true, waiting);
    }

    private async Task<List<ObligationRow>> RowsAsync(PortalDbContext db, IQueryable<CatalogueObligation> q, CancellationToken ct)
    {
        var raw = await (from o in q
                         join c in db.CatalogueChanges on o.ChangeId equals c.Id
                         join e in db.CatalogueEntries on o.EntryId equals e.Id
                         join d in db.Departments on o.ProviderDepartmentId equals d.Id
                         select new { o, c.Kind, c.ChangeDate, c.Description, e.Name, e.ResourceCode, Provider = d.Name }).ToListAsync(ct);
        var instances = raw.Select(r => r.o.FlowInstanceId).OfType<long>().ToList();
        var steps = (await FlowReader.OpenSteps(db).Where(s => instances.Contains(s.InstanceId)).ToListAsync(ct))
            .GroupBy(s => s.InstanceId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.TaskId).First());
        var today = ChinaTime.Today(clock);
        return [.. raw.Select(r =>
        {
            var step = r.o.FlowInstanceId is { } i ? steps.GetValueOrDefault(i) : null;
            int? left = step?.DueDate is { } due ? calendar.WorkingDaysUntil(today, due) : null;
            return new ObligationRow(r.o.Id, r.o.ChangeId, r.Kind, r.ChangeDate, r.Description, r.o.EntryId, r.Name, r.ResourceCode,
                r.o.ProviderDepartmentId, r.Provider, r.o.Status, r.o.NoChangeReason, r.o.MetByVersionId, r.o.ClosedAt,
                step?.StepName, step?.DueDate, step?.Provisional ?? false,
                step?.RuleText, left);
        }).OrderBy(r => r.Status == ObligationStatus.Open ? 0 : 1).ThenBy(r => r.DueDate ?? DateOnly.MaxValue).ThenByDescending(r => r.Id)];
    }

    private static string Key(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

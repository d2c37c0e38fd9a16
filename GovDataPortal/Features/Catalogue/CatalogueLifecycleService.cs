using System.Globalization;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Notifications;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue;

/// <summary>A reviewer returns one version of the batch: a comment on the whole entry and/or on single fields.</summary>
public sealed record ReturnedVersion(long VersionId, string? Comment, IReadOnlyList<FieldComment>? Fields = null);

/// <summary>A comment on one <see cref="CatalogueContent"/> field ("ShareBasis", "Items[2].DataType").</summary>
public sealed record FieldComment(string Field, string? Text);

/// <summary>
/// Submission, review, publication, new versions and withdrawal of catalogue entries on the flow engine (issue 9 §2):
/// 草稿 → 数据专管员 submits → 部门审核 → 主管部门审核 → 已发布 (shuangpai Art. 17, foshan Art. 17). A batch of versions
/// submitted together is one <see cref="CatalogueSubmission"/> with one flow, so one task per step lists them all; the
/// reviewer approves what remains or returns some with comments on the review page. The subject and its flow always
/// change in one unit of work; the engine guards who may decide (nobody approves what they submitted). One context per call.
/// </summary>
public sealed partial class CatalogueLifecycleService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    PolicyCatalog policies,
    WorkflowEngine engine,
    FlowReader flows,
    Notifier notifier,
    AuditLog audit,
    CatalogueAccess access,
    CatalogueReviewGate gate,
    ICatalogueGrantHolders grantHolders,
    IEnumerable<ICatalogueVersionPublished> publishedHooks)
{
    public const string DepartmentStep = "department-review";
    public const string AuthorityStep = "authority-review";
    public const string AllReturnedReason = "全部退回修改";
    public const string ChangedMessage = "目录条目已被他人修改或审核，请刷新后重试。";
    public const int ReasonMaxLength = CatalogueRules.BasisMaxLength;

    public static string ReviewLink(long submissionId) => $"catalogue/review/{submissionId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The entry's page (hosted by the catalogue's entry page).</summary>
    public static string EntryLink(long entryId) => $"catalogue/{entryId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Submits the drafts of <paramref name="entryIds"/> (all of the caller's department) as one batch; returns the
    /// submission's id. Every entry must pass <see cref="CatalogueRules.Validate"/>: otherwise the whole batch is refused
    /// with every entry's problems, keyed "Entries[id].Field" and each message naming the entry.
    /// </summary>
    public async Task<long> SubmitAsync(IReadOnlyList<long> entryIds, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.DataSpecialist);
        var department = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门，不能提交目录。");
        var ids = entryIds.Distinct().ToList();
        if (ids.Count == 0) throw new DomainException("请选择要提交审核的目录条目。");
        _ = engine.Flow(FlowKeys.CatalogueReview); // the active regulation must have the flow, before anything is read

        await using var db = await factory.CreateDbContextAsync(ct);
        var entries = await db.CatalogueEntries.Include(e => e.Versions).ThenInclude(v => v.Items)
            .Where(e => ids.Contains(e.Id)).AsSplitQuery().ToListAsync(ct);
        if (entries.Count != ids.Count) throw new NotFoundException(CatalogueTexts.NotFoundMessage);
        if (entries.Any(e => e.ProviderDepartmentId != department))
            throw new AccessDeniedException("只能提交本部门的目录条目（须由本部门数据专管员提交）。");
        entries = [.. entries.OrderBy(e => ids.IndexOf(e.Id))];

        var context = await RuleContextAsync(db, ct);
        var errors = new ValidationErrors();
        foreach (var entry in entries)
        {
            var latest = entry.LatestVersion;
            var name = NameOf(latest);
            if (latest.Status != VersionStatus.Draft)
            {
                errors.Add(EntryKey(entry.Id, null), $"“{name}”：第{latest.Number}版{CatalogueTexts.Name(latest.Status)}，只能提交草稿。");
                continue;
            }
            foreach (var (field, messages) in CatalogueRules.Validate(latest.ToContent(), context).ByField)
                foreach (var message in messages) errors.Add(EntryKey(entry.Id, field), $"“{name}”：{message}");
        }
        errors.ThrowIfInvalid();

        var now = clock.GetUtcNow();
        var userId = actor.UserId!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var submission = CatalogueSubmission.Open(department, userId, entries.Count, now);
        db.CatalogueSubmissions.Add(submission);
        await SaveAsync(db, ct); // the versions and the flow name the submission by its id
        foreach (var entry in entries)
        {
            var latest = entry.LatestVersion;
            var breaking = entry.PublishedVersion is { } published && latest.BreakingItems(published).Count > 0;
            latest.Submit(submission.Id, userId, breaking, now);
            entry.Submitted(latest, now);
        }
        var instance = await engine.StartAsync(db, new StartFlow(FlowKeys.CatalogueReview, CatalogueTexts.SubjectType, Key(submission.Id),
            CatalogueSubmission.Title([.. entries.Select(e => NameOf(e.LatestVersion))]), department, department), ct);
        await SaveAsync(db, ct);
        submission.AttachFlow(instance.Id);
        await SaveAsync(db, ct);
        await tx.CommitAsync(ct);
        return submission.Id;
    }

    /// <summary>
    /// The reviewer passes every version still in the batch: after the department's review they go to the data
    /// authority (departments holding grants on items a breaking version removes or retypes are told now, before it is
    /// published); after the authority's review they are published — codes given, the previous versions superseded,
    /// <see cref="ICatalogueVersionPublished"/> told — all in one transaction with the decision.
    /// </summary>
    public async Task ApproveAsync(long submissionId, long taskId, uint taskVersion, string? comment = null, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var submission = await LoadSubmissionAsync(db, submissionId, ct);
        var task = await ReviewTaskAsync(db, submission, taskId, ct);
        var batch = await BatchAsync(db, submission.Id, ct);
        if (batch.Count == 0) throw new ConflictException(ChangedMessage);
        var now = clock.GetUtcNow();
        var warned = new List<(CatalogueVersion Version, IReadOnlyList<string> Items, IReadOnlyList<int> Departments)>();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (task.StepKey == DepartmentStep)
        {
            foreach (var (entry, version) in batch)
            {
                version.PassDepartmentReview(now);
                if (version.IsBreakingChange && entry.PublishedVersion is { } published)
                    warned.Add(await WarnGrantHoldersAsync(db, entry, version, published, ct));
            }
        }
        else
        {
            // Codes first: the sequence rows are the only lock taken before the save (which takes the audit chain's).
            var classes = await ClassesAsync(db, ct);
            foreach (var (entry, version) in batch)
            {
                if (entry.ResourceCode is null) entry.AssignCode(await NextCodeAsync(db, PrefixOf(version, classes), ct));
                entry.Publish(version, now);
            }
            foreach (var (entry, version) in batch)
                foreach (var hook in publishedHooks) await hook.OnPublishedAsync(db, entry, version, ct);
        }
        using (gate.Open())
            await engine.DecideAsync(db, new TaskDecision(taskId, taskVersion, FlowActions.Approve, InputText.NullIfBlank(comment)), ct);
        await SaveDecisionAsync(db, ct);
        await tx.CommitAsync(ct);

        foreach (var (version, items, departments) in warned.Where(w => w.Departments.Count > 0))
            await audit.WriteAsync(AuditActions.Update, nameof(CatalogueVersion), version.Id.ToString(CultureInfo.InvariantCulture),
                new { 操作 = "不兼容变更预告", 版本号 = version.Number, 信息项 = string.Join("、", items), 通知部门数 = departments.Count }, ct);
    }

    /// <summary>
    /// The reviewer returns some versions with comments (a comment per entry and optionally per field): they are drafts
    /// again and leave the batch, the comments stay with them for the form. The rest stay in review; when none remain,
    /// the flow ends (<see cref="AllReturnedReason"/>) and the submission closes.
    /// </summary>
    public async Task ReturnAsync(long submissionId, long taskId, uint taskVersion, IReadOnlyList<ReturnedVersion> returns,
        CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var submission = await LoadSubmissionAsync(db, submissionId, ct);
        var task = await ReviewTaskAsync(db, submission, taskId, ct);
        var batch = await BatchAsync(db, submission.Id, ct);
        if (returns.Count == 0) throw new DomainException("请选择要退回修改的目录条目。");
        var byVersion = batch.ToDictionary(b => b.Version.Id);
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        var comments = new List<CatalogueReviewComment>();
        foreach (var r in returns.DistinctBy(r => r.VersionId))
        {
            if (!byVersion.TryGetValue(r.VersionId, out var item)) throw new ConflictException(ChangedMessage);
            var key = $"Versions[{r.VersionId.ToString(CultureInfo.InvariantCulture)}]";
            var name = NameOf(item.Version);
            var fieldComments = (r.Fields ?? []).Where(f => !InputText.IsBlank(f.Text)).ToList();
            if (InputText.IsBlank(r.Comment) && fieldComments.Count == 0)
            {
                errors.Add(key, $"“{name}”：退回须说明需要修改的内容。");
                continue;
            }
            try
            {
                if (!InputText.IsBlank(r.Comment))
                    comments.Add(CatalogueReviewComment.For(r.VersionId, null, r.Comment, task.StepName, actor.UserId!, now));
                foreach (var f in fieldComments)
                    comments.Add(CatalogueReviewComment.For(r.VersionId, f.Field, f.Text, task.StepName, actor.UserId!, now));
            }
            catch (ValidationFailedException e)
            {
                foreach (var message in e.Errors.ByField.SelectMany(x => x.Value)) errors.Add(key, $"“{name}”：{message}");
            }
        }
        errors.ThrowIfInvalid();

        foreach (var r in returns.DistinctBy(r => r.VersionId))
        {
            var (entry, version) = byVersion[r.VersionId];
            version.ReturnToDraft(now);
            entry.Returned(now);
        }
        db.CatalogueReviewComments.AddRange(comments);
        var returnedIds = returns.Select(r => r.VersionId).ToHashSet();
        var returnedNames = batch.Where(b => returnedIds.Contains(b.Version.Id)).Select(b => NameOf(b.Version)).ToList();
        notifier.ToUser(db, submission.SubmittedByUserId, "目录条目被退回修改",
            $"{task.StepName}退回了{returnedNames.Count}条目录条目：{string.Join("、", returnedNames.Take(10))}{(returnedNames.Count > 10 ? "等" : "")}。请按审核意见修改后重新提交。",
            ReviewLink(submission.Id));
        if (batch.All(b => returnedIds.Contains(b.Version.Id)))
        {
            using (gate.Open())
                await engine.DecideAsync(db, new TaskDecision(taskId, taskVersion, FlowActions.Reject, AllReturnedReason), ct);
            // One message for the event: "退回修改" above, not the engine's "未获同意" (nothing was refused for good).
            var history = FlowRuntime.HistoryLink(db.FlowInstances.Local.Single(i => i.Id == submission.FlowInstanceId));
            Notifier.WithdrawPending(db, n => n.UserId == submission.SubmittedByUserId && n.Link == history);
            await SaveDecisionAsync(db, ct);
        }
        else
        {
            // The task stays open for the rest of the batch; the versions' row versions catch a reviewer deciding meanwhile.
            await SaveAsync(db, ct);
        }
    }

    /// <summary>The open review task of the batch that the actor may act on (the engine checks self-approval again).</summary>
    private async Task<FlowTaskView> ReviewTaskAsync(PortalDbContext db, CatalogueSubmission submission, long taskId, CancellationToken ct)
    {
        var task = await flows.TaskAsync(db, submission.FlowInstanceId, taskId, ct)
            ?? throw new DomainException("该任务不属于此目录审核。", "taskId");
        if (task.Kind != FlowTaskKind.Step || task.Status != FlowTaskStatus.Open || submission.Status != SubmissionStatus.Open)
            throw new ConflictException(WorkflowEngine.TaskTakenMessage);
        if (!task.IsMine) throw new AccessDeniedException("该审核任务不属于您的部门或角色。");
        // The same refusal as the engine's (FlowRuntime.DecidesOwnSubject): returning is a decision too.
        if (!task.MayDecide) throw new DomainException(SelfReviewMessage);
        return task;
    }

    /// <summary>The engine's refusal of a decision on what one submitted oneself.</summary>
    public const string SelfReviewMessage = "不能审批本人提交的事项。";

    /// <summary>The versions still in the batch with their entries (tracked, items and the published version loaded).</summary>
    private static async Task<List<(CatalogueEntry Entry, CatalogueVersion Version)>> BatchAsync(PortalDbContext db, long submissionId,
        CancellationToken ct)
    {
        var entryIds = await db.CatalogueVersions.Where(v => v.SubmissionId == submissionId).Select(v => v.EntryId).ToListAsync(ct);
        var entries = await db.CatalogueEntries.Include(e => e.Versions).ThenInclude(v => v.Items)
            .Where(e => entryIds.Contains(e.Id)).AsSplitQuery().ToListAsync(ct);
        return [.. entries.SelectMany(e => e.Versions.Where(v => v.SubmissionId == submissionId && v.InReview).Select(v => (e, v)))
            .OrderBy(x => x.e.Id)];
    }

    /// <summary>
    /// Tells the departments holding grants on the items a breaking version removes or retypes, before it is published
    /// (issue 9 §2); their 数据专管员 and 部门审核人 get the message.
    /// </summary>
    private async Task<(CatalogueVersion, IReadOnlyList<string>, IReadOnlyList<int>)> WarnGrantHoldersAsync(PortalDbContext db,
        CatalogueEntry entry, CatalogueVersion version, CatalogueVersion published, CancellationToken ct)
    {
        var items = version.BreakingItems(published);
        var holders = (await grantHolders.DepartmentsHoldingAsync(db, entry.Id, items, ct)).Distinct().Where(d => d != entry.ProviderDepartmentId).ToList();
        var title = $"目录不兼容变更预告：{entry.Name}";
        var body = $"“{entry.Name}”（{entry.ResourceCode}）的第{version.Number}版删除或修改了以下信息项的数据类型：{string.Join("、", items)}。"
            + "该版本已通过部门审核，待主管部门审核后发布；贵部门持有相关授权，请提前调整数据使用。";
        foreach (var department in holders)
            foreach (var role in new[] { PortalRoles.DataSpecialist, PortalRoles.DepartmentApprover })
                await notifier.ToRoleAsync(db, department, role, title, body, EntryLink(entry.Id), null, ct);
        return (version, items, holders);
    }

    /// <summary>
    /// The next sequence number under <paramref name="prefix"/>, atomically: one upsert that row-locks the prefix until
    /// the publishing transaction ends, so concurrent publications get distinct numbers and none is given twice.
    /// </summary>
    private static async Task<string> NextCodeAsync(PortalDbContext db, string prefix, CancellationToken ct)
    {
        var next = (await db.Database.SqlQuery<int>($"""
            INSERT INTO resource_code_sequences ("Prefix", "LastNumber") VALUES ({prefix}, 1)
            ON CONFLICT ("Prefix") DO UPDATE SET "LastNumber" = resource_code_sequences."LastNumber" + 1
            RETURNING "LastNumber" AS "Value"
            """).ToListAsync(ct)).Single();
        if (next > 999_999) throw new DomainException($"分类代码 {prefix} 下的信息资源顺序码已用尽（最多999999个）。");
        return $"{prefix}/{next.ToString("D6", CultureInfo.InvariantCulture)}";
    }

    private static string PrefixOf(CatalogueVersion version, IReadOnlyDictionary<int, ClassNode> classes) =>
        version.ResourceClassId is { } id && classes.TryGetValue(id, out var node) && node.IsLeaf
            ? node.Code.PadRight(9, '0')
            : throw new DomainException($"“{NameOf(version)}”的信息资源分类不是最末一级，不能赋予信息资源代码。");

    /// <summary>The rules' context: the active jurisdiction and the classification tree (a leaf has no child).</summary>
    public async Task<CatalogueRuleContext> RuleContextAsync(PortalDbContext db, CancellationToken ct) =>
        new(policies.Active.Jurisdiction, await ClassesAsync(db, ct));

    private static async Task<IReadOnlyDictionary<int, ClassNode>> ClassesAsync(PortalDbContext db, CancellationToken ct) =>
        await db.ResourceClasses.AsNoTracking()
            .Select(c => new ClassNode(c.Id, c.Code, c.Name, !db.ResourceClasses.Any(x => x.ParentId == c.Id)))
            .ToDictionaryAsync(c => c.Id, ct);

    private static async Task<CatalogueSubmission> LoadSubmissionAsync(PortalDbContext db, long id, CancellationToken ct) =>
        await db.CatalogueSubmissions.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("目录提交批次不存在。");

    private static string EntryKey(long entryId, string? field) =>
        $"Entries[{entryId.ToString(CultureInfo.InvariantCulture)}]" + (field is null ? "" : "." + field);

    private static string NameOf(CatalogueVersion version) =>
        string.IsNullOrWhiteSpace(version.Name) ? $"未命名条目（第{version.Number}版）" : version.Name;

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ChangedMessage);
        }
    }

    /// <summary>A lost race on the task reads "该任务已由他人处理"; on a version, <see cref="ChangedMessage"/>.</summary>
    private static async Task SaveDecisionAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException e) when (e.Entries.All(x => x.Entity is FlowTask or FlowInstance))
        {
            throw new ConflictException(WorkflowEngine.TaskTakenMessage);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ChangedMessage);
        }
    }
}

using GovDataPortal.Features.Attachments;
using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Notifications;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using F = GovDataPortal.Features.DataChecks.DataCheckFields;

namespace GovDataPortal.Features.DataChecks;

/// <summary>
/// 数据疑义、错误校核 (shuangpai Art. 27, hubei Art. 13, longyan Art. 14, foshan Art. 30; changsha Art. 18 sets no day
/// count): the user department flags a doubt or an error, the provider verifies and answers within the active
/// profile's deadline, the result goes back to the user. The request and its flow always change in one unit of work;
/// the <see cref="WorkflowEngine"/> computes deadlines and guards who may decide. One context per call.
/// </summary>
public sealed partial class DataCheckService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    IWorkingDayCalendar calendar,
    WorkflowEngine engine,
    FlowReader flows,
    Notifier notifier,
    AttachmentService attachments)
{
    /// <summary>Length limits of the texts (the columns' sizes): pages show them as counters; longer input is refused, never cut.</summary>
    public const int ResourceNameMaxLength = DataCheckRequest.ResourceNameMaxLength;
    public const int RecordIdentifierMaxLength = DataCheckRequest.RecordIdentifierMaxLength;
    public const int DescriptionMaxLength = DataCheckRequest.DescriptionMaxLength;
    public const int ExplanationMaxLength = DataCheckRequest.ExplanationMaxLength;
    public const int ReasonMaxLength = DataCheckRequest.ReasonMaxLength;

    /// <summary>The active regulation's data-check flow; a clear refusal where it has none.</summary>
    public FlowRule Flow => engine.Flow(FlowKeys.DataCheck);

    /// <summary>Refuses ("当前适用的《…》未规定该流程") before anything is read or saved.</summary>
    private void RequireFlow() => _ = Flow;

    /// <summary>Whether the actor may raise a check (a 数据专管员 or 部门审核人 of a department).</summary>
    public bool CanRaise => actor.IsAuthenticated && actor.DepartmentId is not null
        && (actor.IsInRole(PortalRoles.DataSpecialist) || actor.IsInRole(PortalRoles.DepartmentApprover));

    /// <summary>Raises a check: the request, its evidence and the started flow are committed together or not at all.</summary>
    public async Task<long> RaiseAsync(RaiseDataCheckInput input, AttachmentUpload? evidence = null, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.DataSpecialist, PortalRoles.DepartmentApprover);
        var requester = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门，不能提起校核。");
        RequireFlow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var (errors, picked, pickedName) = await ValidateAsync(db, input, requester, ct);
        var file = await StageEvidenceAsync(evidence, errors, ct);
        errors.ThrowIfInvalid();

        var request = DataCheckRequest.Submit(requester, actor.UserId!, input.ProviderDepartmentId, pickedName ?? input.ResourceName,
            input.RecordIdentifier, input.Kind, input.Description, clock.GetUtcNow(), picked);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.DataCheckRequests.Add(request);
        await db.SaveChangesAsync(ct); // the flow's subject id and the evidence's owner id are the request's id
        if (file is not null) attachments.Add(db, file, DataCheckTexts.SubjectType, Key(request));
        await StartFlowAsync(db, request, reopenReason: null, ct);
        await tx.CommitAsync(ct);
        return request.Id;
    }

    private async Task<(ValidationErrors Errors, PickedEntry? Picked, string? Name)> ValidateAsync(PortalDbContext db,
        RaiseDataCheckInput input, int requester, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (input.ProviderDepartmentId is { } provider && provider != requester && !await db.Departments.AnyAsync(d => d.Id == provider, ct))
            errors.Add(F.ProviderDepartmentId, "数据提供部门不存在。");
        var (picked, name) = await ValidatePickAsync(db, input, errors, ct);
        return (DataCheckRequest.Validate(errors, requester, input.ProviderDepartmentId, name ?? input.ResourceName, input.RecordIdentifier,
            input.Kind, input.Description), picked, name);
    }

    /// <summary>
    /// The check names a published catalogue entry of the provider (issue 9 §5) and optionally some of its items (of the
    /// published version); its name becomes the check's resource name. Without a pick the free-text name stands only for a
    /// provider that has published no catalogue yet.
    /// </summary>
    private static async Task<(PickedEntry?, string?)> ValidatePickAsync(PortalDbContext db, RaiseDataCheckInput input, ValidationErrors errors,
        CancellationToken ct)
    {
        var items = (input.ItemNames ?? []).Select(InputText.Normalise).OfType<string>().Distinct().ToList();
        if (input.CatalogueEntryId is not { } entryId)
        {
            if (items.Count > 0) errors.Add(F.ItemNames, "请先选择目录条目，再选择其中的信息项。");
            // The page and the API alike: once the provider has a published catalogue, the check names an entry of it.
            if (input.ProviderDepartmentId is { } provider && await HasPublishedEntriesAsync(db, provider, ct))
                errors.Add(F.CatalogueEntryId, "数据提供部门已发布政务信息资源目录，请选择所校核数据所在的目录条目（catalogueEntryId），不能只填写数据名称。");
            return (null, null);
        }
        var entry = await db.CatalogueEntries.AsNoTracking().Where(e => e.Id == entryId)
            .Select(e => new { e.ProviderDepartmentId, e.Status, e.Name, e.ResourceCode, e.PublishedVersionNumber }).FirstOrDefaultAsync(ct);
        if (entry is null || entry.Status != Catalogue.EntryStatus.Published)
        {
            errors.Add(F.CatalogueEntryId, "请选择数据提供部门已发布的目录条目。");
            return (null, null);
        }
        if (entry.ProviderDepartmentId != input.ProviderDepartmentId)
        {
            errors.Add(F.CatalogueEntryId, "所选目录条目不属于该数据提供部门。");
            return (null, null);
        }
        var known = await PublishedItemNames(db, entryId, entry.PublishedVersionNumber).ToListAsync(ct);
        foreach (var missing in items.Where(i => !known.Contains(i))) errors.Add(F.ItemNames, $"信息项“{missing}”不在所选目录中。");
        return (new PickedEntry(entryId, entry.ResourceCode, items), entry.Name);
    }

    private static IQueryable<string> PublishedItemNames(PortalDbContext db, long entryId, int? number) =>
        from i in db.CatalogueItems
        join v in db.CatalogueVersions on i.VersionId equals v.Id
        where v.EntryId == entryId && v.Number == number
        orderby i.Ordinal
        select i.Name;

    /// <summary>The provider's published entries to pick from, by name or code, with the published version's items.</summary>
    public async Task<IReadOnlyList<DataCheckEntryChoice>> EntryChoicesAsync(int providerDepartmentId, string? keyword, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.CatalogueEntries.AsNoTracking().Where(e => e.ProviderDepartmentId == providerDepartmentId && e.Status == Catalogue.EntryStatus.Published);
        if (InputText.NullIfBlank(keyword) is { } k) q = q.Where(e => e.Name.Contains(k) || (e.ResourceCode != null && e.ResourceCode.StartsWith(k)));
        var entries = await q.OrderBy(e => e.Name).Take(50).Select(e => new { e.Id, e.Name, e.ResourceCode, e.ItemNames }).ToListAsync(ct);
        // The entry's listing shows its published version, so its item names are the published ones.
        return [.. entries.Select(e => new DataCheckEntryChoice(e.Id, e.Name, e.ResourceCode,
            e.ItemNames.Length == 0 ? [] : e.ItemNames.Split('\n')))];
    }

    /// <summary>Whether the provider has published any catalogue entry (then the page asks for a pick instead of free text).</summary>
    public async Task<bool> HasPublishedEntriesAsync(int providerDepartmentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await HasPublishedEntriesAsync(db, providerDepartmentId, ct);
    }

    private static Task<bool> HasPublishedEntriesAsync(PortalDbContext db, int providerDepartmentId, CancellationToken ct) =>
        db.CatalogueEntries.AnyAsync(e => e.ProviderDepartmentId == providerDepartmentId && e.Status == Catalogue.EntryStatus.Published, ct);

    private async Task<StagedAttachment?> StageEvidenceAsync(AttachmentUpload? evidence, ValidationErrors errors, CancellationToken ct)
    {
        if (evidence is null) return null;
        var (file, problem) = await attachments.StageAsync(evidence, ct);
        if (problem is not null) errors.Add(F.Evidence, problem);
        return file;
    }

    /// <summary>Starts a round of the flow (a new deadline from now) and links it; the caller's transaction commits.</summary>
    private async Task StartFlowAsync(PortalDbContext db, DataCheckRequest request, string? reopenReason, CancellationToken ct)
    {
        var instance = await engine.StartAsync(db, new StartFlow(FlowKeys.DataCheck, DataCheckTexts.SubjectType, Key(request),
            DataCheckTexts.SubjectTitle(request.Kind, request.ResourceName), request.ProviderDepartmentId, request.RequesterDepartmentId), ct);
        // The reopening's reason belongs on the new round's first line of history, next to the submission.
        if (reopenReason is not null && instance.Events.LastOrDefault(e => e.Action == FlowActions.Submit) is { } submitted)
            submitted.Comment = $"重新提起：{reopenReason}";
        await db.SaveChangesAsync(ct);
        request.AttachFlow(instance.Id);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The provider's 部门审核人 answers (the engine checks the assignee and that nobody approves what they submitted);
    /// the answer and the approved task are saved together, and the requester is told the result (shuangpai Art. 27 ¶4:
    /// 修正结果应当及时告知使用部门; longyan Art. 14; hubei Art. 13 ¶3 反馈校核结果).
    /// </summary>
    public async Task AnswerAsync(long id, long taskId, uint taskVersion, DataCheckAnswer? answer, string? explanation,
        CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var (request, _) = await LoadForCheckTaskAsync(db, id, taskId, ct);
        request.RecordAnswer(answer, explanation, clock.GetUtcNow());
        await engine.DecideAsync(db, new TaskDecision(taskId, taskVersion, DataCheckSubjectHandler.ActionOf(request.Answer!.Value),
            $"{DataCheckTexts.AnswerName(request.Answer!.Value)}：{request.Explanation}"), ct);
        await NotifyAnswerAsync(db, request, ct);
        await WorkflowEngine.SaveDecisionAsync(db, ct);
    }

    /// <summary>
    /// One message per person for the answer: the engine sends no "已办结" for a check (it would be untrue — the
    /// requester may still close it or reopen it once; <see cref="DataCheckSubjectHandler.TellsRequesterOfEnd"/>); the
    /// answer's own message (the result, the explanation, what may still be done) goes to the submitter and the
    /// requesting department's specialists.
    /// </summary>
    private async Task NotifyAnswerAsync(PortalDbContext db, DataCheckRequest request, CancellationToken ct)
    {
        var requesters = await FlowRuntime.RequesterUsersAsync(db, request.RequesterDepartmentId, request.RequesterUserId, ct);
        var body = DataCheckTexts.AnswerNotificationBody(request.ResourceName, request.Kind, request.Answer!.Value, request.Explanation!,
            mayReopen: request.ReopenCount == 0);
        foreach (var userId in requesters)
            notifier.ToUser(db, userId, DataCheckTexts.AnswerNotificationTitle, body, Link(request));
    }

    /// <summary>
    /// Asks the provider head (领导) for more time — only where the profile has an extension rule (shuangpai Art. 27
    /// ¶2: the head consents, the user is told, at most 15 working days in all; the engine enforces the total).
    /// </summary>
    public async Task RequestExtensionAsync(long id, long taskId, uint taskVersion, int? days, string? reason,
        CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var (request, task) = await LoadForCheckTaskAsync(db, id, taskId, ct);
        // The rules the check's flow started under, not whatever is active now.
        if ((await flows.InstanceAsync(db, request.FlowInstanceId!.Value, ct))?.Rule.Extension is not { } rule)
            throw new DomainException($"《{engine.Profile.Title}》未规定数据校核可以延期，请在期限内答复。", F.ExtensionDays);
        var errors = new ValidationErrors();
        var left = rule.MaxTotalDays - task.ExtensionDays;
        if (days is not > 0) errors.Add(F.ExtensionDays, "请填写延期的工作日数。");
        // Refused, never cut down to what is left (shuangpai Art. 27 ¶2: at most 15 working days in all).
        else if (days > left) errors.Add(F.ExtensionDays, DataCheckTexts.ExtensionTooLong(rule.MaxTotalDays, left, rule.Citation.ToString()));
        errors.Require(F.Reason, reason, "延期理由", ReasonMaxLength);
        errors.ThrowIfInvalid();

        await engine.DecideAsync(db, new TaskDecision(taskId, taskVersion, FlowActions.RequestExtension, InputText.Normalise(reason), days), ct);
        await WorkflowEngine.SaveDecisionAsync(db, ct);
    }

    /// <summary>The requester sends a returned check back with the clarification the provider asked for.</summary>
    public async Task ResubmitAsync(long id, long taskId, uint taskVersion, string? clarification, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await LoadAsync(db, id, ct);
        var task = await CheckTaskAsync(db, request, taskId, ct, FlowTaskKind.Revision);
        if (!task.IsMine) throw new AccessDeniedException("只有提起人可以补充说明后重新提交。");
        new ValidationErrors().Require(F.Reason, clarification, "补充说明", ReasonMaxLength).ThrowIfInvalid();
        await engine.DecideAsync(db, new TaskDecision(taskId, taskVersion, FlowActions.Resubmit, InputText.Normalise(clarification)), ct);
        await WorkflowEngine.SaveDecisionAsync(db, ct);
    }

    /// <summary>The requester accepts the answer.</summary>
    public async Task CloseAsync(long id, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await LoadAsync(db, id, ct);
        RequireRequester(request);
        request.Close(clock.GetUtcNow());
        await SaveAsync(db, ct);
    }

    /// <summary>
    /// The requester is not satisfied with the answer and raises it again, once: the answer is cleared (the first
    /// round's history and the audit log keep it) and a new round of the flow starts with a new deadline from now.
    /// </summary>
    public async Task ReopenAsync(long id, string? reason, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await LoadAsync(db, id, ct);
        RequireRequester(request);
        request.Reopen(reason);
        RequireFlow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await StartFlowAsync(db, request, request.ReopenReason, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(DataCheckTexts.ChangedMessage);
        }
        await tx.CommitAsync(ct);
    }

    private async Task<DataCheckRequest> LoadAsync(PortalDbContext db, long id, CancellationToken ct) =>
        await db.DataCheckRequests.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException(DataCheckTexts.NotFoundMessage);

    /// <summary>
    /// The task must be an open task of this check's current round (a task id of another subject is refused before the
    /// engine is asked), and only its assignee acts on it.
    /// </summary>
    private async Task<FlowTaskView> CheckTaskAsync(PortalDbContext db, DataCheckRequest request, long taskId, CancellationToken ct,
        FlowTaskKind kind = FlowTaskKind.Step)
    {
        var task = await flows.TaskAsync(db, request.FlowInstanceId, taskId, ct)
            ?? throw new DomainException("该任务不属于此数据校核。", F.TaskId);
        if (task.Kind != kind) throw new DomainException("该任务不属于此操作。", F.TaskId);
        if (task.Status != FlowTaskStatus.Open) throw new ConflictException(WorkflowEngine.TaskTakenMessage);
        if (kind == FlowTaskKind.Step && !task.IsMine)
            throw new AccessDeniedException("只有数据提供部门的部门审核人可以办理该校核。");
        return task;
    }

    /// <summary>A check still waiting for its answer, and an open check task of it that the actor may act on.</summary>
    private async Task<(DataCheckRequest Request, FlowTaskView Task)> LoadForCheckTaskAsync(PortalDbContext db, long id, long taskId,
        CancellationToken ct)
    {
        var request = await LoadAsync(db, id, ct);
        var task = await CheckTaskAsync(db, request, taskId, ct);
        RequireSubmitted(request);
        return (request, task);
    }

    private static void RequireSubmitted(DataCheckRequest request)
    {
        if (request.Status != DataCheckStatus.Submitted) throw new ConflictException(WorkflowEngine.TaskTakenMessage);
    }

    private void RequireRequester(DataCheckRequest request)
    {
        if (!DataCheckAccess.ActsForRequester(actor, request))
            throw new AccessDeniedException("只有提起部门的数据专管员、部门审核人或提起人可以关闭或重新提起校核。");
    }

    private static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(DataCheckTexts.ChangedMessage);
        }
    }

    private static string Key(DataCheckRequest request) => request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Link(long id) => $"data-checks/{id}";

    private static string Link(DataCheckRequest request) => Link(request.Id);
}

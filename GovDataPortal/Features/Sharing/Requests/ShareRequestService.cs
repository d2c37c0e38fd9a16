using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Notifications;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using F = GovDataPortal.Features.Sharing.ShareRequestFields;

namespace GovDataPortal.Features.Sharing.Requests;

/// <summary>
/// 共享申请 (issue 10 §1): a department's data specialist asks another department for items of a published entry. An
/// unconditional entry is granted at once and recorded (foshan Art. 26 ¶1); a conditional one is granted at once where the
/// active profile lets an approved application scenario stand for the review (foshan Art. 28 ¶2) and one matches, and
/// otherwise goes through the profile's conditional-share flow (changsha Art. 22, shuangpai Art. 24, hubei Art. 20, longyan
/// Art. 12, foshan Art. 26). The request, its grant or its flow are saved together or not at all. One context per call.
/// </summary>
public sealed partial class ShareRequestService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    WorkflowEngine engine,
    FlowReader flows,
    ICatalogueSharing catalogue,
    IApplicationScenarioMatch scenarios,
    Notifier notifier)
{
    public const int TextMaxLength = ShareRequest.TextMaxLength;
    public const int UsersMaxLength = ShareRequest.UsersMaxLength;
    public const int ReasonMaxLength = ShareRequest.ReasonMaxLength;

    /// <summary>Whether the actor may ask for another department's data (a 数据专管员 of a department).</summary>
    public bool CanRequest => actor.IsAuthenticated && actor.DepartmentId is not null && actor.IsInRole(PortalRoles.DataSpecialist);

    /// <summary>The entry a new request would name, with the reason it cannot be asked for (null when it can); null when unpublished.</summary>
    public async Task<ShareRequestEntryView?> EntryAsync(long entryId, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await catalogue.PublishedAsync(db, entryId, ct) is not { } entry) return null;
        var provider = await db.Departments.Where(d => d.Id == entry.ProviderDepartmentId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        return new ShareRequestEntryView(entry, provider, KindOf(entry) ?? ShareRequestKind.Negotiation, RefusalOf(entry, actor.DepartmentId));
    }

    private static ShareRequestKind? KindOf(SharableEntry entry) => entry.ShareType switch
    {
        ShareType.Unconditional => ShareRequestKind.Unconditional,
        ShareType.Conditional => ShareRequestKind.Conditional,
        _ => null,
    };

    private static string? RefusalOf(SharableEntry entry, int? requester) =>
        KindOf(entry) is null ? "该数据资源属于不予共享类，不能申请共享；确需使用的，请与提供部门协商。"
        : entry.ProviderDepartmentId == requester ? "本部门的数据无需申请共享。"
        : null;

    /// <summary>
    /// Submits a request. Refused as a whole (field messages) when the entry is not published, not shareable or the
    /// requester's own, or when it asks for items, operations or modes the entry does not offer (the least necessary:
    /// hubei Art. 20, foshan Art. 29).
    /// </summary>
    public async Task<SubmittedShareRequest> SubmitAsync(ShareRequestDraft draft, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.DataSpecialist);
        var requester = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门，不能申请共享。");
        if (draft.Kind is ShareRequestKind.Uncatalogued or ShareRequestKind.Negotiation)
            throw new DomainException("此处只能申请共享已发布目录中的无条件或有条件共享数据。", "kind");
        await using var db = await factory.CreateDbContextAsync(ct);
        var (d, entry) = await ValidateAsync(db, draft, requester, ct);
        var now = clock.GetUtcNow();

        GrantBasis? basis = d.Kind == ShareRequestKind.Unconditional ? GrantBasis.Unconditional : null;
        if (basis is null)
        {
            var flow = engine.Flow(FlowKeys.ConditionalShare); // refuses where the active regulation has no such flow
            // foshan Art. 28 ¶2: a need covered by an approved application scenario is granted directly. The scenario is
            // the match's, never one the requester merely names.
            long? scenario = flow.DirectGrant is null ? null : await scenarios.MatchingAsync(db, requester, entry.Id, d.ItemNames, ct);
            d = d with { ApplicationScenarioId = scenario };
            if (scenario is not null) basis = GrantBasis.ApplicationScenario;
        }
        else d = d with { ApplicationScenarioId = null };

        var request = ShareRequest.Create(d, requester, actor.UserId!, entry.ProviderDepartmentId, entry.Name, entry.ResourceCode, now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ShareRequests.Add(request);
        await db.SaveChangesAsync(ct); // the grant and the flow name the request's id
        ShareGrant? grant = null;
        if (basis is { } b)
        {
            grant = await GrantAsync(db, request, b, now, ct);
            await NotifyGrantedAsync(db, notifier, request, grant, ct);
        }
        else
        {
            var instance = await engine.StartAsync(db, new StartFlow(FlowKeys.ConditionalShare, SharingTexts.SubjectType, Key(request),
                $"共享申请：{request.ResourceName}", request.ProviderDepartmentId, request.RequesterDepartmentId), ct);
            await db.SaveChangesAsync(ct);
            request.AttachFlow(instance.Id);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SubmittedShareRequest(request.Id, request.Status, grant?.Id, grant?.Basis);
    }

    private async Task<(ShareRequestDraft Draft, SharableEntry Entry)> ValidateAsync(PortalDbContext db, ShareRequestDraft draft, int requester,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var items = draft.ItemNames.Select(InputText.Normalise).OfType<string>().Distinct().ToList();
        SharableEntry? entry = null;
        if (draft.CatalogueEntryId is not { } entryId) errors.Add(F.CatalogueEntryId, "请选择要申请共享的目录条目。");
        else if ((entry = await catalogue.PublishedAsync(db, entryId, ct)) is null)
            errors.Add(F.CatalogueEntryId, "该目录条目不存在或尚未发布，不能申请共享。");
        else if (RefusalOf(entry, requester) is { } refusal) errors.Add(F.CatalogueEntryId, refusal);
        var kind = entry is null ? ShareRequestKind.Conditional : KindOf(entry) ?? ShareRequestKind.Conditional;
        var d = draft with { Kind = kind, ItemNames = items };
        ShareRequest.Validate(errors, d, ChinaTime.Today(clock));
        if (entry is not null)
        {
            foreach (var outside in items.Where(i => !entry.ItemNames.Contains(i)))
                errors.Add(F.ItemNames, $"信息项“{outside}”不在该目录条目中。");
            if ((d.Operations & ~entry.Operations) != 0)
                errors.Add(F.Operations, $"所选使用方式超出该目录条目允许的范围（{Allowed(ShareRequestNames.Operations(entry.Operations))}）。");
            if ((d.Methods & ~entry.Methods) != 0)
                errors.Add(F.Methods, $"所选共享方式超出该目录条目提供的方式（{Allowed(ShareRequestNames.Methods(entry.Methods))}）。");
        }
        errors.ThrowIfInvalid();
        return (d, entry!);
    }

    private static string Allowed(string names) => names.Length > 0 ? "允许：" + names : "该条目未列明";

    /// <summary>
    /// Adds the grant and marks the request granted in the caller's unit of work. The grant's id is drawn from its
    /// sequence first, so the request names it without a second save: inside the engine's hook a save of our own would
    /// commit the flow's half-done change. The unique request id of share_grants refuses a second grant.
    /// </summary>
    internal static async Task<ShareGrant> GrantAsync(PortalDbContext db, ShareRequest request, GrantBasis basis, DateTimeOffset at,
        CancellationToken ct, string? agreement = null)
    {
        var grant = ShareGrant.From(request, basis, ChinaTime.DateOf(at), at, agreement);
        var id = await db.Database.SqlQuery<long>($"""SELECT nextval(pg_get_serial_sequence('share_grants', 'Id')) AS "Value" """)
            .SingleAsync(ct);
        var entry = db.Entry(grant);
        entry.Property(g => g.Id).CurrentValue = id;
        entry.State = EntityState.Added;
        request.MarkGranted(id, at);
        return grant;
    }

    /// <summary>Both departments hear of a grant: the requester may use the data, the provider must provide it.</summary>
    internal static async Task NotifyGrantedAsync(PortalDbContext db, Notifier notifier, ShareRequest request, ShareGrant grant,
        CancellationToken ct)
    {
        var link = ShareRequestNames.Link(request.Id);
        var basis = SharingTexts.BasisName(grant.Basis);
        foreach (var user in await FlowRuntime.RequesterUsersAsync(db, request.RequesterDepartmentId, request.RequesterUserId, ct))
            notifier.ToUser(db, user, "共享申请已授权", $"“{request.ResourceName}”的共享申请已授权（{basis}），使用截止日期{grant.EndDate:yyyy年M月d日}。", link);
        foreach (var role in new[] { PortalRoles.DepartmentApprover, PortalRoles.DataSpecialist })
            await notifier.ToRoleAsync(db, request.ProviderDepartmentId, role, "本部门数据已授权共享",
                $"“{request.ResourceName}”已授权共享给申请部门（{basis}），信息项：{string.Join("、", request.ItemNames)}。", link, null, ct);
    }

    /// <summary>The requester (its submitter) takes back a request still under review; the flow ends withdrawn.</summary>
    public async Task WithdrawAsync(long id, string? reason, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await db.ShareRequests.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException(ShareRequestNames.NotFoundMessage);
        if (request.RequesterUserId != actor.UserId) throw new AccessDeniedException("只有申请人可以撤回共享申请。");
        if (request.Status != ShareRequestStatus.InReview || request.FlowInstanceId is not { } instance)
            throw new ConflictException("只有审核中的申请才能撤回。");
        await engine.WithdrawAsync(db, instance, InputText.Normalise(reason), ct); // the handler withdraws the request
        await WorkflowEngine.SaveDecisionAsync(db, ct);
    }

    /// <summary>
    /// The caller acts on their open task of the request through the engine: approve, reject (reasons required), or —
    /// at the requester's step after a refusal — ask for coordination or accept the refusal. Refused (403) when the
    /// caller has no open task of it.
    /// </summary>
    public async Task DecideAsync(long id, ShareRequestDecisionInput input, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await db.ShareRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new NotFoundException(ShareRequestNames.NotFoundMessage);
        var view = request.FlowInstanceId is { } i ? await flows.InstanceAsync(db, i, ct) : null;
        var task = view?.OpenStepTasks.FirstOrDefault(t => t.MayDecide)
            ?? throw new AccessDeniedException("您没有该共享申请的待办任务。");
        var reason = InputText.NullIfBlank(InputText.Normalise(input.Reason));
        var errors = new ValidationErrors();
        errors.Optional(F.Reason, reason, "理由", ReasonMaxLength);
        var (action, branch) = input.Action?.Trim().ToLowerInvariant() switch
        {
            "approve" => (FlowActions.Approve, (string?)null),
            "reject" => (FlowActions.Reject, null),
            "coordinate" => (FlowActions.Choose, "ask"),
            "accept" => (FlowActions.Choose, "accept"),
            _ => ("", null),
        };
        if (action.Length == 0) errors.Add("action", "action 只能为 approve、reject、coordinate 或 accept。");
        // A refusal states its reasons (changsha Art. 22, hubei Art. 20, foshan Art. 26); the engine refuses it too.
        if (action == FlowActions.Reject && reason is null) errors.Add(F.Reason, "不同意共享的，须说明理由和依据。");
        errors.ThrowIfInvalid();
        await engine.DecideAsync(db, new TaskDecision(task.Id, task.Version, action, reason, BranchKey: branch), ct);
        await WorkflowEngine.SaveDecisionAsync(db, ct);
    }

    internal static string Key(ShareRequest request) => request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The two departments, the data authority supervising the provider, and any department the request's flow gave a
    /// task (the city authority deciding in shuangpai Art. 24). Nobody else.
    /// </summary>
    internal static async Task<bool> CanSeeAsync(PortalDbContext db, CurrentActor actor, ShareRequest request, CancellationToken ct)
    {
        if (!actor.IsAuthenticated || actor.DepartmentId is not { } mine) return false;
        if (mine == request.RequesterDepartmentId || mine == request.ProviderDepartmentId) return true;
        if (!actor.IsInRole(PortalRoles.AuthorityReviewer)) return false;
        if (await DataAuthorities.OfDepartmentAsync(db, request.ProviderDepartmentId, ct) == mine) return true;
        return request.FlowInstanceId is { } instance
            && await db.FlowTasks.AnyAsync(t => t.InstanceId == instance && t.AssigneeDepartmentId == mine, ct);
    }
}

using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using F = GovDataPortal.Features.Sharing.ShareRequestFields;

namespace GovDataPortal.Features.Sharing;

/// <summary>
/// Asking for data the shared catalogue does not offer (issue 10 §1): data not yet catalogued (目录外数据需求, hubei
/// Art. 22 ¶1 — the provider answers in 10 working days; agreement leaves its 数据专管员 a task to catalogue the data)
/// and data marked 不予共享 (only a negotiation: shuangpai Art. 24 ¶1 item 3 — an agreement is filed with the county
/// centre; foshan Art. 26 ¶3; elsewhere under the profile's stated reading). The flows are the active profile's; the
/// request and its flow are saved in one transaction. One context per call.
/// </summary>
public sealed class OutsideCatalogueService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    WorkflowEngine engine,
    ICatalogueSharing catalogue)
{
    public const int DescriptionMaxLength = ShareRequest.NameMaxLength;

    /// <summary>Whether the active profile has a procedure for uncatalogued data (hubei only).</summary>
    public bool UncataloguedAllowed => engine.Profile.Flow(FlowKeys.UncataloguedDataRequest) is not null;

    /// <summary>The active profile's flow of <paramref name="kind"/> (its steps, deadlines and articles for the form).</summary>
    public FlowRule FlowOf(ShareRequestKind kind) => engine.Flow(FlowKey(kind));

    /// <summary>目录外数据需求: names the presumed provider and describes the data.</summary>
    public async Task<long> RequestUncataloguedAsync(ShareRequestDraft draft, CancellationToken ct = default)
    {
        var requester = RequireSpecialist();
        _ = FlowOf(ShareRequestKind.Uncatalogued); // refuses in Chinese where the regulation has no such procedure
        draft = draft with { Kind = ShareRequestKind.Uncatalogued, CatalogueEntryId = null, ItemNames = [] };
        var errors = ShareRequest.Validate(new ValidationErrors(), draft, Today);
        errors.Require(F.DataDescription, draft.DataDescription, "所需数据的名称和内容", DescriptionMaxLength);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (draft.ProviderDepartmentId is not { } provider) errors.Add(F.ProviderDepartmentId, "请选择数据提供部门。");
        else if (provider == requester) errors.Add(F.ProviderDepartmentId, "本部门的数据无需申请共享。");
        else if (!await db.Departments.AnyAsync(d => d.Id == provider, ct)) errors.Add(F.ProviderDepartmentId, "数据提供部门不存在。");
        errors.ThrowIfInvalid();
        var request = ShareRequest.Create(draft, requester, actor.UserId!, draft.ProviderDepartmentId!.Value,
            InputText.Normalise(draft.DataDescription)!, null, clock.GetUtcNow());
        return await SaveWithFlowAsync(db, request, ct);
    }

    /// <summary>不予共享数据协商: names a published 不予共享 entry and the items needed.</summary>
    public async Task<long> RequestNegotiationAsync(ShareRequestDraft draft, CancellationToken ct = default)
    {
        var requester = RequireSpecialist();
        _ = FlowOf(ShareRequestKind.Negotiation);
        draft = draft with { Kind = ShareRequestKind.Negotiation };
        var errors = ShareRequest.Validate(new ValidationErrors(), draft, Today);
        await using var db = await factory.CreateDbContextAsync(ct);
        var entry = draft.CatalogueEntryId is { } id ? await catalogue.PublishedAsync(db, id, ct) : null;
        if (entry is null) errors.Add(F.CatalogueEntryId, "请选择已发布的目录条目。");
        else
        {
            if (entry.ShareType != ShareType.NotShared)
                errors.Add(F.CatalogueEntryId, "该目录条目不是不予共享类，请按共享申请办理。");
            if (entry.ProviderDepartmentId == requester) errors.Add(F.CatalogueEntryId, "本部门的数据无需申请共享。");
            foreach (var item in draft.ItemNames.Where(i => !entry.ItemNames.Contains(i)))
                errors.Add(F.ItemNames, $"信息项“{item}”不在所选目录中。");
            if (draft.ItemNames.Count == 0) errors.Add(F.ItemNames, "请至少选择一个所需的信息项（按最小必要原则申请）。");
        }
        errors.ThrowIfInvalid();
        var request = ShareRequest.Create(draft, requester, actor.UserId!, entry!.ProviderDepartmentId, entry.Name, entry.ResourceCode,
            clock.GetUtcNow());
        return await SaveWithFlowAsync(db, request, ct);
    }

    private int RequireSpecialist()
    {
        actor.RequireRole(PortalRoles.DataSpecialist);
        return actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门，不能申请共享数据。");
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToChina().DateTime);

    private static string FlowKey(ShareRequestKind kind) => kind switch
    {
        ShareRequestKind.Uncatalogued => FlowKeys.UncataloguedDataRequest,
        ShareRequestKind.Negotiation => FlowKeys.ShareNegotiation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Catalogued shares go through the share-request service."),
    };

    private async Task<long> SaveWithFlowAsync(PortalDbContext db, ShareRequest request, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ShareRequests.Add(request);
        await db.SaveChangesAsync(ct); // the flow's subject id is the request's id
        var title = $"{SharingTexts.KindName(request.Kind)}：{request.ResourceName}";
        var instance = await engine.StartAsync(db, new StartFlow(FlowKey(request.Kind), SharingTexts.OutsideCatalogueSubjectType,
            request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), title, request.ProviderDepartmentId,
            request.RequesterDepartmentId), ct);
        await db.SaveChangesAsync(ct);
        request.AttachFlow(instance.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return request.Id;
    }
}

using System.Globalization;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue;

public sealed partial class CatalogueLifecycleService
{
    /// <summary>
    /// A published entry changes only through a new version passing the same review: its department's specialist starts
    /// a draft copied from the published version, which stays visible until the new one is published. Returns its number.
    /// </summary>
    public async Task<int> StartNewVersionAsync(long entryId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entry = await OwnEntryAsync(db, entryId, ct);
        var version = entry.StartNewVersion(actor.UserId!, clock.GetUtcNow());
        await SaveAsync(db, ct);
        return version.Number;
    }

    /// <summary>
    /// 撤销: the provider's 数据专管员 asks with a reason (mandatory); the data authority approves or refuses in 我的待办
    /// (<see cref="CatalogueWithdrawalHandler"/>). Only a published entry, one request at a time. Returns the flow's id.
    /// </summary>
    public async Task<long> RequestWithdrawalAsync(long entryId, string? reason, CancellationToken ct = default)
    {
        new ValidationErrors().Require("reason", reason, "撤销理由", ReasonMaxLength).ThrowIfInvalid();
        _ = engine.Flow(FlowKeys.CatalogueWithdrawal);
        await using var db = await factory.CreateDbContextAsync(ct);
        var entry = await OwnEntryAsync(db, entryId, ct);
        if (entry.Status != EntryStatus.Published)
            throw new DomainException($"只有已发布的目录条目可以撤销，“{entry.Name}”当前为{CatalogueTexts.Name(entry.Status)}。");
        if (entry.LatestVersion.InReview)
            throw new DomainException($"“{entry.Name}”的第{entry.LatestVersion.Number}版正在审核中，请审核结束后再申请撤销。");
        var key = entry.Id.ToString(CultureInfo.InvariantCulture);
        if ((await flows.OfSubjectAsync(db, CatalogueWithdrawalHandler.Type, key, ct)).Any(f => f.Status == FlowStatus.Running))
            throw new ConflictException($"“{entry.Name}”已有待审核的撤销申请。");

        var instance = await engine.StartAsync(db, new StartFlow(FlowKeys.CatalogueWithdrawal, CatalogueWithdrawalHandler.Type, key,
            $"目录撤销：{entry.Name}（{entry.ResourceCode}）", entry.ProviderDepartmentId, entry.ProviderDepartmentId), ct);
        // The reason is the request's first line of history; the entry takes it when the authority agrees.
        instance.Events.Last(e => e.Action == FlowActions.Submit).Comment = CatalogueWithdrawalHandler.ReasonPrefix + InputText.Normalise(reason);
        // Writing the entry row makes two simultaneous requests conflict (xmin): one of them sees the other's flow.
        db.Entry(entry).Property(e => e.UpdatedAt).IsModified = true;
        await SaveAsync(db, ct);
        return instance.Id;
    }

    /// <summary>
    /// Its department abandons a draft nobody else has seen: the draft of a next version becomes 已作废 (the published
    /// version stays); an entry never submitted at all is deleted (the audit log keeps what it held).
    /// </summary>
    public async Task DiscardDraftAsync(long entryId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entry = await OwnEntryAsync(db, entryId, ct);
        if (entry.MayBeDeletedAsDraft) db.CatalogueEntries.Remove(entry);
        else if (entry.PublishedVersionNumber is null)
            throw new DomainException($"“{entry.Name}”已提交过审核，不能作废；请修改后重新提交。");
        else entry.DiscardDraft(clock.GetUtcNow());
        await SaveAsync(db, ct);
    }

    /// <summary>An entry of the actor's own department, for its 数据专管员 to act on (versions loaded, tracked).</summary>
    private async Task<CatalogueEntry> OwnEntryAsync(PortalDbContext db, long entryId, CancellationToken ct)
    {
        actor.RequireRole(PortalRoles.DataSpecialist);
        var entry = await db.CatalogueEntries.Include(e => e.Versions).ThenInclude(v => v.Items).AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Id == entryId, ct);
        var viewer = await access.ViewerAsync(db, ct);
        if (entry is null || !CatalogueVisibility.CanSee(viewer, entry)) throw new NotFoundException(CatalogueTexts.NotFoundMessage);
        if (entry.ProviderDepartmentId != actor.DepartmentId) throw new AccessDeniedException("只有提供部门的数据专管员可以办理该目录条目。");
        return entry;
    }
}

using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Notifications;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using F = GovDataPortal.Features.Sharing.Grants.GrantFields;

namespace GovDataPortal.Features.Sharing.Grants;

/// <summary>
/// 共享授权 after they exist (issue 10 §1): the lists of the requesting and the providing department, the provider's
/// suspension, resumption and end for misuse with a reason (the data authority is told: shuangpai Art. 25), and the
/// log of each use (longyan Art. 21) that the provider reads (longyan Art. 24). Grants are created by the share-request
/// flow, never here. One context per call; expiry and reminders are in <see cref="GrantJobs"/>.
/// </summary>
public sealed class GrantService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    Notifier notifier,
    AuditLog audit,
    PolicyCatalog policies)
{
    public const int ReasonMaxLength = ShareGrant.ReasonMaxLength;
    public const int UseTextMaxLength = GrantUse.TextMaxLength;

    /// <summary>Whether the actor reviews for a data authority (sees the grants of the departments it supervises).</summary>
    public bool CanSupervise => actor.IsAuthenticated && actor.DepartmentId is not null && actor.IsInRole(PortalRoles.AuthorityReviewer);

    /// <summary>Whether the actor is a 部门审核人 of a department (who suspends, resumes and ends its department's grants).</summary>
    public bool CanChangeOwnGrants => actor.IsAuthenticated && actor.DepartmentId is not null && actor.IsInRole(PortalRoles.DepartmentApprover);

    /// <summary>A page of the grants the actor may see, newest first.</summary>
    public async Task<GrantPage> ListAsync(GrantQuery query, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        var mine = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门，不能查看共享授权。");
        var errors = new ValidationErrors();
        if (query.Page < 1) errors.Add(F.Page, "page 应为从 1 开始的页码。");
        if (query.PageSize is < 1 or > GrantQuery.MaxPageSize) errors.Add(F.PageSize, $"pageSize 应在 1 到 {GrantQuery.MaxPageSize} 之间。");
        errors.ThrowIfInvalid();

        await using var db = await factory.CreateDbContextAsync(ct);
        var grants = db.ShareGrants.AsNoTracking();
        var supervised = CanSupervise ? await GrantAccess.SupervisedAsync(db, mine, ct) : [];
        grants = query.Scope switch
        {
            GrantScope.Using => grants.Where(g => g.RequesterDepartmentId == mine),
            GrantScope.Providing => grants.Where(g => g.ProviderDepartmentId == mine),
            GrantScope.Region when !CanSupervise => throw new AccessDeniedException("只有数据主管部门审核人可以查看本区域的共享授权。"),
            GrantScope.Region => grants.Where(g => supervised.Contains(g.ProviderDepartmentId) || supervised.Contains(g.RequesterDepartmentId)),
            _ => grants.Where(g => g.RequesterDepartmentId == mine || g.ProviderDepartmentId == mine
                || supervised.Contains(g.ProviderDepartmentId) || supervised.Contains(g.RequesterDepartmentId)),
        };
        if (query.EntryId is { } entry) grants = grants.Where(g => g.CatalogueEntryId == entry);
        if (query.DepartmentId is { } d) grants = grants.Where(g => g.RequesterDepartmentId == d || g.ProviderDepartmentId == d);
        if (query.Status is { } s) grants = grants.Where(g => g.Status == s);

        var total = await grants.CountAsync(ct);
        var rows = await Rows(db, grants.OrderByDescending(g => g.Id).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize))
            .ToListAsync(ct);
        return new GrantPage(total, query.Page, query.PageSize, [.. rows.Select(Row)]);
    }

    /// <summary>The grant, or null when it does not exist; another department's grant is refused.</summary>
    public async Task<GrantDetail?> GetAsync(long id, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var grant = await db.ShareGrants.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (grant is null) return null;
        await RequireSeeAsync(db, grant, ct);
        var row = Row(await Rows(db, db.ShareGrants.AsNoTracking().Where(g => g.Id == id)).SingleAsync(ct));
        var rule = await AgreementRuleAsync(db, grant, ct);
        return new GrantDetail(row, grant.Purpose, grant.AgreementReference, grant.CreatedAt, grant.StatusChangedAt, grant.ExpiryReminderSentAt,
            CanChangeStatus: GrantAccess.ActsForProvider(actor, grant), CanRecordUse: GrantAccess.ActsForRequester(actor, grant),
            AgreementNeeded: rule is not null && grant.AgreementReference is null ? $"须由{rule.Signatory}与使用部门签署使用协议并登记协议编号（{rule.Citation}）。" : null,
            CanRecordAgreement: rule is not null && grant.Status is GrantStatus.Active or GrantStatus.Suspended
                && await GrantAccess.SupervisesAsync(db, actor, grant, ct));
    }

    /// <summary>
    /// The data authority that signed the usage agreement records its reference (shuangpai Art. 24 ¶1 item 2, longyan
    /// Art. 12 ¶1); the using department is told. Where the active regulation asks for no agreement there is nothing to record.
    /// </summary>
    public async Task RecordAgreementAsync(long id, string? reference, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var grant = await db.ShareGrants.FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException(GrantTexts.NotFoundMessage);
        if (!await GrantAccess.SupervisesAsync(db, actor, grant, ct)) throw new AccessDeniedException(GrantTexts.AgreementRefused);
        if (await AgreementRuleAsync(db, grant, ct) is null) throw new DomainException("本地规定未要求就该授权签署使用协议，无需登记。");
        grant.RecordAgreement(reference);
        await notifier.ToRoleAsync(db, grant.RequesterDepartmentId, PortalRoles.DepartmentApprover, "使用协议已登记",
            $"“{grant.ResourceName}”的共享授权已登记使用协议：{grant.AgreementReference}。", GrantTexts.Link(grant.Id), null, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(GrantTexts.ChangedMessage);
        }
    }

    /// <summary>
    /// The active regulation's agreement rule for grants the conditional-share flow approved (shuangpai Art. 24 ¶1 item 2,
    /// longyan Art. 12 ¶1); a negotiated 不予共享 grant is filed, not signed (shuangpai Art. 24 ¶1 item 3).
    /// </summary>
    private async Task<UsageAgreementRule?> AgreementRuleAsync(PortalDbContext db, ShareGrant grant, CancellationToken ct)
    {
        if (grant.Basis != GrantBasis.Approved
            || !await db.ShareRequests.AnyAsync(r => r.Id == grant.ShareRequestId && r.Kind == ShareRequestKind.Conditional, ct)) return null;
        return policies.Active.Flows.FirstOrDefault(f => f.Key == FlowKeys.ConditionalShare)?.UsageAgreement;
    }

    /// <summary>The provider's 部门审核人 suspends the grant for misuse (shuangpai Art. 25); a reason is required.</summary>
    public Task SuspendAsync(long id, string? reason, CancellationToken ct = default) =>
        ChangeStatusAsync(id, (g, now, _) => g.Suspend(reason, now), ct);

    /// <summary>The provider's 部门审核人 lifts a suspension (not past the end date).</summary>
    public Task ResumeAsync(long id, CancellationToken ct = default) =>
        ChangeStatusAsync(id, (g, now, today) => g.Resume(now, today), ct);

    /// <summary>The provider's 部门审核人 ends the grant for misuse; final; a reason is required.</summary>
    public Task EndAsync(long id, string? reason, CancellationToken ct = default) =>
        ChangeStatusAsync(id, (g, now, _) => g.End(reason, now), ct);

    /// <summary>
    /// The change, and the messages to the requesting department and to the data authority's reviewers (shuangpai Art. 25:
    /// the provider stops the misuse and reports it to the authority), saved together. The audit interceptor records the
    /// change with its reason.
    /// </summary>
    private async Task ChangeStatusAsync(long id, Action<ShareGrant, DateTimeOffset, DateOnly> change, CancellationToken ct)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var grant = await db.ShareGrants.FirstOrDefaultAsync(g => g.Id == id, ct) ?? throw new NotFoundException(GrantTexts.NotFoundMessage);
        if (!GrantAccess.ActsForProvider(actor, grant)) throw new AccessDeniedException(GrantTexts.ChangeStatusRefused);
        change(grant, clock.GetUtcNow(), ChinaTime.Today(clock));
        await NotifyStatusChangeAsync(db, grant, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(GrantTexts.ChangedMessage);
        }
    }

    private async Task NotifyStatusChangeAsync(PortalDbContext db, ShareGrant grant, CancellationToken ct)
    {
        var names = await DepartmentNamesAsync(db, [grant.ProviderDepartmentId, grant.RequesterDepartmentId], ct);
        var title = GrantTexts.StatusChangeTitle(grant.Status);
        var body = GrantTexts.StatusChangeBody(grant, names.GetValueOrDefault(grant.ProviderDepartmentId, ""),
            names.GetValueOrDefault(grant.RequesterDepartmentId, ""));
        var link = GrantTexts.Link(grant.Id);
        var told = new HashSet<string>();
        foreach (var role in new[] { PortalRoles.DataSpecialist, PortalRoles.DepartmentApprover })
            foreach (var user in await Notifier.UsersInRoleAsync(db, grant.RequesterDepartmentId, role, ct))
                if (told.Add(user)) notifier.ToUser(db, user, title, body, link);
        if (await DataAuthorities.OfDepartmentAsync(db, grant.ProviderDepartmentId, ct) is { } authority)
            foreach (var user in await Notifier.UsersInRoleAsync(db, authority, PortalRoles.AuthorityReviewer, ct))
                if (told.Add(user)) notifier.ToUser(db, user, title, body, link);
    }

    /// <summary>
    /// Records one use reported by the requesting department (longyan Art. 21). Refused with 403 when the grant does not
    /// allow it today (<see cref="ShareGrant.RefusalFor"/>: expired, suspended, ended, operation or items outside it), the
    /// method is not one of the grant's, or the caller's department is not the grant's requester; a refusal is audited.
    /// The grant's row is share-locked while the use is written, so a suspension committed first is always seen and a use
    /// never lands after a suspension that it raced with.
    /// </summary>
    public async Task<RecordedGrantUse> RecordUseAsync(long grantId, RecordGrantUse input, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var grant = await db.ShareGrants.FromSql($"SELECT *, xmin FROM share_grants WHERE \"Id\" = {grantId} FOR SHARE")
            .AsNoTracking().FirstOrDefaultAsync(ct) ?? throw new NotFoundException(GrantTexts.NotFoundMessage);
        if (actor.DepartmentId != grant.RequesterDepartmentId) throw new AccessDeniedException(GrantTexts.OtherDepartmentUse);
        if (!GrantAccess.ActsForRequester(actor, grant)) throw new AccessDeniedException(GrantTexts.RecordUseRefused);

        var items = (input.ItemNames ?? []).Select(InputText.Normalise).OfType<string>().Where(i => i.Length > 0).Distinct().ToList();
        var errors = new ValidationErrors()
            .Require(F.Purpose, input.Purpose, "用途", UseTextMaxLength)
            .Require(F.UserName, input.UserName, "使用人", UseTextMaxLength)
            .Require(F.Approver, input.Approver, "审批人", UseTextMaxLength)
            .Optional(F.Medium, input.Medium, "介质", UseTextMaxLength);
        if (items.Count == 0) errors.Add(F.ItemNames, "请填写本次使用的信息项。");
        if (input.Operation is null) errors.Add(F.Operation, "请填写使用方式（View 查阅、Compare 比对或 Obtain 获取）。");
        else if (!Enum.IsDefined(input.Operation.Value) || input.Operation == ShareOperations.None)
            errors.Add(F.Operation, "每次使用只能登记一种使用方式（View 查阅、Compare 比对或 Obtain 获取）。");
        if (input.Method is not { } method || method == ShareMethods.None || !Enum.IsDefined(method))
            errors.Add(F.Method, "请填写一种共享方式。");
        errors.ThrowIfInvalid();

        var today = ChinaTime.Today(clock);
        var refusal = grant.RefusalFor(today, input.Operation!.Value, items)
            ?? (grant.Methods.HasFlag(input.Method!.Value) ? null : $"该授权不包括共享方式“{GrantTexts.MethodName(input.Method!.Value)}”。");
        if (refusal is not null)
        {
            await tx.RollbackAsync(ct);
            await audit.WriteAsync(AuditActions.AccessRefused, nameof(ShareGrant), Key(grant.Id),
                new { 事项 = "登记共享数据使用", 原因 = refusal }, ct);
            throw new AccessDeniedException(refusal);
        }

        var use = GrantUse.Record(grant, clock.GetUtcNow(), InputText.Normalise(input.Purpose)!, InputText.Normalise(input.UserName)!,
            InputText.Normalise(input.Approver)!, items, input.Operation.Value, input.Method!.Value, InputText.NullIfBlank(input.Medium), actor.UserId!);
        db.GrantUses.Add(use);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RecordedGrantUse(use.Id, use.UsedAt);
    }

    /// <summary>The uses of one grant, newest first (whoever may see the grant).</summary>
    public async Task<GrantUsePage> UsesAsync(long grantId, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var grant = await db.ShareGrants.AsNoTracking().FirstOrDefaultAsync(g => g.Id == grantId, ct)
            ?? throw new NotFoundException(GrantTexts.NotFoundMessage);
        await RequireSeeAsync(db, grant, ct);
        var uses = db.GrantUses.AsNoTracking().Where(u => u.GrantId == grantId);
        var total = await uses.CountAsync(ct);
        var items = await uses.OrderByDescending(u => u.UsedAt).ThenByDescending(u => u.Id)
            .Skip((Math.Max(page, 1) - 1) * Math.Clamp(pageSize, 1, 200)).Take(Math.Clamp(pageSize, 1, 200))
            .Select(u => new GrantUseRow(u.Id, u.GrantId, u.UsedAt, u.Purpose, u.UserName, u.Approver, u.ItemNames, u.Operation, u.Method, u.Medium))
            .ToListAsync(ct);
        return new GrantUsePage(total, items);
    }

    /// <summary>
    /// The usage of the actor's department's data (longyan Art. 24): uses per China calendar month over the last
    /// <paramref name="months"/> months (this one included; months without use count 0), and per grant.
    /// </summary>
    public async Task<ProviderUsage> ProviderUsageAsync(int months = 12, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        var mine = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门，不能查看数据使用情况。");
        months = Math.Clamp(months, 1, 36);
        var today = ChinaTime.Today(clock);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - months);
        var since = ChinaTime.StartOfDay(first);
        await using var db = await factory.CreateDbContextAsync(ct);
        var counted = await db.Database.SqlQuery<MonthCountRow>($"""
            SELECT to_char(u."UsedAt" AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS "Month", count(*)::int AS "Count"
            FROM grant_uses u JOIN share_grants g ON g."Id" = u."GrantId"
            WHERE g."ProviderDepartmentId" = {mine} AND u."UsedAt" >= {since}
            GROUP BY 1
            """).ToDictionaryAsync(r => r.Month, r => r.Count, ct);
        var perMonth = Enumerable.Range(0, months).Select(i => first.AddMonths(i))
            .Select(m => new MonthlyUseCount(m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                counted.GetValueOrDefault(m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();
        var perGrant = await (
            from u in db.GrantUses.AsNoTracking()
            join g in db.ShareGrants.AsNoTracking() on u.GrantId equals g.Id
            where g.ProviderDepartmentId == mine && u.UsedAt >= since
            group u by new { g.Id, g.ResourceName, g.RequesterDepartmentId } into x
            orderby x.Count() descending
            select new { x.Key.Id, x.Key.ResourceName, x.Key.RequesterDepartmentId, Count = x.Count() }).Take(100).ToListAsync(ct);
        var names = await DepartmentNamesAsync(db, [.. perGrant.Select(p => p.RequesterDepartmentId)], ct);
        return new ProviderUsage(first, today, perMonth,
            [.. perGrant.Select(p => new GrantUseCount(p.Id, p.ResourceName, names.GetValueOrDefault(p.RequesterDepartmentId, ""), p.Count))]);
    }

    /// <summary>Another department's grant is refused (403), as every screen and API call refuses another department's data.</summary>
    private async Task RequireSeeAsync(PortalDbContext db, ShareGrant grant, CancellationToken ct)
    {
        if (!await GrantAccess.CanSeeAsync(db, actor, grant, ct)) throw new AccessDeniedException(GrantTexts.OtherDepartmentGrant);
    }

    private sealed record MonthCountRow(string Month, int Count);

    private sealed record RowData(ShareGrant G, string RequesterName, string ProviderName, int Uses);

    private static IQueryable<RowData> Rows(PortalDbContext db, IQueryable<ShareGrant> grants) =>
        grants.Select(g => new RowData(g,
            db.Departments.Where(d => d.Id == g.RequesterDepartmentId).Select(d => d.Name).FirstOrDefault() ?? "",
            db.Departments.Where(d => d.Id == g.ProviderDepartmentId).Select(d => d.Name).FirstOrDefault() ?? "",
            db.GrantUses.Count(u => u.GrantId == g.Id)));

    private static GrantRow Row(RowData r) => new(r.G.Id, r.G.ShareRequestId, r.G.CatalogueEntryId, r.G.ResourceCode, r.G.ResourceName,
        r.G.RequesterDepartmentId, r.RequesterName, r.G.ProviderDepartmentId, r.ProviderName, r.G.Status, SharingTexts.GrantStatusName(r.G.Status),
        r.G.StatusReason, r.G.Basis, r.G.ItemNames, r.G.Operations, r.G.Methods, r.G.StartDate, r.G.EndDate, r.Uses);

    private static Task<Dictionary<int, string>> DepartmentNamesAsync(PortalDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct) =>
        db.Departments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);

    private static string Key(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

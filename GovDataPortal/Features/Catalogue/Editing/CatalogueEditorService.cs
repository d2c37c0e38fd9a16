using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue.Editing;

/// <summary>
/// The catalogue entry form's server side: a 数据专管员 creates entries of their department, saves drafts as they go
/// (a draft may be incomplete, never invalid input), and sees what the full rules (<see cref="CatalogueRules.Validate"/>)
/// still ask before submitting. A published entry changes only through a new version (issue 9 §2). Only the provider's
/// own 数据专管员 edits; a save made over someone else's is refused (row versions). One context per call.
/// </summary>
public sealed class CatalogueEditorService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    PolicyCatalog policies)
{
    public const string ChangedMessage = "该目录条目已被他人修改，请重新打开后再编辑（您的修改尚未保存）。";
    public const string OnlySpecialistMessage = "只有数据专管员可以编制目录。";
    public const string OtherDepartmentMessage = "只有该目录条目所属部门的数据专管员可以修改它。";
    public const string NoDepartmentMessage = "您的账户未归属任何部门，不能编制目录。";

    /// <summary>Whether the actor may compile catalogue entries at all (a 数据专管员 of a department).</summary>
    public bool CanCompile => actor.IsAuthenticated && actor.DepartmentId is not null && actor.IsInRole(PortalRoles.DataSpecialist);

    public static string EditLink(long entryId) => $"catalogue/{entryId}/edit";

    /// <summary>The rules' context under the active regulation, and the classification tree.</summary>
    public async Task<EditorSetup> SetupAsync(CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var classes = await ClassesAsync(db, ct);
        return new EditorSetup(RuleContext(classes), classes);
    }

    private CatalogueRuleContext RuleContext(IReadOnlyList<EditorClass> classes) =>
        new(policies.Active.Jurisdiction, classes.ToDictionary(c => c.Id, c => new ClassNode(c.Id, c.Code, c.Name, c.IsLeaf)));

    private static async Task<IReadOnlyList<EditorClass>> ClassesAsync(PortalDbContext db, CancellationToken ct)
    {
        var rows = await db.ResourceClasses.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Code)
            .Select(c => new { c.Id, c.ParentId, c.Code, c.Name, c.Level }).ToListAsync(ct);
        var parents = rows.Where(r => r.ParentId is not null).Select(r => r.ParentId!.Value).ToHashSet();
        return [.. rows.Select(r => new EditorClass(r.Id, r.ParentId, r.Code, r.Name, r.Level, !parents.Contains(r.Id)))];
    }

    /// <summary>An empty form for a new entry of the actor's department (its provider).</summary>
    public async Task<CatalogueEditorModel> NewAsync(CancellationToken ct = default)
    {
        var department = RequireSpecialist();
        await using var db = await factory.CreateDbContextAsync(ct);
        var provider = await db.Departments.AsNoTracking().Where(d => d.Id == department)
            .Select(d => new { d.Name, d.CreditCode }).SingleAsync(ct);
        return new CatalogueEditorModel(null, department, provider.Name, provider.CreditCode, null, EntryStatus.Draft, 1,
            VersionStatus.Draft, false, null, 0, 0, new CatalogueContent(), [], null);
    }

    /// <summary>
    /// The entry as the form edits it: its draft (new, or returned with the reviewers' comments), or — published and
    /// nothing in progress — the published content as the next version's starting point. A version under review or a
    /// withdrawn entry opens read-only with the reason.
    /// </summary>
    public async Task<CatalogueEditorModel> LoadAsync(long entryId, CancellationToken ct = default)
    {
        RequireSpecialist();
        await using var db = await factory.CreateDbContextAsync(ct);
        var entry = await db.CatalogueEntries.AsNoTracking().AsSplitQuery()
            .Include(e => e.ProviderDepartment).Include(e => e.Versions).ThenInclude(v => v.Items)
            .SingleOrDefaultAsync(e => e.Id == entryId, ct) ?? throw new NotFoundException(CatalogueTexts.NotFoundMessage);
        RequireOwn(entry);
        var latest = entry.LatestVersion;
        var startsNew = latest.Status == VersionStatus.Published && entry.Status == EntryStatus.Published;
        var readOnly = entry.Status == EntryStatus.Withdrawn ? "已撤销的目录条目不能修改。"
            : latest.Status is VersionStatus.DepartmentReview or VersionStatus.AuthorityReview
                ? $"第{latest.Number}版正在审核（{CatalogueTexts.Name(latest.Status)}），审核退回后才能修改。"
            : latest.Status is VersionStatus.Draft || startsNew ? null
            : $"第{latest.Number}版为“{CatalogueTexts.Name(latest.Status)}”，不能修改。";
        var comments = startsNew ? [] : await CommentsAsync(db, latest.Id, ct);
        return new CatalogueEditorModel(entry.Id, entry.ProviderDepartmentId, entry.ProviderDepartment!.Name,
            entry.ProviderDepartment.CreditCode, entry.ResourceCode, entry.Status,
            startsNew ? latest.Number + 1 : latest.Number, startsNew ? VersionStatus.Draft : latest.Status, startsNew,
            entry.PublishedVersionNumber, entry.Version, latest.Version, latest.ToContent(), comments, readOnly);
    }

    /// <summary>The review comments on one version, oldest first, with the reviewers' names.</summary>
    public async Task<IReadOnlyList<EditorComment>> CommentsAsync(long versionId, CancellationToken ct = default)
    {
        RequireSpecialist();
        await using var db = await factory.CreateDbContextAsync(ct);
        var owner = await db.CatalogueVersions.Where(v => v.Id == versionId)
            .Join(db.CatalogueEntries, v => v.EntryId, e => e.Id, (v, e) => (int?)e.ProviderDepartmentId).SingleOrDefaultAsync(ct);
        if (owner is null) throw new NotFoundException(CatalogueTexts.NotFoundMessage);
        if (owner != actor.DepartmentId) throw new AccessDeniedException(OtherDepartmentMessage);
        return await CommentsAsync(db, versionId, ct);
    }

    private static async Task<IReadOnlyList<EditorComment>> CommentsAsync(PortalDbContext db, long versionId, CancellationToken ct) =>
        await db.CatalogueReviewComments.AsNoTracking().Where(c => c.VersionId == versionId).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new EditorComment(c.Field, c.Text, c.StepName,
                db.Users.Where(u => u.Id == c.ByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "审核人", c.At))
            .ToListAsync(ct);

    /// <summary>
    /// Saves the form as a draft: a new entry of the actor's department, the draft in progress, or — the entry published —
    /// the next version (<see cref="CatalogueEntry.StartNewVersion"/>) with the writing applied. Returns what the full rules
    /// still ask (the draft is saved regardless; submitting needs none left).
    /// </summary>
    public async Task<DraftSaveResult> SaveDraftAsync(DraftSaveRequest request, CancellationToken ct = default)
    {
        var department = RequireSpecialist();
        var content = request.Content;
        CatalogueRules.ValidateDraft(content).ThrowIfInvalid();
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        CatalogueEntry entry;
        CatalogueVersion draft;
        if (request.EntryId is not { } entryId)
        {
            entry = CatalogueEntry.Create(department, content, actor.UserId!, now);
            draft = entry.LatestVersion;
            db.CatalogueEntries.Add(entry);
        }
        else
        {
            entry = await db.CatalogueEntries.AsSplitQuery().Include(e => e.Versions).ThenInclude(v => v.Items)
                .SingleOrDefaultAsync(e => e.Id == entryId, ct) ?? throw new NotFoundException(CatalogueTexts.NotFoundMessage);
            RequireOwn(entry);
            // Both rows must still be as the form read them: another save, a submission or a new version in between wins.
            if (entry.Version != request.EntryRowVersion) throw new ConflictException(ChangedMessage);
            db.Entry(entry).Property(e => e.Version).OriginalValue = request.EntryRowVersion;
            if (request.StartsNewVersion)
            {
                if (entry.LatestVersionNumber + 1 != request.VersionNumber) throw new ConflictException(ChangedMessage);
                draft = entry.StartNewVersion(actor.UserId!, now);
            }
            else
            {
                draft = entry.LatestVersion;
                if (draft.Number != request.VersionNumber || draft.Version != request.VersionRowVersion)
                    throw new ConflictException(ChangedMessage);
                db.Entry(draft).Property(v => v.Version).OriginalValue = request.VersionRowVersion;
            }
            draft.Apply(content, now);
            entry.DraftSaved(draft, now);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ChangedMessage);
        }
        var problems = await ProblemsAsync(db, content, entry.Id, ct);
        return new DraftSaveResult(entry.Id, draft.Number, entry.Version, draft.Version, problems.ByField);
    }

    /// <summary>
    /// Every rule of a complete entry (<see cref="CatalogueRules.Validate"/>, as the form shows inline) plus what only the
    /// database knows: that each 关联资源 is a published entry other than this one.
    /// </summary>
    public async Task<ValidationErrors> EvaluateAsync(CatalogueContent content, long? entryId, CancellationToken ct = default)
    {
        RequireSpecialist();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ProblemsAsync(db, content, entryId, ct);
    }

    private async Task<ValidationErrors> ProblemsAsync(PortalDbContext db, CatalogueContent content, long? entryId, CancellationToken ct)
    {
        var errors = CatalogueRules.Validate(content, RuleContext(await ClassesAsync(db, ct)));
        var codes = content.RelatedCodes.Select(InputText.Normalise).Where(c => !string.IsNullOrEmpty(c) && CatalogueRules.ResourceCodePattern().IsMatch(c))
            .Select(c => c!).Distinct().ToList();
        if (codes.Count == 0) return errors;
        var found = await db.CatalogueEntries.AsNoTracking().Where(e => e.ResourceCode != null && codes.Contains(e.ResourceCode))
            .Select(e => new { e.Id, Code = e.ResourceCode!, e.Status }).ToListAsync(ct);
        foreach (var code in codes)
        {
            var hit = found.FirstOrDefault(f => f.Code == code);
            if (hit is null || hit.Status != EntryStatus.Published)
                errors.Add(nameof(content.RelatedCodes), $"关联资源代码“{code}”不是已发布的目录条目，请核对。");
            else if (hit.Id == entryId)
                errors.Add(nameof(content.RelatedCodes), $"关联资源代码“{code}”是本条目自己的代码，不能关联自身。");
        }
        return errors;
    }

    private int RequireSpecialist()
    {
        actor.RequireSignedIn();
        if (!actor.IsInRole(PortalRoles.DataSpecialist)) throw new AccessDeniedException(OnlySpecialistMessage);
        return actor.DepartmentId ?? throw new AccessDeniedException(NoDepartmentMessage);
    }

    /// <summary>An entry is compiled and changed by its provider (for 基础/主题 entries the lead department, shuangpai Art. 17).</summary>
    private void RequireOwn(CatalogueEntry entry)
    {
        if (entry.ProviderDepartmentId != actor.DepartmentId) throw new AccessDeniedException(OtherDepartmentMessage);
    }
}

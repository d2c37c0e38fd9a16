using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue;

/// <summary>A reviewer's comment as the review page and the form show it.</summary>
public sealed record ReviewCommentView(long Id, long VersionId, string? Field, string FieldLabel, string Text, string StepName,
    string ByName, DateTimeOffset At);

/// <summary>One version of the batch: what it is, and what it changes against the published version (if there is one).</summary>
public sealed record ReviewEntryRow(long EntryId, long VersionId, int VersionNumber, string Name, string Provider, VersionStatus Status,
    string StatusName, string? ResourceCode, bool IsBreakingChange, VersionDiff? Changes, IReadOnlyList<ReviewCommentView> Comments)
{
    public bool IsNewVersion => Changes is not null;
}

/// <summary>The open review task of the batch, and whether the viewer may decide it (not when they submitted it).</summary>
public sealed record ReviewTaskView(long TaskId, uint Version, string StepKey, string StepName, bool IsMine, bool MayDecide);

/// <summary>A submission's review page.</summary>
public sealed record CatalogueReviewView(
    long SubmissionId, string Department, string SubmittedBy, DateTimeOffset SubmittedAt, SubmissionStatus Status, DateTimeOffset? ClosedAt,
    int EntryCount, int ReturnedCount, IReadOnlyList<ReviewEntryRow> Entries, ReviewTaskView? OpenTask, SubjectFlowView? Flow)
{
    public string StatusName => Status == SubmissionStatus.Open ? "审核中" : "已结束";
}

/// <summary>One version in an entry's history.</summary>
public sealed record VersionLine(int Number, VersionStatus Status, string StatusName, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt,
    DateTimeOffset? PublishedAt, bool IsBreakingChange);

public sealed partial class CatalogueLifecycleService
{
    /// <summary>
    /// The batch for its review page: the submitting department and, once submitted, the supervising data authority
    /// see it (<see cref="CatalogueVisibility.CanSeeUnpublished"/>); anyone else is refused.
    /// </summary>
    public async Task<CatalogueReviewView> ReviewAsync(long submissionId, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var submission = await db.CatalogueSubmissions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == submissionId, ct)
            ?? throw new NotFoundException("目录提交批次不存在。");
        var viewer = await access.ViewerAsync(db, ct);
        if (!viewer.IsOwn(submission.DepartmentId) && !viewer.Supervises(submission.DepartmentId))
            throw new AccessDeniedException("只有提交部门和主管部门可以查看该目录审核。");

        var entryIds = await db.CatalogueVersions.Where(v => v.SubmissionId == submissionId).Select(v => v.EntryId).ToListAsync(ct);
        var entries = await db.CatalogueEntries.AsNoTracking().Include(e => e.Versions).ThenInclude(v => v.Items)
            .Where(e => entryIds.Contains(e.Id)).AsSplitQuery().ToListAsync(ct);
        var versionIds = entries.SelectMany(e => e.Versions).Where(v => v.SubmissionId == submissionId).Select(v => v.Id).ToList();
        var comments = await CommentsOfAsync(db, versionIds, ct);
        var department = await db.Departments.Where(d => d.Id == submission.DepartmentId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        var submitter = await db.Users.Where(u => u.Id == submission.SubmittedByUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        var context = await RuleContextAsync(db, ct);

        var rows = new List<ReviewEntryRow>();
        foreach (var entry in entries.OrderBy(e => e.Id))
            foreach (var v in entry.Versions.Where(v => v.SubmissionId == submissionId))
            {
                // Against the version published before this one (for a published row: the one it superseded).
                var previous = entry.Versions.Where(p => p.Number < v.Number && p.PublishedAt is not null).MaxBy(p => p.Number);
                var diff = previous is null ? null : CatalogueFieldLabels.Compare(entry.Id, previous, v, context.Jurisdiction, context.Classes);
                rows.Add(new ReviewEntryRow(entry.Id, v.Id, v.Number, NameOf(v), department, v.Status, CatalogueTexts.Name(v.Status),
                    entry.ResourceCode, v.IsBreakingChange, diff, comments.GetValueOrDefault(v.Id, [])));
            }

        var flow = submission.FlowInstanceId is { } instanceId ? await flows.InstanceAsync(db, instanceId, ct) : null;
        var open = flow?.OpenStepTasks.OrderByDescending(t => t.IsMine).FirstOrDefault();
        return new CatalogueReviewView(submission.Id, department, submitter, submission.SubmittedAt, submission.Status, submission.ClosedAt,
            submission.EntryCount, submission.EntryCount - rows.Count, rows,
            open is null ? null : new ReviewTaskView(open.Id, open.Version, open.StepKey, open.StepName, open.IsMine, open.MayDecide), flow);
    }

    /// <summary>The versions of an entry the viewer may read, newest first (unpublished ones only for its department and authority).</summary>
    public async Task<IReadOnlyList<VersionLine>> VersionsAsync(long entryId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (entry, viewer) = await VisibleEntryAsync(db, entryId, items: false, ct);
        var all = CatalogueVisibility.CanSeeUnpublished(viewer, entry);
        return [.. entry.Versions.Where(v => all || IsPublic(v)).OrderByDescending(v => v.Number)
            .Select(v => new VersionLine(v.Number, v.Status, CatalogueTexts.Name(v.Status), v.CreatedAt, v.SubmittedAt, v.PublishedAt, v.IsBreakingChange))];
    }

    /// <summary>
    /// Field-by-field differences from version <paramref name="fromNumber"/> to <paramref name="toNumber"/> of an entry
    /// the viewer may see; versions never published only for those who may see unpublished ones.
    /// </summary>
    public async Task<VersionDiff> DiffAsync(long entryId, int fromNumber, int toNumber, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (entry, viewer) = await VisibleEntryAsync(db, entryId, items: true, ct);
        CatalogueVersion Pick(int number)
        {
            var v = entry.Versions.FirstOrDefault(x => x.Number == number) ?? throw new NotFoundException($"第{number}版不存在。");
            if (!IsPublic(v) && !CatalogueVisibility.CanSeeUnpublished(viewer, entry))
                throw new AccessDeniedException("未发布的版本只有提供部门和主管部门可以查看。");
            return v;
        }
        var from = Pick(fromNumber);
        var to = Pick(toNumber);
        var context = await RuleContextAsync(db, ct);
        return CatalogueFieldLabels.Compare(entry.Id, from, to, context.Jurisdiction, context.Classes);
    }

    /// <summary>The reviewers' comments on the entry's latest version, for the form to show beside the fields.</summary>
    public async Task<IReadOnlyList<ReviewCommentView>> ReviewCommentsAsync(long entryId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (entry, viewer) = await VisibleEntryAsync(db, entryId, items: false, ct);
        if (!CatalogueVisibility.CanSeeUnpublished(viewer, entry)) return [];
        var latest = entry.LatestVersion;
        return (await CommentsOfAsync(db, [latest.Id], ct)).GetValueOrDefault(latest.Id, []);
    }

    private static bool IsPublic(CatalogueVersion v) => v.Status is VersionStatus.Published or VersionStatus.Superseded;

    private async Task<(CatalogueEntry Entry, CatalogueViewer Viewer)> VisibleEntryAsync(PortalDbContext db, long entryId, bool items,
        CancellationToken ct)
    {
        actor.RequireSignedIn();
        var query = db.CatalogueEntries.AsNoTracking().Include(e => e.Versions);
        var entry = await (items ? query.ThenInclude(v => v.Items).AsSplitQuery() : query).FirstOrDefaultAsync(e => e.Id == entryId, ct);
        var viewer = await access.ViewerAsync(db, ct);
        if (entry is null || !CatalogueVisibility.CanSee(viewer, entry)) throw new NotFoundException(CatalogueTexts.NotFoundMessage);
        return (entry, viewer);
    }

    private static async Task<Dictionary<long, IReadOnlyList<ReviewCommentView>>> CommentsOfAsync(PortalDbContext db, IReadOnlyList<long> versionIds,
        CancellationToken ct)
    {
        var rows = await db.CatalogueReviewComments.AsNoTracking().Where(c => versionIds.Contains(c.VersionId)).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.VersionId, c.Field, c.Text, c.StepName, c.At, By = db.Users.Where(u => u.Id == c.ByUserId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.VersionId).ToDictionary(g => g.Key, g => (IReadOnlyList<ReviewCommentView>)[.. g.Select(r =>
            new ReviewCommentView(r.Id, r.VersionId, r.Field, r.Field is null ? "整体意见" : CatalogueFieldLabels.Label(r.Field) ?? r.Field,
                r.Text, r.StepName, r.By ?? "", r.At))]);
    }
}

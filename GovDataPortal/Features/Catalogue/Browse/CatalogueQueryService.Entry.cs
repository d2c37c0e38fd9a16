using System.Globalization;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue;

public sealed partial class CatalogueQueryService
{
    /// <summary>
    /// The entry page's content, or null when there is no such entry or the viewer may not see it (the page and the API
    /// answer both alike, so that a draft's existence is not told to other departments). <paramref name="versionNumber"/>
    /// asks for one version; versions that are not published only for <see cref="CatalogueVisibility.CanSeeUnpublished"/>.
    /// </summary>
    public async Task<CatalogueEntryDetail?> GetAsync(long id, int? versionNumber = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var viewer = await ViewerAsync(db, ct);
        var entry = await db.CatalogueEntries.AsNoTracking().Include(e => e.ProviderDepartment)
            .Include(e => e.Versions).ThenInclude(v => v.Items)
            .AsSplitQuery().FirstOrDefaultAsync(e => e.Id == id, ct);
        return entry is null ? null : await DetailAsync(db, viewer, entry, versionNumber, ct);
    }

    /// <summary>The entry with this 信息资源代码 ("101000000/000001"), as <see cref="GetAsync"/>.</summary>
    public async Task<CatalogueEntryDetail?> GetByCodeAsync(string? resourceCode, CancellationToken ct = default)
    {
        var code = resourceCode?.Trim();
        if (string.IsNullOrEmpty(code) || !CatalogueRules.ResourceCodePattern().IsMatch(code)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var id = await db.CatalogueEntries.Where(e => e.ResourceCode == code).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        return id is { } found ? await GetAsync(found, null, ct) : null;
    }

    private async Task<CatalogueEntryDetail?> DetailAsync(PortalDbContext db, CatalogueViewer viewer, CatalogueEntry entry,
        int? versionNumber, CancellationToken ct)
    {
        if (!CatalogueVisibility.CanSee(viewer, entry)) return null;
        var unpublished = CatalogueVisibility.CanSeeUnpublished(viewer, entry);
        // Published versions (the current and the superseded ones) are everyone's; the others the department's and,
        // once submitted, the authority's.
        var visible = entry.Versions
            .Where(v => unpublished || v.Status is VersionStatus.Published or VersionStatus.Superseded)
            .OrderByDescending(v => v.Number).ToList();
        var shown = versionNumber is { } n
            ? visible.FirstOrDefault(v => v.Number == n)
            : visible.FirstOrDefault(v => v.Number == entry.PublishedVersionNumber) ?? visible.FirstOrDefault();
        if (shown is null) return null;

        var lines = visible.Select(v => new CatalogueVersionLine(v.Number, v.Status, v.CreatedAt, v.UpdatedAt, v.SubmittedAt, v.PublishedAt,
            v.IsBreakingChange, v.Number == entry.PublishedVersionNumber, v.Number == shown.Number)).ToList();
        return new CatalogueEntryDetail(entry, entry.ProviderDepartment?.Name ?? "", entry.ProviderDepartment?.CreditCode ?? "", shown, lines,
            await ClassPathAsync(db, shown.ResourceClassId, ct), await RelatedAsync(db, viewer, shown.RelatedCodes, ct),
            unpublished ? await OpenTasksAsync(db, entry, ct) : [], unpublished);
    }

    /// <summary>The node and its ancestors, 类 first (their codes are the node's code's prefixes).</summary>
    private static async Task<IReadOnlyList<CatalogueClassOption>> ClassPathAsync(PortalDbContext db, int? classId, CancellationToken ct)
    {
        if (classId is null) return [];
        var code = await db.ResourceClasses.Where(c => c.Id == classId).Select(c => c.Code).FirstOrDefaultAsync(ct);
        if (code is null) return [];
        var prefixes = Enumerable.Range(1, code.Length).Select(i => code[..i]).ToList();
        return await db.ResourceClasses.AsNoTracking().Where(c => prefixes.Contains(c.Code)).OrderBy(c => c.Code)
            .Select(c => new CatalogueClassOption(c.Id, c.Code, c.Name, c.Level)).ToListAsync(ct);
    }

    /// <summary>Related entries by code, each linked where the viewer may see it; a code no visible entry carries is listed plain.</summary>
    private static async Task<IReadOnlyList<RelatedEntryLine>> RelatedAsync(PortalDbContext db, CatalogueViewer viewer,
        IReadOnlyList<string> codes, CancellationToken ct)
    {
        if (codes.Count == 0) return [];
        var list = codes.ToList();
        var found = await db.CatalogueEntries.AsNoTracking().Where(CatalogueVisibility.VisibleTo(viewer))
            .Where(e => e.ResourceCode != null && list.Contains(e.ResourceCode))
            .Select(e => new RelatedEntryLine(e.ResourceCode!, e.Id, e.Name, e.ProviderDepartment!.Name, e.Status))
            .ToDictionaryAsync(r => r.ResourceCode, ct);
        return [.. list.Select(c => found.GetValueOrDefault(c) ?? new RelatedEntryLine(c, null, null, null, null))];
    }

    /// <summary>Open step tasks of the review flows of the entry's versions (through <see cref="FlowReader"/>).</summary>
    private async Task<IReadOnlyList<CatalogueOpenTask>> OpenTasksAsync(PortalDbContext db, CatalogueEntry entry, CancellationToken ct)
    {
        var submissions = entry.Versions.Where(v => v.SubmissionId is not null).Select(v => v.SubmissionId!.Value).Distinct().ToList();
        if (submissions.Count == 0) return [];
        var tasks = new List<(SubjectFlowView Flow, FlowTaskView Task)>();
        foreach (var submission in submissions)
            foreach (var flow in await flows.OfSubjectAsync(db, CatalogueTexts.SubjectType, submission.ToString(CultureInfo.InvariantCulture), ct))
                tasks.AddRange(flow.OpenStepTasks.Select(t => (flow, t)));
        if (tasks.Count == 0) return [];
        var departments = tasks.Select(t => t.Task.AssigneeDepartmentId).Distinct().ToList();
        var names = await db.Departments.Where(d => departments.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return [.. tasks.Select(t => new CatalogueOpenTask(t.Flow.FlowName, t.Task.StepName,
            names.GetValueOrDefault(t.Task.AssigneeDepartmentId, ""), t.Task.DueDate, t.Task.RuleText))];
    }
}

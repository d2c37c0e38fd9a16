using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using GovDataPortal.Infrastructure.Excel;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue.Excel;

/// <summary>
/// Excel import of catalogue entries by a department's 数据专管员 (issue 9 §4): a dry run lists every problem and, for rows
/// matching the department's drafts, the fields that would change — writing nothing; the confirmed import runs the same
/// checks again and saves every row as a draft in one transaction, or none.
/// </summary>
public sealed class CatalogueImportService(
    IDbContextFactory<PortalDbContext> factory, CurrentActor actor, PolicyCatalog policies, TimeProvider clock)
{
    /// <summary>Entries saved per round trip inside the one transaction (keeps the change tracker small).</summary>
    internal int SaveChunkSize { get; set; } = 250;

    public bool CanImport => actor.IsInRole(PortalRoles.DataSpecialist) && actor.DepartmentId is not null;

    /// <summary>Checks the file and reports what an import would do. Writes nothing.</summary>
    public async Task<CatalogueImportPreview> DryRunAsync(Stream file, IProgress<CatalogueImportProgress>? progress = null,
        CancellationToken ct = default)
    {
        var department = RequireSpecialist();
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await AnalyseAsync(db, department, file, progress, ct)).Preview;
    }

    /// <summary>
    /// Imports the file: the same checks as the dry run, then — only when there is no error — every row saved as a
    /// draft of the caller's department in one transaction (a new entry, or the department's draft of the same name
    /// updated). Any failure on the way leaves the database as it was.
    /// </summary>
    public async Task<CatalogueImportResult> ImportAsync(Stream file, IProgress<CatalogueImportProgress>? progress = null,
        CancellationToken ct = default)
    {
        var department = RequireSpecialist();
        var userId = actor.UserId!;
        await using var db = await factory.CreateDbContextAsync(ct);
        var analysis = await AnalyseAsync(db, department, file, progress, ct);
        if (!analysis.Preview.CanImport) return new CatalogueImportResult(analysis.Preview, []);

        var now = clock.GetUtcNow();
        var ids = new List<long>(analysis.Entries.Count);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var done = 0;
        foreach (var chunk in analysis.Entries.Chunk(SaveChunkSize))
        {
            var existingIds = chunk.Select(e => analysis.Existing.GetValueOrDefault(e.Row)).OfType<long>().ToList();
            var existing = existingIds.Count == 0 ? []
                : await db.CatalogueEntries.Include(e => e.Versions).ThenInclude(v => v.Items)
                    .Where(e => existingIds.Contains(e.Id)).AsSplitQuery().ToDictionaryAsync(e => e.Id, ct);
            var saved = new List<CatalogueEntry>(chunk.Length);
            foreach (var parsed in chunk)
            {
                try
                {
                    if (analysis.Existing.TryGetValue(parsed.Row, out var id))
                    {
                        var entry = existing[id];
                        if (entry.ProviderDepartmentId != department) throw new AccessDeniedException();
                        var draft = entry.LatestVersion;
                        draft.Apply(parsed.Content, now);
                        entry.DraftSaved(draft, now);
                        saved.Add(entry);
                    }
                    else
                    {
                        var entry = CatalogueEntry.Create(department, parsed.Content, userId, now);
                        db.CatalogueEntries.Add(entry);
                        saved.Add(entry);
                    }
                }
                catch (DomainException e)
                {
                    // A draft submitted or changed since the dry run: nothing of this import is kept.
                    throw new DomainException($"“{CatalogueSheetLayout.EntriesSheet}”第 {parsed.Row} 行：{e.Message} 本次导入未保存任何数据。", e.Field);
                }
            }
            await db.SaveChangesAsync(ct);
            ids.AddRange(saved.Select(e => e.Id));
            db.ChangeTracker.Clear();
            done += chunk.Length;
            progress?.Report(new("保存", done, analysis.Entries.Count));
        }
        await tx.CommitAsync(ct);
        return new CatalogueImportResult(analysis.Preview, ids);
    }

    private int RequireSpecialist()
    {
        actor.RequireRole(PortalRoles.DataSpecialist);
        return actor.DepartmentId ?? throw new AccessDeniedException("您的账号没有所属部门，不能导入目录。");
    }

    private sealed record Analysis(CatalogueImportPreview Preview, IReadOnlyList<ParsedEntry> Entries, IReadOnlyDictionary<int, long> Existing);

    private async Task<Analysis> AnalyseAsync(PortalDbContext db, int department, Stream file,
        IProgress<CatalogueImportProgress>? progress, CancellationToken ct)
    {
        var bytes = await ReadBoundedAsync(file, ct);
        if (bytes is null) return Refused(CatalogueExcelTexts.FileTooLarge(file.CanSeek ? file.Length : CatalogueImportLimits.MaxFileBytes + 1));
        var jurisdiction = policies.ActiveJurisdiction;
        var classes = await CatalogueExcelData.ClassNodesAsync(db, ct);
        var layout = new CatalogueSheetLayout(new CatalogueChoices(jurisdiction), classes);
        var parser = new CatalogueWorkbookParser(layout, new CatalogueRuleContext(jurisdiction, classes.ToDictionary(c => c.Id)));
        progress?.Report(new("读取", 0, 0));
        try
        {
            // Parsing is CPU work on a synchronous reader: off the caller's thread, so a page can show progress meanwhile.
            await Task.Run(() =>
            {
                using var book = XlsxWorkbookReader.Open(new MemoryStream(bytes, writable: false));
                parser.Parse(book, progress);
            }, ct);
        }
        catch (XlsxUnreadableException e)
        {
            return Refused(e.Reason switch
            {
                XlsxUnreadable.MacroEnabled => CatalogueExcelTexts.MacroEnabled,
                XlsxUnreadable.TooLarge => CatalogueExcelTexts.TooLargeUnpacked,
                XlsxUnreadable.Corrupt => CatalogueExcelTexts.Corrupt,
                _ => CatalogueExcelTexts.NotAWorkbook,
            });
        }
        catch (Exception e) when (e is System.Xml.XmlException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException
            or InvalidDataException or InvalidOperationException or FormatException)
        {
            return Refused(CatalogueExcelTexts.Corrupt);
        }

        var problems = parser.Problems.ToList();
        var entries = parser.Entries;
        var existing = await MatchDraftsAsync(db, department, layout, entries, problems, ct);
        var rows = entries.Select(e => new CatalogueImportRow(e.Row, e.Key, InputText.Normalise(e.Content.Name) ?? "", e.Content.Items.Count,
            existing.TryGetValue(e.Row, out var match) ? match.Id : null,
            match is null ? [] : Changes(layout, match.Content, e.Content))).ToList();
        var ordered = problems
            .OrderBy(p => p.Severity)
            .ThenBy(p => p.Sheet switch { null => 0, CatalogueSheetLayout.EntriesSheet => 1, _ => 2 })
            .ThenBy(p => p.Row ?? 0)
            .ThenBy(p => p.Column?.Length ?? 0).ThenBy(p => p.Column, StringComparer.Ordinal)
            .ToList();
        return new Analysis(new CatalogueImportPreview(ordered, rows), entries, existing.ToDictionary(e => e.Key, e => e.Value.Id));

        static Analysis Refused(string message) => new(CatalogueImportPreview.Refused(message), [], new Dictionary<int, long>());
    }

    private sealed record Match(long Id, CatalogueContent Content);

    /// <summary>
    /// The department's drafts with the rows' names (latest version a draft): those rows update them. A name shared by
    /// several drafts cannot be matched (error); a name of an entry under review or published gets a notice that a new
    /// entry will be created beside it.
    /// </summary>
    private static async Task<Dictionary<int, Match>> MatchDraftsAsync(PortalDbContext db, int department, CatalogueSheetLayout layout,
        IReadOnlyList<ParsedEntry> entries, List<CatalogueImportProblem> problems, CancellationToken ct)
    {
        // A name the input rule refuses is an error already, and could not even be sent in a query.
        var byName = entries.Where(e => !string.IsNullOrEmpty(InputText.Normalise(e.Content.Name)) && !InputText.IsRefused(e.Content.Name))
            .GroupBy(e => InputText.Normalise(e.Content.Name)!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var result = new Dictionary<int, Match>();
        if (byName.Count == 0) return result;
        var names = byName.Keys.ToList();
        var found = await (
            from e in db.CatalogueEntries.AsNoTracking()
            where e.ProviderDepartmentId == department
            join v in db.CatalogueVersions.AsNoTracking() on new { EntryId = e.Id, Number = e.LatestVersionNumber } equals new { v.EntryId, v.Number }
            where names.Contains(v.Name)
            select new { EntryId = e.Id, VersionId = v.Id, v.Name, v.Status }).ToListAsync(ct);
        var nameColumn = layout.EntryColumns[0].Header;
        var draftVersionIds = new Dictionary<long, (long EntryId, ParsedEntry Row)>();
        foreach (var group in found.GroupBy(f => f.Name, StringComparer.Ordinal))
        {
            var row = byName[group.Key];
            var drafts = group.Where(f => f.Status == VersionStatus.Draft).ToList();
            if (drafts.Count > 1)
                problems.Add(new(CatalogueSheetLayout.EntriesSheet, row.Row, null, nameColumn,
                    $"本部门有 {drafts.Count} 个名为“{group.Key}”的草稿，无法确定要更新哪一个。请先在门户中将其改名或作废多余的草稿。", ImportSeverity.Error));
            else if (drafts.Count == 1)
                draftVersionIds[drafts[0].VersionId] = (drafts[0].EntryId, row);
            else
                problems.Add(new(CatalogueSheetLayout.EntriesSheet, row.Row, null, nameColumn,
                    $"本部门已有名为“{group.Key}”的目录条目（{CatalogueTexts.Name(group.First().Status)}），导入将另建一个草稿；如要修改该条目，请在门户中新建版本。",
                    ImportSeverity.Notice));
        }
        if (draftVersionIds.Count == 0) return result;
        var versionIds = draftVersionIds.Keys.ToList();
        foreach (var chunk in versionIds.Chunk(1000))
        {
            var versions = await db.CatalogueVersions.AsNoTracking().Include(v => v.Items).Where(v => chunk.Contains(v.Id))
                .AsSplitQuery().ToListAsync(ct);
            foreach (var v in versions)
            {
                var (entryId, row) = draftVersionIds[v.Id];
                result[row.Row] = new Match(entryId, v.ToContent());
            }
        }
        return result;
    }

    /// <summary>The fields whose cells differ, as the sheet writes them; items summarised by name.</summary>
    internal static List<CatalogueFieldChange> Changes(CatalogueSheetLayout layout, CatalogueContent before, CatalogueContent after)
    {
        var changes = new List<CatalogueFieldChange>();
        foreach (var column in layout.EntryColumns)
        {
            string old = Shown(column.Write(before)), now = Shown(column.Write(after));
            if (old != now) changes.Add(new(column.Header, old, now));
        }
        string Line(CatalogueItemContent i) => string.Join("|", layout.ItemColumns.Select(c => Shown(c.Write(i))));
        var oldItems = before.Items.Select(Line).ToList();
        var newItems = after.Items.Select(Line).ToList();
        if (!oldItems.SequenceEqual(newItems))
        {
            var oldNames = before.Items.Select(i => InputText.Normalise(i.Name) ?? "").ToList();
            var newNames = after.Items.Select(i => InputText.Normalise(i.Name) ?? "").ToList();
            var added = newNames.Except(oldNames).ToList();
            var removed = oldNames.Except(newNames).ToList();
            var changed = newNames.Intersect(oldNames)
                .Where(n => oldItems[oldNames.IndexOf(n)] != newItems[newNames.IndexOf(n)]).ToList();
            var parts = new List<string>();
            if (added.Count > 0) parts.Add("新增 " + string.Join("、", added));
            if (removed.Count > 0) parts.Add("删除 " + string.Join("、", removed));
            if (changed.Count > 0) parts.Add("修改 " + string.Join("、", changed));
            if (parts.Count == 0) parts.Add("顺序调整");
            changes.Add(new("信息项", $"{oldItems.Count} 项", $"{newItems.Count} 项（{string.Join("；", parts)}）"));
        }
        return changes;
    }

    private static string Shown(string text) => InputText.Normalise(text) ?? "";

    /// <summary>The upload, or null when it is larger than the limit (read no further than one byte past it).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream file, CancellationToken ct)
    {
        if (file.CanSeek && file.Length - file.Position > CatalogueImportLimits.MaxFileBytes) return null;
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(buffer, ct)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > CatalogueImportLimits.MaxFileBytes) return null;
        }
        return copy.ToArray();
    }
}

/// <summary>What the workbook needs from the database.</summary>
internal static class CatalogueExcelData
{
    /// <summary>Every classification node with whether it is a leaf (has no child).</summary>
    public static async Task<List<ClassNode>> ClassNodesAsync(PortalDbContext db, CancellationToken ct)
    {
        var nodes = await db.ResourceClasses.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Code, c.Name }).ToListAsync(ct);
        var parents = nodes.Where(n => n.ParentId is not null).Select(n => n.ParentId!.Value).ToHashSet();
        return [.. nodes.Select(n => new ClassNode(n.Id, n.Code, n.Name, !parents.Contains(n.Id)))];
    }
}

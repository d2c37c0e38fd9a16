using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using GovDataPortal.Infrastructure.Excel;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue.Excel;

/// <summary>
/// The template download and the export of the current filtered catalogue list (issue 9 §4), in the same workbook
/// layout so an export re-imports. Only entries the viewer may see (<see cref="CatalogueVisibility"/>), each as the list
/// shows it (its shown version: the published one, else the latest).
/// </summary>
public sealed class CatalogueExportService(
    IDbContextFactory<PortalDbContext> factory, CatalogueAccess access, PolicyCatalog policies, AuditLog audit)
{
    /// <summary>Writes the import template (no rows) to <paramref name="output"/>, synchronously.</summary>
    public async Task WriteTemplateAsync(Stream output, CancellationToken ct = default)
    {
        List<ClassNode> classes;
        await using (var db = await factory.CreateDbContextAsync(ct))
            classes = await CatalogueExcelData.ClassNodesAsync(db, ct);
        using var book = new CatalogueWorkbookWriter(output, new CatalogueSheetLayout(new CatalogueChoices(policies.ActiveJurisdiction), classes), export: false);
    }

    /// <summary>
    /// Writes the entries matching <paramref name="filter"/> that the viewer may see (page and sort ignored: the whole
    /// list, in the order their shown versions were made) with their items, streamed from the database into the sheets.
    /// Both queries follow the shown version's id, so the items come off their (VersionId, Ordinal) index in a merge
    /// join, without sorting a million rows. Returns the entry count. Audited.
    /// </summary>
    public async Task<long> ExportAsync(CatalogueFilter filter, Stream output, CancellationToken ct = default)
    {
        long entries, items;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var viewer = await access.ViewerAsync(db, ct);
            var filtered = await CatalogueExportQuery.FilterAsync(db, viewer, filter, ct);
            const long limit = XlsxWriter.MaxRows - 1;
            // One scan for both sizes.
            var size = await filtered.GroupBy(_ => 1).Select(g => new { Entries = g.LongCount(), Items = g.Sum(e => (long)e.ItemCount) })
                .FirstOrDefaultAsync(ct);
            if (size is not null && (size.Entries > limit || size.Items > limit))
                throw new DomainException($"符合条件的目录条目或信息项超过 Excel 单表上限（{limit:N0} 行），请增加筛选条件后分次导出。");

            var classes = await CatalogueExcelData.ClassNodesAsync(db, ct);
            var providers = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
            var layout = new CatalogueSheetLayout(new CatalogueChoices(policies.ActiveJurisdiction), classes);
            using var book = new CatalogueWorkbookWriter(output, layout, export: true);
            var keys = new Dictionary<long, int>();
            await foreach (var row in Rows(db, filtered).AsAsyncEnumerable().WithCancellation(ct))
            {
                var key = keys.Count + 1;
                keys[row.Id] = key;
                var published = row.PublishedAt is { } at ? DateOnly.FromDateTime(at.ToChina().DateTime) : (DateOnly?)null;
                book.WriteEntry(key, row.Content, new CatalogueExportInfo(row.ResourceCode, providers.GetValueOrDefault(row.ProviderDepartmentId, ""),
                    CatalogueTexts.Name(row.Status), row.VersionNumber, published));
            }
            await foreach (var item in Items(db, filtered).AsAsyncEnumerable().WithCancellation(ct))
                if (keys.TryGetValue(item.EntryId, out var key)) book.WriteItem(key, item.Item);
            entries = book.EntryCount;
            items = book.ItemCount;
        }
        await audit.WriteAsync(AuditActions.Export, "CatalogueEntry", null,
            new { 筛选条件 = CatalogueExportQuery.Describe(filter), 目录条目数 = entries, 信息项数 = items }, ct);
        return entries;
    }

    private sealed record EntryRow(long Id, string? ResourceCode, int ProviderDepartmentId, EntryStatus Status, int VersionNumber,
        DateTimeOffset? PublishedAt, CatalogueContent Content);

    private sealed record ItemRow(long EntryId, CatalogueItemContent Item);

    private static IQueryable<EntryRow> Rows(PortalDbContext db, IQueryable<CatalogueEntry> filtered) =>
        from e in filtered
        join v in db.CatalogueVersions on new { EntryId = e.Id, Number = e.ShownVersionNumber } equals new { v.EntryId, v.Number }
        orderby v.Id
        select new EntryRow(e.Id, e.ResourceCode, e.ProviderDepartmentId, e.Status, v.Number, v.PublishedAt, new CatalogueContent
        {
            Name = v.Name, Summary = v.Summary, CatalogueType = v.CatalogueType, ResourceClassId = v.ResourceClassId,
            SourceSystem = v.SourceSystem, ReferenceStandard = v.ReferenceStandard, CollectionBasis = v.CollectionBasis,
            Format = v.Format, FormatDetail = v.FormatDetail, DataSubjects = v.DataSubjects,
            ShareType = v.ShareType, ShareConditionKinds = v.ShareConditionKinds, ShareNamedDepartments = v.ShareNamedDepartments,
            ShareConditions = v.ShareConditions, ShareMethods = v.ShareMethods, ShareOperations = v.ShareOperations,
            ShareBasis = v.ShareBasis, OpenType = v.OpenType, OpenConditions = v.OpenConditions, OpenBasis = v.OpenBasis,
            Deidentified = v.Deidentified, DeidentificationMethod = v.DeidentificationMethod, UpdateCycle = v.UpdateCycle,
            SecurityLevel = v.SecurityLevel, RelatedCodes = v.RelatedCodes, RecordCount = v.RecordCount,
        });

    private static IQueryable<ItemRow> Items(PortalDbContext db, IQueryable<CatalogueEntry> filtered) =>
        from e in filtered
        join v in db.CatalogueVersions on new { EntryId = e.Id, Number = e.ShownVersionNumber } equals new { v.EntryId, v.Number }
        join i in db.CatalogueItems on v.Id equals i.VersionId
        orderby v.Id, i.Ordinal
        select new ItemRow(e.Id, new CatalogueItemContent
        {
            Name = i.Name, DataType = i.DataType, Length = i.Length, Sensitivity = i.Sensitivity, Description = i.Description,
        });
}

/// <summary>
/// The list's filter over <see cref="CatalogueEntry"/> (the same semantics as the catalogue list): visibility first,
/// then each set condition; the keyword through the gram index (<see cref="CatalogueSearchText.KeywordGrams"/>) and an
/// exact substring test on the name, summary and item names.
/// </summary>
public static class CatalogueExportQuery
{
    /// <remarks>The list's own filter (<see cref="CatalogueQueryService"/>): one place decides what a filter matches.</remarks>
    public static Task<IQueryable<CatalogueEntry>> FilterAsync(PortalDbContext db, CatalogueViewer viewer, CatalogueFilter f,
        CancellationToken ct) => Task.FromResult(CatalogueQueryService.Matching(db, f, viewer));

    /// <summary>The set conditions in Chinese, for the audit record.</summary>
    public static Dictionary<string, string> Describe(CatalogueFilter f)
    {
        var d = new Dictionary<string, string>();
        if (InputText.Term(f.Keyword) is { } k) d["关键词"] = k;
        if (f.ProviderDepartmentId is { } p) d["提供部门编号"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (f.ResourceClassId is { } c) d["分类编号"] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (f.CatalogueType is { } t) d["目录类型"] = CatalogueTexts.Name(t);
        if (f.ShareType is { } s) d["共享类型"] = s.ToString();
        if (f.OpenType is { } o) d["开放类型"] = o.ToString();
        if (f.UpdateCycle is { } u) d["更新周期"] = CatalogueTexts.Name(u);
        if (f.Status is { } st) d["状态"] = CatalogueTexts.Name(st);
        if (f.SecurityLevel is { } l) d["安全级别"] = CatalogueTexts.Name(l);
        return d;
    }
}

using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure.Excel;

namespace GovDataPortal.Features.Catalogue.Excel;

/// <summary>What the export adds to an entry row for the reader (ignored by the import).</summary>
public sealed record CatalogueExportInfo(string? ResourceCode, string Provider, string Status, int VersionNumber, DateOnly? PublishedOn);

/// <summary>
/// Writes the catalogue workbook — the template (no rows) and the export (rows streamed in) share it, so an export
/// re-imports: 填写说明, 目录条目, 信息项, 信息资源分类 (the leaves, for the classification drop-down) and a hidden
/// 下拉选项 sheet the enumerated columns' drop-downs read. Sheets are written in that order, rows as they come.
/// </summary>
public sealed class CatalogueWorkbookWriter : IDisposable
{
    private readonly XlsxWorkbookWriter _book;
    private readonly CatalogueSheetLayout _layout;
    private readonly bool _export;
    private readonly object?[] _entryRow;
    private readonly object?[] _itemRow;
    private XlsxSheetWriter? _entries;
    private XlsxSheetWriter? _items;
    private bool _finished;

    public CatalogueWorkbookWriter(Stream output, CatalogueSheetLayout layout, bool export)
    {
        _layout = layout;
        _export = export;
        _entryRow = new object?[1 + layout.EntryColumns.Count + (export ? CatalogueSheetLayout.ExportOnlyHeaders.Count : 0)];
        _itemRow = new object?[1 + layout.ItemColumns.Count];
        _book = XlsxWorkbookWriter.Create(output);
        WriteInstructions();
    }

    public long EntryCount => _entries?.RowCount ?? 0;
    public long ItemCount => _items?.RowCount ?? 0;

    /// <summary>One entry row; <paramref name="key"/> is its 行号, which its items name.</summary>
    public void WriteEntry(int key, CatalogueContent content, CatalogueExportInfo? info = null)
    {
        if (_items is not null) throw new InvalidOperationException("Entries come before items.");
        _entries ??= StartEntries();
        _entryRow[0] = key;
        var columns = _layout.EntryColumns;
        for (var i = 0; i < columns.Count; i++) _entryRow[i + 1] = columns[i].Write(content);
        if (_export && info is not null)
        {
            var at = columns.Count + 1;
            _entryRow[at] = info.ResourceCode;
            _entryRow[at + 1] = info.Provider;
            _entryRow[at + 2] = info.Status;
            _entryRow[at + 3] = info.VersionNumber;
            _entryRow[at + 4] = info.PublishedOn;
        }
        _entries.WriteRow(_entryRow);
    }

    /// <summary>One item row under the entry whose 行号 is <paramref name="entryKey"/>.</summary>
    public void WriteItem(int entryKey, CatalogueItemContent item)
    {
        _items ??= StartItems();
        _itemRow[0] = entryKey;
        var columns = _layout.ItemColumns;
        for (var i = 0; i < columns.Count; i++) _itemRow[i + 1] = columns[i].Write(item);
        _items.WriteRow(_itemRow);
    }

    public void Dispose()
    {
        if (_finished) return;
        _finished = true;
        _entries ??= StartEntries();
        _items ??= StartItems();
        FinishItems();
        WriteClasses();
        WriteChoices();
        _book.Dispose();
    }

    private void WriteInstructions()
    {
        var sheet = _book.AddSheet(CatalogueSheetLayout.InstructionsSheet, [new XlsxColumn("政务信息资源目录批量导入模板 · 填写说明", 120)],
            new XlsxSheetOptions { WrapText = true, FreezeHeader = false });
        foreach (var line in CatalogueExcelTexts.Instructions(_layout, _export)) sheet.WriteRow(line);
    }

    private XlsxSheetWriter StartEntries()
    {
        var headers = new List<XlsxColumn> { new(CatalogueSheetLayout.EntryKeyHeader, 8) };
        headers.AddRange(_layout.EntryColumns.Select(c => new XlsxColumn(c.Header, c.Width)));
        if (_export) headers.AddRange(CatalogueSheetLayout.ExportOnlyHeaders.Select(h => new XlsxColumn(h, 18)));
        return _book.AddSheet(CatalogueSheetLayout.EntriesSheet, headers);
    }

    private XlsxSheetWriter StartItems()
    {
        FinishEntries();
        var headers = new List<XlsxColumn> { new(CatalogueSheetLayout.ItemEntryKeyHeader, 10) };
        headers.AddRange(_layout.ItemColumns.Select(c => new XlsxColumn(c.Header, c.Width)));
        return _book.AddSheet(CatalogueSheetLayout.ItemsSheet, headers);
    }

    // Drop-downs cover at least the rows an import accepts, and every written row.
    private void FinishEntries()
    {
        var last = (uint)Math.Max(_entries!.RowCount, CatalogueImportLimits.MaxEntries) + 1;
        AddValidations(_entries, _layout.EntryColumns, last);
    }

    private void FinishItems()
    {
        var last = (uint)Math.Max(_items!.RowCount, CatalogueImportLimits.MaxItems) + 1;
        AddValidations(_items, _layout.ItemColumns, last);
    }

    private void AddValidations<T>(XlsxSheetWriter sheet, IReadOnlyList<CatalogueColumn<T>> columns, uint lastRow)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (column.Choice is { } choice)
            {
                var index = ChoiceIndex(choice);
                var count = choice.Names.Count + (column.ExtraChoices?.Count ?? 0);
                var letter = XlsxWriter.ColumnName(index);
                sheet.AddListValidation(new XlsxListValidation(i + 1, 2, lastRow,
                    $"'{CatalogueSheetLayout.ChoicesSheet}'!${letter}$2:${letter}${count + 1}", Strict: !choice.Multi, column.Prompt));
            }
            else if (column.Field == nameof(CatalogueContent.ResourceClassId))
                sheet.AddListValidation(new XlsxListValidation(i + 1, 2, lastRow,
                    $"'{CatalogueSheetLayout.ClassesSheet}'!$C$2:$C${_layout.Leaves.Count + 1}", Strict: false, column.Prompt));
        }
    }

    private IEnumerable<(ICatalogueChoice Choice, IReadOnlyList<string> Names)> ChoiceLists() =>
        _layout.EntryColumns.Where(c => c.Choice is not null).Select(c => (c.Choice!, (IReadOnlyList<string>)[.. c.Choice!.Names, .. c.ExtraChoices ?? []]))
            .Concat(_layout.ItemColumns.Where(c => c.Choice is not null).Select(c => (c.Choice!, c.Choice!.Names)));

    private int ChoiceIndex(ICatalogueChoice choice) => ChoiceLists().Select(l => l.Choice).ToList().IndexOf(choice);

    private void WriteClasses()
    {
        var sheet = _book.AddSheet(CatalogueSheetLayout.ClassesSheet,
            [new XlsxColumn("分类代码", 12), new XlsxColumn("分类名称", 28), new XlsxColumn("下拉选项（代码 名称）", 36), new XlsxColumn("所属", 40)]);
        var byCode = _layout.Classes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        foreach (var leaf in _layout.Leaves)
        {
            // The path above the leaf: "基础信息资源 / 人口信息资源" for a 目, from the codes' prefixes.
            var path = string.Join(" / ", Enumerable.Range(1, leaf.Code.Length - 1).Select(n => leaf.Code[..n])
                .Where(byCode.ContainsKey).Select(code => byCode[code].Name));
            sheet.WriteRow(leaf.Code, leaf.Name, _layout.ClassLabels[leaf.Id], path);
        }
    }

    private void WriteChoices()
    {
        var lists = ChoiceLists().ToList();
        var sheet = _book.AddSheet(CatalogueSheetLayout.ChoicesSheet, [.. lists.Select(l => new XlsxColumn(l.Choice.Title, 24))],
            new XlsxSheetOptions { Hidden = true });
        var rows = lists.Max(l => l.Names.Count);
        var row = new object?[lists.Count];
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < lists.Count; i++) row[i] = r < lists[i].Names.Count ? lists[i].Names[r] : null;
            sheet.WriteRow(row);
        }
    }
}

/// <summary>What one import accepts (issue 9 §4).</summary>
public static class CatalogueImportLimits
{
    public const long MaxFileBytes = 10L * 1024 * 1024;
    public const int MaxEntries = 5_000;
    public const int MaxItems = 100_000;
}

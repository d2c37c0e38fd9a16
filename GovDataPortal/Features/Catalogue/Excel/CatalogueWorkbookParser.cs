using GovDataPortal.Infrastructure;
using GovDataPortal.Infrastructure.Excel;

namespace GovDataPortal.Features.Catalogue.Excel;

/// <summary>An entry row as read: its 行号, the content it fills, and the sheet rows of its items (to place the rules' messages).</summary>
public sealed class ParsedEntry(int row, int key, CatalogueContent content)
{
    public int Row { get; } = row;
    public int Key { get; } = key;
    public CatalogueContent Content { get; } = content;
    public List<int> ItemRows { get; } = [];
    public bool HasError { get; set; }
}

/// <summary>
/// Reads the 目录条目 and 信息项 sheets into <see cref="CatalogueContent"/>s, collecting every problem at its (sheet,
/// row, column) instead of stopping at the first: cells that cannot be understood (unknown choice, not a whole number,
/// unknown classification code, formula), keys (missing, duplicate, an item whose entry does not exist), the name (the
/// one field a draft requires, unique within the file), the limits, and the draft rule (control characters, lengths:
/// <see cref="CatalogueRules.ValidateDraft"/>) — all errors. Then the full rules (<see cref="CatalogueRules.Validate"/>)
/// as 提交前须修正 notes. Pure: no database.
/// </summary>
public sealed class CatalogueWorkbookParser(CatalogueSheetLayout layout, CatalogueRuleContext rules)
{
    private readonly List<CatalogueImportProblem> _problems = [];
    private readonly List<ParsedEntry> _entries = [];
    private readonly Dictionary<int, ParsedEntry> _byKey = [];
    private int[] _entryColumns = [];
    private int[] _itemColumns = [];

    public IReadOnlyList<CatalogueImportProblem> Problems => _problems;
    public IReadOnlyList<ParsedEntry> Entries => _entries;

    public void Parse(XlsxWorkbookReader book, IProgress<CatalogueImportProgress>? progress = null)
    {
        if (!book.HasSheet(CatalogueSheetLayout.EntriesSheet))
        {
            FileProblem($"文件中没有“{CatalogueSheetLayout.EntriesSheet}”工作表。请使用门户提供的导入模板（工作表名称不要修改）。");
            return;
        }
        ReadEntries(book, progress);
        if (book.HasSheet(CatalogueSheetLayout.ItemsSheet)) ReadItems(book, progress);
        var done = 0;
        foreach (var entry in _entries)
        {
            Judge(entry);
            if (++done % 500 == 0) progress?.Report(new("校验", done, _entries.Count));
        }
        progress?.Report(new("校验", _entries.Count, _entries.Count));
    }

    private void ReadEntries(XlsxWorkbookReader book, IProgress<CatalogueImportProgress>? progress)
    {
        const string sheet = CatalogueSheetLayout.EntriesSheet;
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyRows = new Dictionary<int, int>();
        var header = true;
        var keyColumn = -1;
        foreach (var row in book.Rows(sheet))
        {
            if (header)
            {
                header = false;
                var columns = Headers(sheet, row, [CatalogueSheetLayout.EntryKeyHeader, .. layout.EntryColumns.Select(c => c.Header)],
                    [CatalogueSheetLayout.EntryKeyHeader, layout.EntryColumns[0].Header]);
                if (columns is null) return;
                keyColumn = columns[0];
                _entryColumns = columns[1..];
                continue;
            }
            if (row.IsBlank) continue;
            if (_entries.Count >= CatalogueImportLimits.MaxEntries)
            {
                Problem(sheet, row.Number, null, null, CatalogueExcelTexts.TooManyEntries(row.Number));
                return;
            }
            var formulas = Formulas(sheet, row);
            var key = ReadKey(sheet, row, keyColumn, CatalogueSheetLayout.EntryKeyHeader, formulas);
            var entry = new ParsedEntry(row.Number, key ?? 0, new CatalogueContent());
            if (key is { } k && !keyRows.TryAdd(k, row.Number))
            {
                Problem(sheet, row.Number, keyColumn, CatalogueSheetLayout.EntryKeyHeader, $"行号 {k} 与第 {keyRows[k]} 行重复，行号在本工作表中不得重复。");
                entry.HasError = true;
            }
            else if (key is null) entry.HasError = true;
            entry.HasError |= ReadCells(sheet, row, layout.EntryColumns, _entryColumns, entry.Content, formulas);
            var name = InputText.Normalise(entry.Content.Name);
            if (string.IsNullOrEmpty(name) && !formulas.Contains(_entryColumns[0]) && !InputText.IsRefused(entry.Content.Name))
            {
                Problem(sheet, row.Number, _entryColumns[0], layout.EntryColumns[0].Header, "请填写信息资源名称（导入为草稿时的必填项）。");
                entry.HasError = true;
            }
            else if (!string.IsNullOrEmpty(name) && !InputText.IsRefused(name) && !names.TryAdd(name, row.Number))
            {
                Problem(sheet, row.Number, _entryColumns[0], layout.EntryColumns[0].Header,
                    $"信息资源名称“{name}”与第 {names[name]} 行重复，同一文件中名称不得重复。");
                entry.HasError = true;
            }
            _entries.Add(entry);
            if (key is { } kk && !_byKey.ContainsKey(kk)) _byKey[kk] = entry;
            if (_entries.Count % 500 == 0) progress?.Report(new("读取", _entries.Count, 0));
        }
        if (header) Problem(sheet, 1, null, null, "工作表没有表头。请使用门户提供的导入模板。");
    }

    private void ReadItems(XlsxWorkbookReader book, IProgress<CatalogueImportProgress>? progress)
    {
        const string sheet = CatalogueSheetLayout.ItemsSheet;
        var header = true;
        var keyColumn = -1;
        var count = 0;
        foreach (var row in book.Rows(sheet))
        {
            if (header)
            {
                header = false;
                var columns = Headers(sheet, row, [CatalogueSheetLayout.ItemEntryKeyHeader, .. layout.ItemColumns.Select(c => c.Header)],
                    [CatalogueSheetLayout.ItemEntryKeyHeader, layout.ItemColumns[0].Header]);
                if (columns is null) return;
                keyColumn = columns[0];
                _itemColumns = columns[1..];
                continue;
            }
            if (row.IsBlank) continue;
            if (count >= CatalogueImportLimits.MaxItems)
            {
                Problem(sheet, row.Number, null, null, CatalogueExcelTexts.TooManyItems(row.Number));
                return;
            }
            count++;
            var formulas = Formulas(sheet, row);
            var key = ReadKey(sheet, row, keyColumn, CatalogueSheetLayout.ItemEntryKeyHeader, formulas);
            var item = new CatalogueItemContent();
            var bad = ReadCells(sheet, row, layout.ItemColumns, _itemColumns, item, formulas);
            if (key is not { } k) continue;
            if (!_byKey.TryGetValue(k, out var entry))
            {
                Problem(sheet, row.Number, keyColumn, CatalogueSheetLayout.ItemEntryKeyHeader,
                    $"条目行号 {k} 在“{CatalogueSheetLayout.EntriesSheet}”工作表中不存在，信息项须属于一个目录条目。");
                continue;
            }
            entry.Content.Items.Add(item);
            entry.ItemRows.Add(row.Number);
            entry.HasError |= bad;
            if (count % 5000 == 0) progress?.Report(new("读取信息项", count, 0));
        }
    }

    /// <summary>Column of each expected header (-1 when absent), or null when a required one is missing (reported).</summary>
    private int[]? Headers(string sheet, XlsxRow row, IReadOnlyList<string> expected, IReadOnlyList<string> required)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < row.Cells.Length; c++)
        {
            var key = CatalogueSheetLayout.HeaderKey(row.Cells[c]);
            if (key.Length == 0) continue;
            if (!found.TryAdd(key, c))
                Problem(sheet, row.Number, c, row.Cells[c].Trim(), $"表头“{row.Cells[c].Trim()}”出现了两次（另见 {XlsxWriter.ColumnName(found[key])} 列），请删除多余的一列。");
        }
        var columns = expected.Select(h => found.TryGetValue(CatalogueSheetLayout.HeaderKey(h), out var c) ? c : -1).ToArray();
        var missing = required.Where(h => !found.ContainsKey(CatalogueSheetLayout.HeaderKey(h))).ToList();
        foreach (var h in missing)
            Problem(sheet, row.Number, null, null, $"缺少“{h}”列。请使用门户提供的导入模板，不要修改表头。");
        return missing.Count > 0 ? null : columns;
    }

    private HashSet<int> Formulas(string sheet, XlsxRow row)
    {
        foreach (var c in row.FormulaColumns)
            Problem(sheet, row.Number, c, null, CatalogueExcelTexts.Formula($"{sheet}!{XlsxWriter.ColumnName(c)}{row.Number}"));
        return [.. row.FormulaColumns];
    }

    private int? ReadKey(string sheet, XlsxRow row, int column, string header, HashSet<int> formulas)
    {
        if (formulas.Contains(column)) return null;
        var text = row[column];
        if (InputText.IsBlank(text))
        {
            Problem(sheet, row.Number, column, header, $"请填写{header}（正整数）。");
            return null;
        }
        if (InputText.IsRefused(text))
        {
            Problem(sheet, row.Number, column, header, header + InputText.RefusedMessage);
            return null;
        }
        if (!CatalogueCells.TryInteger(text, header, 1, int.MaxValue, out var key, out var problem))
        {
            Problem(sheet, row.Number, column, header, problem!);
            return null;
        }
        return (int)key;
    }

    /// <summary>Fills <paramref name="target"/> from the row; true when a cell could not be understood (reported).</summary>
    private bool ReadCells<T>(string sheet, XlsxRow row, IReadOnlyList<CatalogueColumn<T>> columns, int[] at, T target, HashSet<int> formulas)
    {
        var bad = false;
        for (var i = 0; i < columns.Count; i++)
        {
            var c = at[i];
            if (c < 0 || formulas.Contains(c)) continue;
            var text = row[c];
            var column = columns[i];
            if (column.IsText)
            {
                // Kept as typed: the draft rule reports control characters and lengths in the form's words.
                column.Read(target, text);
                continue;
            }
            if (InputText.IsBlank(text)) continue;
            if (InputText.IsRefused(text))
            {
                Problem(sheet, row.Number, c, column.Header, column.Header + InputText.RefusedMessage);
                bad = true;
                continue;
            }
            if (column.Read(target, text) is { } problem)
            {
                Problem(sheet, row.Number, c, column.Header, problem);
                bad = true;
            }
        }
        return bad;
    }

    /// <summary>The draft rule as errors, then (for an entry without errors) the full rules as notes, each at its cell.</summary>
    private void Judge(ParsedEntry entry)
    {
        var draft = CatalogueRules.ValidateDraft(entry.Content);
        Place(entry, draft, ImportSeverity.Error);
        if (!draft.IsValid) entry.HasError = true;
        if (entry.HasError) return;
        var full = CatalogueRules.Validate(entry.Content, rules);
        Place(entry, full, ImportSeverity.BeforeSubmit);
    }

    private void Place(ParsedEntry entry, ValidationErrors errors, ImportSeverity severity)
    {
        foreach (var (field, messages) in errors.ByField)
            foreach (var message in messages.Distinct())
            {
                var (sheet, row, column, header) = Locate(entry, field);
                Problem(sheet, row, column, header, message, severity);
            }
    }

    private (string Sheet, int Row, int? Column, string? Header) Locate(ParsedEntry entry, string field)
    {
        // "Items[3].Name" → the fourth item's row on the items sheet, its column.
        if (field.StartsWith("Items[", StringComparison.Ordinal) && field.IndexOf(']') is var close and > 6
            && int.TryParse(field.AsSpan(6, close - 6), out var index) && index < entry.ItemRows.Count)
        {
            var property = field[(close + 2)..];
            var i = layout.ItemColumns.ToList().FindIndex(c => c.Field == property);
            return (CatalogueSheetLayout.ItemsSheet, entry.ItemRows[index], i >= 0 && _itemColumns[i] >= 0 ? _itemColumns[i] : null,
                i >= 0 ? layout.ItemColumns[i].Header : null);
        }
        var j = layout.EntryColumns.ToList().FindIndex(c => c.Field == field);
        return (CatalogueSheetLayout.EntriesSheet, entry.Row, j >= 0 && _entryColumns[j] >= 0 ? _entryColumns[j] : null,
            j >= 0 ? layout.EntryColumns[j].Header : null);
    }

    private void FileProblem(string message) => _problems.Add(new(null, null, null, null, message, ImportSeverity.Error));

    private void Problem(string sheet, int? row, int? column, string? header, string message, ImportSeverity severity = ImportSeverity.Error) =>
        _problems.Add(new(sheet, row, column is { } c ? XlsxWriter.ColumnName(c) : null, header, message, severity));
}

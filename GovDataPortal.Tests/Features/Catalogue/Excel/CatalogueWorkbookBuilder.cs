using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GovDataPortal.Features.Catalogue.Excel;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure.Excel;

namespace GovDataPortal.Tests.Features.Catalogue.Excel;

/// <summary>
/// Builds import workbooks in code (the corpus of good and bad files; no binaries in the repository). Rows are
/// header → text; a value may be a marker the builder turns into what a typed value cannot express:
/// <c>{{formula:SUM(1,2)}}</c> a formula cell, <c>{{date:45292}}</c> a number in a date format, <c>{{raw:_x0000_}}</c>
/// text stored exactly as given (an escaped control character).
/// </summary>
public sealed class CatalogueWorkbookBuilder
{
    private static readonly CatalogueSheetLayout Layout = new(new CatalogueChoices(Jurisdiction.Shuangpai), []);
    public static readonly IReadOnlyList<string> EntryHeaders = [CatalogueSheetLayout.EntryKeyHeader, .. Layout.EntryColumns.Select(c => c.Header)];
    public static readonly IReadOnlyList<string> ItemHeaders = [CatalogueSheetLayout.ItemEntryKeyHeader, .. Layout.ItemColumns.Select(c => c.Header)];

    private readonly List<Dictionary<string, string>> _entries = [];
    private readonly List<Dictionary<string, string>> _items = [];
    private IReadOnlyList<string> _entryHeaders = EntryHeaders;
    private IReadOnlyList<string> _itemHeaders = ItemHeaders;
    private string _entriesSheet = CatalogueSheetLayout.EntriesSheet;

    /// <summary>A complete entry (no rule broken) with <paramref name="key"/>, overridden by <paramref name="fields"/>.</summary>
    public static Dictionary<string, string> GoodEntry(int key, string name, params (string Header, string Value)[] fields)
    {
        var row = new Dictionary<string, string>
        {
            ["行号"] = key.ToString(), ["信息资源名称"] = name, ["信息资源摘要"] = $"{name}的摘要。", ["目录类型"] = "基础信息资源目录",
            ["信息资源分类"] = "101 人口信息资源", ["信息资源格式"] = "数据库", ["具体格式"] = "PostgreSQL", ["来源信息系统"] = "人口管理系统",
            ["数据主体"] = "自然人", ["共享类型"] = "有条件共享", ["共享条件"] = "仅限查阅", ["共享方式"] = "共享平台方式（接口调用）",
            ["允许的操作"] = "查阅", ["法律法规依据"] = "《中华人民共和国居民身份证法》第十三条", ["开放类型"] = "不予开放",
            ["不予开放依据"] = "涉及个人信息", ["更新周期"] = "每日", ["安全级别"] = "三级（敏感）", ["数据量（条）"] = "1000",
        };
        foreach (var (h, v) in fields) row[h] = v;
        return row;
    }

    public static Dictionary<string, string> GoodItem(int key, string name, params (string Header, string Value)[] fields)
    {
        var row = new Dictionary<string, string>
        {
            ["条目行号"] = key.ToString(), ["信息项名称"] = name, ["数据类型"] = "字符型C", ["数据长度"] = "18", ["敏感类别"] = "个人信息",
            ["描述"] = name + "（按国家标准）",
        };
        foreach (var (h, v) in fields) row[h] = v;
        return row;
    }

    /// <summary>A good entry with its key item 公民身份号码 (and 姓名).</summary>
    public CatalogueWorkbookBuilder WithGoodEntry(int key, string name, params (string Header, string Value)[] fields)
    {
        _entries.Add(GoodEntry(key, name, fields));
        _items.Add(GoodItem(key, "公民身份号码"));
        _items.Add(GoodItem(key, "姓名", ("数据长度", "50")));
        return this;
    }

    public CatalogueWorkbookBuilder Entry(Dictionary<string, string> row)
    {
        _entries.Add(row);
        return this;
    }

    public CatalogueWorkbookBuilder Item(Dictionary<string, string> row)
    {
        _items.Add(row);
        return this;
    }

    public CatalogueWorkbookBuilder EntryHeadersAre(params string[] headers)
    {
        _entryHeaders = headers;
        return this;
    }

    public CatalogueWorkbookBuilder EntriesSheetNamed(string name)
    {
        _entriesSheet = name;
        return this;
    }

    public byte[] Build()
    {
        using var output = new MemoryStream();
        using (var book = XlsxWorkbookWriter.Create(output))
        {
            Write(book.AddSheet(_entriesSheet, [.. _entryHeaders.Select(h => new XlsxColumn(h))]), _entryHeaders, _entries);
            Write(book.AddSheet(CatalogueSheetLayout.ItemsSheet, [.. _itemHeaders.Select(h => new XlsxColumn(h))]), _itemHeaders, _items);
        }
        var bytes = output.ToArray();
        return _entries.Concat(_items).Any(r => r.Values.Any(v => v.StartsWith("{{", StringComparison.Ordinal))) ? ApplyMarkers(bytes) : bytes;
    }

    private static void Write(XlsxSheetWriter sheet, IReadOnlyList<string> headers, List<Dictionary<string, string>> rows)
    {
        foreach (var row in rows) sheet.WriteRow([.. headers.Select(h => (object?)row.GetValueOrDefault(h))]);
    }

    /// <summary>Rewrites marker cells through the SDK's DOM (a test file is small).</summary>
    private static byte[] ApplyMarkers(byte[] bytes)
    {
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            foreach (var part in document.WorkbookPart!.WorksheetParts)
            {
                foreach (var cell in part.Worksheet.Descendants<Cell>().ToList())
                {
                    // The writer escaped "_x" in the marker; undo it to see what the test wrote.
                    var text = cell.InlineString?.Text?.Text is { } stored ? XlsxReader.Unescape(stored) : null;
                    if (text is null || !text.StartsWith("{{", StringComparison.Ordinal)) continue;
                    var marker = text[2..^2];
                    var colon = marker.IndexOf(':');
                    var (kind, value) = (marker[..colon], marker[(colon + 1)..]);
                    switch (kind)
                    {
                        case "formula":
                            cell.DataType = null;
                            cell.InlineString = null;
                            cell.RemoveAllChildren();
                            cell.Append(new CellFormula(value), new CellValue("3"));
                            break;
                        case "date":
                            cell.DataType = null;
                            cell.InlineString = null;
                            cell.RemoveAllChildren();
                            cell.StyleIndex = 3; // XlsxWorkbookWriter's date style
                            cell.Append(new CellValue(value));
                            break;
                        case "raw":
                            cell.InlineString!.Text!.Text = value;
                            break;
                    }
                }
                part.Worksheet.Save();
            }
        }
        return stream.ToArray();
    }

    /// <summary>A zip that is not a spreadsheet (a stray text file zipped).</summary>
    public static byte[] ZipOfText()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(zip.CreateEntry("readme.txt").Open()))
            w.Write("不是工作簿");
        return output.ToArray();
    }

    /// <summary>A good file relabelled as a macro-enabled workbook (.xlsm's content type).</summary>
    public static byte[] MacroEnabled(byte[] good)
    {
        using var output = new MemoryStream();
        output.Write(good);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("[Content_Types].xml")!;
            string xml;
            using (var r = new StreamReader(entry.Open())) xml = r.ReadToEnd();
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open(), new UTF8Encoding(false));
            w.Write(xml.Replace("spreadsheetml.sheet.main+xml", "ms-excel.sheet.macroEnabled.main+xml", StringComparison.Ordinal)
                .Replace("application/vnd.openxmlformats-officedocument.ms-excel", "application/vnd.ms-excel", StringComparison.Ordinal));
        }
        return output.ToArray();
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GovDataPortal.Infrastructure.Excel;

/// <summary>How a sheet of a <see cref="XlsxWorkbookWriter"/> looks.</summary>
public sealed record XlsxSheetOptions
{
    /// <summary>Hidden sheets hold the lists drop-downs read (users do not need to see them).</summary>
    public bool Hidden { get; init; }
    /// <summary>Long text wraps inside its column (instructions).</summary>
    public bool WrapText { get; init; }
    /// <summary>The header row stays in view while scrolling.</summary>
    public bool FreezeHeader { get; init; } = true;
}

/// <summary>
/// A drop-down list on a range of one column: <paramref name="Source"/> is a range formula without "=", e.g.
/// <c>'选项'!$A$2:$A$5</c>. <paramref name="Strict"/> refuses other values in Excel; multi-valued cells ("甲、乙") are not
/// strict, so the list offers the choices and the import judges the text.
/// </summary>
public sealed record XlsxListValidation(int Column, uint FirstRow, uint LastRow, string Source, bool Strict, string? Prompt = null);

/// <summary>
/// Writes an .xlsx of several sheets, one after another, row by row in constant memory (see <see cref="XlsxWriter"/>
/// for why the package is written by hand in zip create mode). The workbook part, which lists the sheets, is written
/// last, when every sheet is known. Text is always an inline string, never a formula; text beginning with = + - @
/// additionally carries Excel's quote prefix, so editing the cell in Excel does not turn it into a formula either.
/// </summary>
public sealed class XlsxWorkbookWriter : IDisposable
{
    internal const uint HeaderStyle = 1, DateTimeStyle = 2, DateStyle = 3, QuotedTextStyle = 4, WrappedTextStyle = 5,
        QuotedWrappedTextStyle = 6;

    private readonly ZipArchive _zip;
    private readonly List<(string Name, bool Hidden)> _sheets = [];
    private XlsxSheetWriter? _current;
    private bool _finished;

    private XlsxWorkbookWriter(Stream output) => _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

    /// <summary>Starts a workbook on <paramref name="output"/> (left open; may be forward-only).</summary>
    public static XlsxWorkbookWriter Create(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new XlsxWorkbookWriter(output);
    }

    /// <summary>Starts the next sheet (the previous one is finished) and writes its header row.</summary>
    public XlsxSheetWriter AddSheet(string name, IReadOnlyList<XlsxColumn> columns, XlsxSheetOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        ValidateSheetName(name);
        if (_sheets.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"Duplicate sheet name \"{name}\".", nameof(name));
        if (columns.Count == 0) throw new ArgumentException("At least one column is needed.", nameof(columns));
        _current?.Dispose();
        options ??= new XlsxSheetOptions();
        _sheets.Add((name, options.Hidden));
        var stream = _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", CompressionLevel.Fastest).Open();
        return _current = new XlsxSheetWriter(stream, columns, options);
    }

    /// <summary>Finishes the last sheet, writes the workbook parts and closes the zip; the output stays open.</summary>
    public void Dispose()
    {
        if (_finished) return;
        _finished = true;
        _current?.Dispose();
        if (_sheets.Count == 0) throw new InvalidOperationException("A workbook needs at least one sheet.");
        WriteXml("[Content_Types].xml", ContentTypes());
        WriteXml("_rels/.rels", RootRelationships);
        WriteXml("xl/_rels/workbook.xml.rels", WorkbookRelationships());
        var sheets = new Sheets(_sheets.Select((s, i) => new Sheet
        {
            Name = s.Name, SheetId = (uint)i + 1, Id = $"rId{i + 1}", State = s.Hidden ? SheetStateValues.Hidden : null,
        }));
        // Excel refuses a workbook whose active tab is hidden; the first visible sheet is shown first.
        var firstVisible = Math.Max(0, _sheets.FindIndex(s => !s.Hidden));
        WritePart("xl/workbook.xml", new Workbook(new BookViews(new WorkbookView { ActiveTab = (uint)firstVisible, FirstSheet = (uint)firstVisible }), sheets));
        WritePart("xl/styles.xml", Styles());
        _zip.Dispose();
    }

    internal static void ValidateSheetName(string name)
    {
        // Excel's own limits on sheet names.
        if (string.IsNullOrWhiteSpace(name) || name.Length > 31 || name.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) >= 0
            || name.StartsWith('\'') || name.EndsWith('\''))
            throw new ArgumentException($"Invalid sheet name \"{name}\": 1–31 characters, none of []:*?/\\, not starting or ending with '.", nameof(name));
    }

    private string ContentTypes()
    {
        var sb = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>""");
        for (var i = 1; i <= _sheets.Count; i++)
            sb.Append($"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        return sb.Append("""<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""").ToString();
    }

    private const string RootRelationships = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";

    private string WorkbookRelationships()
    {
        var sb = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        for (var i = 1; i <= _sheets.Count; i++)
            sb.Append($"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>""");
        return sb.Append($"""<Relationship Id="rId{_sheets.Count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""").ToString();
    }

    private void WriteXml(string path, string xml)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }

    private void WritePart(string path, OpenXmlElement root)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteElement(root);
    }

    /// <summary>Style indexes: 0 default, 1 bold header, 2 date and time, 3 date, 4 quote-prefixed text, 5 wrapped text, 6 both.</summary>
    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm:ss" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd" }) { Count = 2 },
        // 宋体 11: the default of Chinese Excel and WPS, so the sheet looks like one the reader made.
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" })) { Count = 2 },
        // Excel expects the two built-in fills first.
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(Xf(0, 0), Xf(0, 1), Xf(164, 0), Xf(165, 0), Quoted(Xf(0, 0)), Wrapped(Xf(0, 0)), Quoted(Wrapped(Xf(0, 0)))) { Count = 7 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    // Every index spelled out, as Excel itself writes them; some readers do not assume the zero defaults.
    private static CellFormat Xf(uint numberFormat, uint font) => new()
    {
        NumberFormatId = numberFormat, FontId = font, FillId = 0, BorderId = 0, FormatId = 0,
        ApplyNumberFormat = numberFormat != 0 ? true : null, ApplyFont = font != 0 ? true : null,
    };

    /// <summary>What Excel records for a cell typed as '=…: shown and kept as text, even after editing.</summary>
    private static CellFormat Quoted(CellFormat f)
    {
        f.QuotePrefix = true;
        return f;
    }

    private static CellFormat Wrapped(CellFormat f)
    {
        f.ApplyAlignment = true;
        f.Append(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top });
        return f;
    }
}

/// <summary>
/// One sheet being written: rows, then (when disposed) its drop-down lists. The sheet's markup is written as text:
/// a 100,000-entry catalogue export is about ten million cells, and a general XML writer's per-node bookkeeping
/// (OpenXmlWriter, or XmlWriter's namespace scopes) took most of the export's time. The markup is the small, fixed part
/// of SpreadsheetML below (ECMA-376 Part 1, 18.3.1) in the schema's element order; values go through
/// <see cref="SheetXml.Escaped"/>, and the tests validate every written file against the schema.
/// </summary>
public sealed class XlsxSheetWriter : IDisposable
{
    private readonly SheetXml _xml;
    private readonly string[] _columnNames;
    private readonly bool _wrap;
    private readonly List<XlsxListValidation> _validations = [];
    private uint _rowIndex;
    private int _nextColumn;
    private bool _finished;

    internal XlsxSheetWriter(Stream stream, IReadOnlyList<XlsxColumn> columns, XlsxSheetOptions options)
    {
        _xml = new SheetXml(stream);
        _columnNames = Enumerable.Range(0, columns.Count).Select(XlsxWriter.ColumnName).ToArray();
        _wrap = options.WrapText;
        _xml.Raw("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        // Element order is fixed by the schema: sheetViews, cols, sheetData, …, dataValidations.
        if (options.FreezeHeader)
            _xml.Raw("""<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>""");
        _xml.Raw("<cols>");
        for (var i = 0; i < columns.Count; i++)
        {
            _xml.Raw("<col min=\"").Number(i + 1).Raw("\" max=\"").Number(i + 1).Raw("\" width=\"")
                .Raw(columns[i].Width.ToString(CultureInfo.InvariantCulture)).Raw("\" customWidth=\"1\"/>");
        }
        _xml.Raw("</cols><sheetData>");
        _rowIndex = 1;
        StartRow();
        for (var i = 0; i < columns.Count; i++) WriteText(i, columns[i].Header, XlsxWorkbookWriter.HeaderStyle);
        _xml.Raw("</row>");
    }

    /// <summary>Data rows written so far (the header row not counted).</summary>
    public long RowCount => (long)_rowIndex - 1;

    /// <summary>
    /// Writes one row. Values: string, any number, bool, DateTime, DateOnly; null and "" leave the cell empty; anything
    /// else is written as its invariant text. Never a formula.
    /// </summary>
    public void WriteRow(params ReadOnlySpan<object?> values)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (values.Length > _columnNames.Length)
            throw new ArgumentException($"The row has {values.Length} values but the sheet has {_columnNames.Length} columns.", nameof(values));
        if (_rowIndex >= XlsxWriter.MaxRows) throw new InvalidOperationException($"A sheet holds at most {XlsxWriter.MaxRows} rows (Excel's limit).");
        _rowIndex++;
        StartRow();
        for (var i = 0; i < values.Length; i++)
            if (values[i] is { } value) WriteCell(i, value);
        _xml.Raw("</row>");
    }

    /// <summary>Adds a drop-down list, written after the rows.</summary>
    public void AddListValidation(XlsxListValidation validation) => _validations.Add(validation);

    public void Dispose()
    {
        if (_finished) return;
        _finished = true;
        _xml.Raw("</sheetData>");
        if (_validations.Count > 0)
        {
            _xml.Raw("<dataValidations count=\"").Number(_validations.Count).Raw("\">");
            foreach (var v in _validations) WriteValidation(v);
            _xml.Raw("</dataValidations>");
        }
        _xml.Raw("</worksheet>");
        _xml.Dispose();
    }

    private void WriteValidation(XlsxListValidation v)
    {
        var column = _columnNames[v.Column];
        _xml.Raw("<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"").Raw(v.Prompt is null ? "0" : "1")
            .Raw("\" showErrorMessage=\"").Raw(v.Strict ? "1" : "0").Raw("\"");
        if (v.Strict) _xml.Raw(" errorTitle=\"取值无效\" error=\"请从下拉列表中选择。\"");
        if (v.Prompt is { } prompt)
            _xml.Raw(" promptTitle=\"填写提示\" prompt=\"").Escaped(prompt.Length > 250 ? prompt[..250] : prompt).Raw("\"");
        _xml.Raw(" sqref=\"").Raw(column).Number(v.FirstRow).Raw(":").Raw(column).Number(v.LastRow).Raw("\"><formula1>")
            .Escaped(v.Source).Raw("</formula1></dataValidation>");
    }

    private void WriteCell(int column, object value)
    {
        switch (value)
        {
            case string s:
                if (s.Length > 0) WriteText(column, s, null);
                break;
            case DateTime d:
                WriteNumber(column, d.ToOADate().ToString(CultureInfo.InvariantCulture), XlsxWorkbookWriter.DateTimeStyle);
                break;
            case DateOnly d:
                WriteNumber(column, d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture), XlsxWorkbookWriter.DateStyle);
                break;
            case bool b:
                StartCell(column, "b", null);
                _xml.Raw(b ? "<v>1</v></c>" : "<v>0</v></c>");
                break;
            // NaN and infinities have no spreadsheet number: keep them readable as text.
            case double or float when !double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)):
                WriteText(column, Convert.ToString(value, CultureInfo.InvariantCulture)!, null);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                StartCell(column, null, null);
                _xml.Raw("<v>").Number(Convert.ToInt64(value, CultureInfo.InvariantCulture)).Raw("</v></c>");
                break;
            case ulong or float or double or decimal:
                WriteNumber(column, Convert.ToString(value, CultureInfo.InvariantCulture)!, null);
                break;
            default:
                WriteText(column, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", null);
                break;
        }
    }

    private void WriteText(int column, string text, uint? style)
    {
        text = XlsxWriter.Printable(text);
        style ??= (FormulaLike(text), _wrap) switch
        {
            (true, true) => XlsxWorkbookWriter.QuotedWrappedTextStyle,
            (true, false) => XlsxWorkbookWriter.QuotedTextStyle,
            (false, true) => XlsxWorkbookWriter.WrappedTextStyle,
            _ => null,
        };
        StartCell(column, "inlineStr", style);
        var preserve = text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));
        _xml.Raw(preserve ? "<is><t xml:space=\"preserve\">" : "<is><t>").Escaped(EscapeXString(text)).Raw("</t></is></c>");
    }

    private void WriteNumber(int column, string number, uint? style)
    {
        StartCell(column, null, style);
        _xml.Raw("<v>").Raw(number).Raw("</v></c>");
    }

    private void StartRow()
    {
        _xml.Raw("<row r=\"").Number(_rowIndex).Raw("\">");
        _nextColumn = 0;
    }

    // A cell's reference is optional (ECMA-376 Part 1, 18.3.1.4): without one it follows the previous cell. Written
    // only after a gap (an empty cell skipped), which keeps a large sheet's XML about a third smaller.
    private void StartCell(int column, string? type, uint? style)
    {
        if (column == _nextColumn) _xml.Raw("<c");
        else _xml.Raw("<c r=\"").Raw(_columnNames[column]).Number(_rowIndex).Raw("\"");
        _nextColumn = column + 1;
        if (style is { } s) _xml.Raw(" s=\"").Number(s).Raw("\"");
        if (type is not null) _xml.Raw(" t=\"").Raw(type).Raw("\"");
        _xml.Raw(">");
    }

    /// <summary>Text Excel would run as a formula if it were typed (OWASP "CSV injection" leaders).</summary>
    public static bool FormulaLike(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@';

    /// <summary>
    /// Spreadsheet text reads "_xHHHH_" as an escaped character (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): a literal
    /// "_x" that starts such a pattern is written as "_x005F_x" so it reads back as itself.
    /// </summary>
    internal static string EscapeXString(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal)) return text;
        return XlsxReader.EscapedCharacter().Replace(text, m => "_x005F" + m.Value);
    }
}

/// <summary>
/// UTF-8 markup into a sheet part: <see cref="Raw"/> for the writer's own fixed markup, <see cref="Escaped"/> for every
/// value (the five XML specials, and CR/LF/TAB as references so that a reader's line-end normalisation keeps them).
/// </summary>
internal sealed class SheetXml(Stream stream) : IDisposable
{
    private readonly StreamWriter _out = new(stream, new UTF8Encoding(false), 1 << 16);
    private readonly char[] _digits = new char[20];

    public SheetXml Raw(string markup)
    {
        _out.Write(markup);
        return this;
    }

    public SheetXml Number(long value)
    {
        value.TryFormat(_digits, out var written, default, CultureInfo.InvariantCulture);
        _out.Write(_digits, 0, written);
        return this;
    }

    public SheetXml Escaped(string text)
    {
        var span = text.AsSpan();
        int next;
        while ((next = span.IndexOfAny(Specials)) >= 0)
        {
            _out.Write(span[..next]);
            _out.Write(span[next] switch
            {
                '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&apos;",
                '\r' => "&#xD;", '\n' => "&#xA;", _ => "&#x9;",
            });
            span = span[(next + 1)..];
        }
        _out.Write(span);
        return this;
    }

    private static readonly System.Buffers.SearchValues<char> Specials = System.Buffers.SearchValues.Create("&<>\"'\r\n\t");

    public void Dispose() => _out.Dispose();
}

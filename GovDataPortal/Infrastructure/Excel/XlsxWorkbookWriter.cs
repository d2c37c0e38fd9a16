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

/// <summary>One sheet being written: rows, then (when disposed) its drop-down lists.</summary>
public sealed class XlsxSheetWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly OpenXmlWriter _writer;
    private readonly string[] _columnNames;
    private readonly bool _wrap;
    private readonly List<XlsxListValidation> _validations = [];
    // Reused for every cell: the writer only reads them, and 100k-row exports write millions of cells.
    private readonly Cell _cell = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private readonly CellValue _value = new();
    private readonly List<OpenXmlAttribute> _attributes = new(3);
    private readonly StringBuilder _reference = new(12);
    private readonly Row _row = new();
    private uint _rowIndex;
    private bool _finished;

    internal XlsxSheetWriter(Stream stream, IReadOnlyList<XlsxColumn> columns, XlsxSheetOptions options)
    {
        _stream = stream;
        _writer = OpenXmlWriter.Create(stream);
        _columnNames = Enumerable.Range(0, columns.Count).Select(XlsxWriter.ColumnName).ToArray();
        _wrap = options.WrapText;
        _writer.WriteStartElement(new Worksheet());
        // Element order is fixed by the schema: sheetViews, cols, sheetData, …, dataValidations.
        if (options.FreezeHeader)
            _writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0 }));
        _writer.WriteElement(new Columns(columns.Select((c, i) =>
            new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })));
        _writer.WriteStartElement(new SheetData());
        _rowIndex = 1;
        _writer.WriteStartElement(_row, [new OpenXmlAttribute("r", "", "1")]);
        for (var i = 0; i < columns.Count; i++) WriteText(i, columns[i].Header, XlsxWorkbookWriter.HeaderStyle);
        _writer.WriteEndElement();
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
        _writer.WriteStartElement(_row, [new OpenXmlAttribute("r", "", _rowIndex.ToString(CultureInfo.InvariantCulture))]);
        for (var i = 0; i < values.Length; i++)
            if (values[i] is { } value) WriteCell(i, value);
        _writer.WriteEndElement();
    }

    /// <summary>Adds a drop-down list, written after the rows.</summary>
    public void AddListValidation(XlsxListValidation validation) => _validations.Add(validation);

    public void Dispose()
    {
        if (_finished) return;
        _finished = true;
        _writer.WriteEndElement(); // sheetData
        if (_validations.Count > 0)
            _writer.WriteElement(new DataValidations(_validations.Select(ToElement)) { Count = (uint)_validations.Count });
        _writer.WriteEndElement(); // worksheet
        _writer.Dispose();
        _stream.Dispose();
    }

    private DataValidation ToElement(XlsxListValidation v)
    {
        var column = _columnNames[v.Column];
        var element = new DataValidation
        {
            Type = DataValidationValues.List, AllowBlank = true, ShowErrorMessage = v.Strict, ShowInputMessage = v.Prompt is not null,
            SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}{v.FirstRow}:{column}{v.LastRow}" },
        };
        if (v.Strict)
        {
            element.ErrorTitle = "取值无效";
            element.Error = "请从下拉列表中选择。";
        }
        if (v.Prompt is { } prompt)
        {
            element.PromptTitle = "填写提示";
            element.Prompt = prompt.Length > 250 ? prompt[..250] : prompt;
        }
        element.Append(new Formula1(v.Source));
        return element;
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
                WriteBoolean(column, b);
                break;
            // NaN and infinities have no spreadsheet number: keep them readable as text.
            case double or float when !double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)):
                WriteText(column, Convert.ToString(value, CultureInfo.InvariantCulture)!, null);
                break;
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
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
        _writer.WriteStartElement(_inline);
        var preserve = text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));
        _attributes.Clear();
        if (preserve) _attributes.Add(new OpenXmlAttribute("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve"));
        _writer.WriteStartElement(_text, _attributes);
        _writer.WriteString(EscapeXString(text));
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    private void WriteNumber(int column, string number, uint? style)
    {
        StartCell(column, null, style);
        _writer.WriteStartElement(_value);
        _writer.WriteString(number);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    private void WriteBoolean(int column, bool value)
    {
        StartCell(column, "b", null);
        _writer.WriteStartElement(_value);
        _writer.WriteString(value ? "1" : "0");
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    private void StartCell(int column, string? type, uint? style)
    {
        _reference.Clear().Append(_columnNames[column]).Append(_rowIndex);
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", _reference.ToString()));
        if (style is { } s) _attributes.Add(new OpenXmlAttribute("s", "", s.ToString(CultureInfo.InvariantCulture)));
        if (type is not null) _attributes.Add(new OpenXmlAttribute("t", "", type));
        _writer.WriteStartElement(_cell, _attributes);
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

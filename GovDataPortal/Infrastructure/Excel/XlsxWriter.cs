using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GovDataPortal.Infrastructure.Excel;

/// <summary>A column of a written sheet: its header text and width in characters.</summary>
public sealed record XlsxColumn(string Header, double Width = 16);

/// <summary>
/// Writes a one-sheet .xlsx row by row, in constant memory: a bold, frozen header row, then typed cells (text as
/// inline strings, numbers, dates). Rows go through <see cref="OpenXmlWriter"/> (SAX) straight into the zip entry.
/// <para>
/// Why not <c>SpreadsheetDocument.Create</c>: in DocumentFormat.OpenXml 2.x on .NET, System.IO.Packaging opens the
/// package in update mode, and ZipArchive then keeps every part uncompressed in memory until the package closes
/// (dotnet/Open-XML-SDK#807) — about 1 KB per audit row, so a 100k-row export would hold ~200 MB. A write-only package
/// is refused by the SDK 2.x ("requires that the package be opened with Read access"). So the few fixed package parts
/// are written here by hand and the zip is written in create mode, which streams and also accepts a forward-only
/// output stream. Kept as it is on DocumentFormat.OpenXml 3.3.0: the typed elements and <see cref="OpenXmlWriter"/>
/// it uses are unchanged there, and the tests read every written file back and validate it against the schema.
/// </para>
/// <para>
/// Writes are synchronous. Kestrel refuses synchronous writes to a response body, so HTTP callers write to a temp
/// file first and then copy it asynchronously (see the audit export endpoint).
/// </para>
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    /// <summary>Excel refuses to open a cell holding more characters than this.</summary>
    public const int MaxCellText = 32767;

    /// <summary>Excel's row limit, header row included.</summary>
    public const uint MaxRows = 1_048_576;

    private const uint HeaderStyle = 1, DateTimeStyle = 2, DateStyle = 3;
    private const string SheetPath = "xl/worksheets/sheet1.xml";

    private readonly ZipArchive _zip;
    private readonly Stream _sheetStream;
    private readonly OpenXmlWriter _sheet;
    private readonly string[] _columnNames;
    private uint _rowIndex;
    private bool _finished;

    private XlsxWriter(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns)
    {
        _columnNames = Enumerable.Range(0, columns.Count).Select(ColumnName).ToArray();
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        // Create mode holds one entry open at a time: every fixed part first, then the sheet stays open for the rows.
        WritePackageParts(sheetName);
        _sheetStream = _zip.CreateEntry(SheetPath, CompressionLevel.Fastest).Open();
        _sheet = OpenXmlWriter.Create(_sheetStream);
        StartSheet(columns);
    }

    /// <summary>Starts a workbook on <paramref name="output"/> (left open) and writes the header row.</summary>
    public static XlsxWriter Create(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(output);
        ValidateSheetName(sheetName);
        if (columns.Count == 0) throw new ArgumentException("At least one column is needed.", nameof(columns));
        return new XlsxWriter(output, sheetName, columns);
    }

    /// <summary>Data rows written so far (the header row not counted).</summary>
    public long RowCount => (long)_rowIndex - 1;

    /// <summary>
    /// Writes one row. Values: string, any number, bool, DateTime, DateOnly; null leaves the cell empty; anything else
    /// is written as its invariant text. Never a formula, so text such as "=HYPERLINK(…)" stays text in Excel.
    /// </summary>
    public void WriteRow(params ReadOnlySpan<object?> values)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (values.Length > _columnNames.Length)
            throw new ArgumentException($"The row has {values.Length} values but the sheet has {_columnNames.Length} columns.", nameof(values));
        if (_rowIndex >= MaxRows) throw new InvalidOperationException($"A sheet holds at most {MaxRows} rows (Excel's limit).");
        _rowIndex++;
        _sheet.WriteStartElement(new Row { RowIndex = _rowIndex });
        for (var i = 0; i < values.Length; i++)
            if (values[i] is { } value) _sheet.WriteElement(ToCell(value, Reference(i)));
        _sheet.WriteEndElement();
    }

    /// <summary>Closes the sheet and the zip; the output stream stays open.</summary>
    public void Dispose()
    {
        if (_finished) return;
        _finished = true;
        _sheet.WriteEndElement(); // sheetData
        _sheet.WriteEndElement(); // worksheet
        _sheet.Dispose();
        _sheetStream.Dispose();
        _zip.Dispose();
    }

    private void StartSheet(IReadOnlyList<XlsxColumn> columns)
    {
        _sheet.WriteStartElement(new Worksheet());
        // Element order is fixed by the schema: sheetViews, cols, sheetData.
        _sheet.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0 }));
        _sheet.WriteElement(new Columns(columns.Select((c, i) =>
            new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true })));
        _sheet.WriteStartElement(new SheetData());

        _rowIndex = 1;
        _sheet.WriteStartElement(new Row { RowIndex = 1 });
        for (var i = 0; i < columns.Count; i++)
        {
            var cell = TextCell(columns[i].Header, Reference(i));
            cell.StyleIndex = HeaderStyle;
            _sheet.WriteElement(cell);
        }
        _sheet.WriteEndElement();
    }

    private string Reference(int column) => _columnNames[column] + _rowIndex.ToString(CultureInfo.InvariantCulture);

    private static Cell ToCell(object value, string reference) => value switch
    {
        string s => TextCell(s, reference),
        DateTime d => NumberCell(d.ToOADate().ToString(CultureInfo.InvariantCulture), reference, DateTimeStyle),
        DateOnly d => NumberCell(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture), reference, DateStyle),
        bool b => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
        // NaN and infinities have no spreadsheet number: keep them readable as text.
        double or float when !double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)) =>
            TextCell(Convert.ToString(value, CultureInfo.InvariantCulture)!, reference),
        byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal =>
            NumberCell(Convert.ToString(value, CultureInfo.InvariantCulture)!, reference, null),
        _ => TextCell(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", reference),
    };

    private static Cell NumberCell(string number, string reference, uint? style) =>
        new() { CellReference = reference, CellValue = new CellValue(number), StyleIndex = style };

    private static Cell TextCell(string text, string reference)
    {
        text = Printable(text);
        var t = new Text(text);
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))) t.Space = SpaceProcessingModeValues.Preserve;
        return new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(t) };
    }

    /// <summary>
    /// XML cannot carry most control characters (the writer would throw mid-file), and Excel will not open a cell
    /// longer than <see cref="MaxCellText"/>: replace the former with U+FFFD and cut the latter with an ellipsis.
    /// </summary>
    internal static string Printable(string text)
    {
        if (text.Length > MaxCellText) text = text[..(MaxCellText - 1)] + "…";
        if (!text.Any(c => !XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text) sb.Append(XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD');
        return sb.ToString();
    }

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static void ValidateSheetName(string name)
    {
        // Excel's own limits on sheet names.
        if (string.IsNullOrWhiteSpace(name) || name.Length > 31 || name.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) >= 0
            || name.StartsWith('\'') || name.EndsWith('\''))
            throw new ArgumentException($"Invalid sheet name \"{name}\": 1–31 characters, none of []:*?/\\, not starting or ending with '.", nameof(name));
    }

    private void WritePackageParts(string sheetName)
    {
        WriteXml("[Content_Types].xml", PackageXml.ContentTypes);
        WriteXml("_rels/.rels", PackageXml.RootRelationships);
        WriteXml("xl/_rels/workbook.xml.rels", PackageXml.WorkbookRelationships);
        WritePart("xl/workbook.xml", new Workbook(new Sheets(new Sheet { Name = sheetName, SheetId = 1, Id = PackageXml.SheetRelationshipId })));
        WritePart("xl/styles.xml", Styles());
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

    /// <summary>Style indexes: 0 default, 1 bold header, 2 date and time, 3 date.</summary>
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
        new CellFormats(Xf(0, 0), Xf(0, 1), Xf(164, 0), Xf(165, 0)) { Count = 4 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    // Every index spelled out, as Excel itself writes them; some readers do not assume the zero defaults.
    private static CellFormat Xf(uint numberFormat, uint font) => new()
    {
        NumberFormatId = numberFormat, FontId = font, FillId = 0, BorderId = 0, FormatId = 0,
        ApplyNumberFormat = numberFormat != 0 ? true : null, ApplyFont = font != 0 ? true : null,
    };
}

/// <summary>The fixed package parts of a one-sheet workbook (OPC content types and relationships).</summary>
internal static class PackageXml
{
    public const string SheetRelationshipId = "rId1";

    public const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
        """;

    public const string RootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """;

    public const string WorkbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """;
}

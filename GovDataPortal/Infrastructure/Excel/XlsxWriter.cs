using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;

namespace GovDataPortal.Infrastructure.Excel;

/// <summary>A column of a written sheet: its header text and width in characters.</summary>
public sealed record XlsxColumn(string Header, double Width = 16);

/// <summary>
/// Writes a one-sheet .xlsx row by row, in constant memory: a bold, frozen header row, then typed cells (text as
/// inline strings, numbers, dates). Rows are written as markup straight into the zip entry (<see cref="XlsxSheetWriter"/>).
/// <para>
/// Why not <c>SpreadsheetDocument.Create</c>: in DocumentFormat.OpenXml 2.x on .NET, System.IO.Packaging opens the
/// package in update mode, and ZipArchive then keeps every part uncompressed in memory until the package closes
/// (dotnet/Open-XML-SDK#807) — about 1 KB per audit row, so a 100k-row export would hold ~200 MB. A write-only package
/// is refused by the SDK 2.x ("requires that the package be opened with Read access"). So the few fixed package parts
/// are written here by hand and the zip is written in create mode, which streams and also accepts a forward-only
/// output stream (<see cref="XlsxWorkbookWriter"/>, which this one-sheet writer wraps). The tests read every written
/// file back and validate it against the schema with DocumentFormat.OpenXml 3.3.0.
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

    private readonly XlsxWorkbookWriter _workbook;
    private readonly XlsxSheetWriter _sheet;

    private XlsxWriter(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns)
    {
        _workbook = XlsxWorkbookWriter.Create(output);
        _sheet = _workbook.AddSheet(sheetName, columns);
    }

    /// <summary>Starts a workbook on <paramref name="output"/> (left open) and writes the header row.</summary>
    public static XlsxWriter Create(Stream output, string sheetName, IReadOnlyList<XlsxColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(output);
        XlsxWorkbookWriter.ValidateSheetName(sheetName);
        if (columns.Count == 0) throw new ArgumentException("At least one column is needed.", nameof(columns));
        return new XlsxWriter(output, sheetName, columns);
    }

    /// <summary>Data rows written so far (the header row not counted).</summary>
    public long RowCount => _sheet.RowCount;

    /// <summary>
    /// Writes one row. Values: string, any number, bool, DateTime, DateOnly; null leaves the cell empty; anything else
    /// is written as its invariant text. Never a formula, so text such as "=HYPERLINK(…)" stays text in Excel.
    /// </summary>
    public void WriteRow(params ReadOnlySpan<object?> values) => _sheet.WriteRow(values);

    /// <summary>Closes the sheet and the zip; the output stream stays open.</summary>
    public void Dispose() => _workbook.Dispose();

    /// <summary>
    /// XML cannot carry most control characters (the writer would throw mid-file), and Excel will not open a cell
    /// longer than <see cref="MaxCellText"/>: replace the former with U+FFFD and cut the latter with an ellipsis.
    /// </summary>
    internal static string Printable(string text)
    {
        if (text.Length > MaxCellText) text = text[..(MaxCellText - 1)] + "…";
        var clean = true;
        foreach (var c in text)
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            {
                clean = false;
                break;
            }
        if (clean) return text;
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
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GovDataPortal.Infrastructure.Excel;

/// <summary>Why an uploaded file cannot be read as a workbook.</summary>
public enum XlsxUnreadable
{
    /// <summary>Not a zip, or a zip that is not a spreadsheet (a .docx, an .xls saved under another name …).</summary>
    NotAWorkbook,
    /// <summary>A macro-enabled workbook (.xlsm): refused, it may carry code.</summary>
    MacroEnabled,
    /// <summary>Its parts unpack to more than the reader accepts (a "zip bomb" or simply too much data).</summary>
    TooLarge,
    /// <summary>A workbook whose XML is broken.</summary>
    Corrupt,
}

public sealed class XlsxUnreadableException(XlsxUnreadable reason, string detail, Exception? inner = null)
    : Exception(detail, inner)
{
    public XlsxUnreadable Reason { get; } = reason;
}

/// <summary>One row of a sheet as text (see <see cref="XlsxReader"/> for how cells become text), with the columns that hold a formula.</summary>
public sealed record XlsxRow(int Number, string[] Cells, IReadOnlyList<int> FormulaColumns)
{
    public string this[int column] => column >= 0 && column < Cells.Length ? Cells[column] : "";
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace) && FormulaColumns.Count == 0;
}

/// <summary>
/// Reads every sheet of an uploaded .xlsx by name, row by row (<see cref="OpenXmlReader"/>, one row in memory at a time),
/// after checking that the file is a zip whose parts do not unpack to more than <c>maxUnpackedBytes</c>.
/// </summary>
public sealed class XlsxWorkbookReader : IDisposable
{
    public const long DefaultMaxUnpackedBytes = 512L * 1024 * 1024;

    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly Dictionary<string, string> _sheetParts;
    private readonly List<string> _shared;
    private readonly Dictionary<uint, string> _dateStyles;

    private XlsxWorkbookReader(SpreadsheetDocument document, WorkbookPart workbook, Dictionary<string, string> sheetParts,
        List<string> shared, Dictionary<uint, string> dateStyles)
    {
        _document = document;
        _workbook = workbook;
        _sheetParts = sheetParts;
        _shared = shared;
        _dateStyles = dateStyles;
        SheetNames = [.. sheetParts.Keys];
    }

    /// <summary>Sheet names in the workbook's order.</summary>
    public IReadOnlyList<string> SheetNames { get; }

    public bool HasSheet(string name) => _sheetParts.ContainsKey(name);

    /// <summary>Opens a seekable stream (left open).</summary>
    public static XlsxWorkbookReader Open(Stream seekable, long maxUnpackedBytes = DefaultMaxUnpackedBytes)
    {
        CheckZip(seekable, maxUnpackedBytes);
        SpreadsheetDocument document;
        try
        {
            // MaxCharactersInPart bounds what one part may expand to, whatever its zip header claimed.
            document = SpreadsheetDocument.Open(seekable, false, new OpenSettings { MaxCharactersInPart = maxUnpackedBytes });
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException
            or NotSupportedException or ArgumentException)
        {
            throw new XlsxUnreadableException(XlsxUnreadable.NotAWorkbook, "The file is not a spreadsheet package.", e);
        }
        try
        {
            if (document.DocumentType is SpreadsheetDocumentType.MacroEnabledWorkbook or SpreadsheetDocumentType.MacroEnabledTemplate
                or SpreadsheetDocumentType.AddIn)
                throw new XlsxUnreadableException(XlsxUnreadable.MacroEnabled, "Macro-enabled workbooks are refused.");
            var workbook = document.WorkbookPart ?? throw new XlsxUnreadableException(XlsxUnreadable.NotAWorkbook, "The file has no workbook.");
            var sheets = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
                if (sheet.Name?.Value is { } name && sheet.Id?.Value is { } id && workbook.TryGetPartById(id, out var part) && part is WorksheetPart)
                    sheets.TryAdd(name, id);
            return new XlsxWorkbookReader(document, workbook, sheets, SharedStrings(workbook), XlsxReader.DateStyles(workbook));
        }
        catch (XlsxUnreadableException)
        {
            document.Dispose();
            throw;
        }
        catch (Exception e) when (e is XmlException or OpenXmlPackageException or InvalidDataException or InvalidOperationException)
        {
            document.Dispose();
            throw new XlsxUnreadableException(XlsxUnreadable.Corrupt, "The workbook's parts cannot be read.", e);
        }
    }

    /// <summary>
    /// The rows of <paramref name="sheetName"/> that exist in the file, in order (empty rows are not invented). Read as
    /// SAX events, without building each row's element tree: an import reads tens of thousands of rows per dry run.
    /// </summary>
    public IEnumerable<XlsxRow> Rows(string sheetName)
    {
        if (!_sheetParts.TryGetValue(sheetName, out var id)) yield break;
        var part = (WorksheetPart)_workbook.GetPartById(id);
        using var reader = OpenXmlReader.Create(part);
        var next = 1;
        List<string>? cells = null;
        List<int>? formulas = null;
        var number = 0;
        // The cell being read.
        int column = -1;
        string? type = null, value = null;
        uint? style = null;
        StringBuilder? inline = null;
        bool inInline = false, inPhonetic = false;
        while (reader.Read())
        {
            var element = reader.ElementType;
            if (reader.IsStartElement)
            {
                if (element == typeof(Row))
                {
                    number = Attribute(reader, "r") is { } r && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : next;
                    next = number + 1;
                    cells = [];
                    formulas = [];
                }
                else if (element == typeof(Cell) && cells is not null)
                {
                    column = Attribute(reader, "r") is { } reference ? XlsxReader.ColumnIndex(reference) : cells.Count;
                    type = Attribute(reader, "t");
                    style = Attribute(reader, "s") is { } s && uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var si) ? si : null;
                    value = null;
                    inline = null;
                }
                else if (element == typeof(CellValue)) value = reader.GetText();
                else if (element == typeof(CellFormula)) formulas?.Add(column);
                else if (element == typeof(InlineString))
                {
                    inInline = true;
                    inline = new StringBuilder();
                }
                // Phonetic hints (rPh) are not part of the text.
                else if (element == typeof(PhoneticRun)) inPhonetic = true;
                else if (element == typeof(Text) && inInline && !inPhonetic) inline!.Append(reader.GetText());
            }
            else if (reader.IsEndElement)
            {
                if (element == typeof(InlineString)) inInline = false;
                else if (element == typeof(PhoneticRun)) inPhonetic = false;
                else if (element == typeof(Cell) && cells is not null && column >= 0)
                {
                    while (cells.Count <= column) cells.Add("");
                    cells[column] = CellText(type, value, style, inline);
                }
                else if (element == typeof(Row) && cells is not null)
                {
                    yield return new XlsxRow(number, [.. cells], formulas!);
                    cells = null;
                }
            }
        }
    }

    /// <summary>The same reading of a cell as <see cref="XlsxReader"/>'s: shared and inline strings, booleans, dates by their format.</summary>
    private string CellText(string? type, string? value, uint? style, StringBuilder? inline)
    {
        value ??= "";
        switch (type)
        {
            case "inlineStr": return inline is null ? "" : XlsxReader.Unescape(inline.ToString());
            case "s": return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < _shared.Count ? _shared[i] : "";
            case "b": return value == "1" ? "TRUE" : "FALSE";
            case null or "n":
                if (style is { } st && _dateStyles.TryGetValue(st, out var format)
                    && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
                    && serial is > -657435.0 and < 2958466.0) // the range DateTime.FromOADate accepts
                    return DateTime.FromOADate(serial).ToString(format, CultureInfo.InvariantCulture);
                return value;
            default: return value;
        }
    }

    private static string? Attribute(OpenXmlReader reader, string localName)
    {
        foreach (var a in reader.Attributes)
            if (a.LocalName == localName && string.IsNullOrEmpty(a.NamespaceUri)) return a.Value;
        return null;
    }

    public void Dispose() => _document.Dispose();

    private static void CheckZip(Stream stream, long maxUnpackedBytes)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > maxUnpackedBytes)
                    throw new XlsxUnreadableException(XlsxUnreadable.TooLarge, $"The parts unpack to more than {maxUnpackedBytes} bytes.");
            }
        }
        catch (InvalidDataException e)
        {
            throw new XlsxUnreadableException(XlsxUnreadable.NotAWorkbook, "The file is not a zip package.", e);
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>Streamed, so a large table does not sit in memory twice (as a DOM and as strings).</summary>
    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var list = new List<string>();
        if (workbook.SharedStringTablePart is not { } part) return list;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                list.Add(XlsxReader.ItemText(reader.LoadCurrentElement()!));
        return list;
    }
}

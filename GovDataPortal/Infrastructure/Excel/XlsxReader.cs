using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace GovDataPortal.Infrastructure.Excel;

/// <summary>
/// Reads the first sheet of an .xlsx as text, for tests (imports read every sheet through <see cref="XlsxWorkbookReader"/>). Shared and inline strings give their text,
/// numbers their invariant form, booleans TRUE/FALSE, and numbers in a date or time format "yyyy-MM-dd",
/// "yyyy-MM-dd HH:mm:ss" or "HH:mm:ss" as that format shows them. Row i of the result is sheet row i + 1 (missing rows come back empty), and every row is
/// padded to the widest one, so <c>rows[r][c]</c> is always in range.
/// </summary>
public static partial class XlsxReader
{
    public static IReadOnlyList<string[]> ReadRows(Stream xlsx)
    {
        // System.IO.Packaging reads the zip's central directory at the end: it needs to seek.
        using var seekable = xlsx.CanSeek ? null : new MemoryStream();
        if (seekable is not null)
        {
            xlsx.CopyTo(seekable);
            seekable.Position = 0;
        }
        using var workbook = XlsxWorkbookReader.Open(seekable ?? xlsx);
        var first = workbook.SheetNames.FirstOrDefault() ?? throw new InvalidDataException("The workbook has no sheet.");
        var rows = new List<List<string>>();
        foreach (var row in workbook.Rows(first))
        {
            while (rows.Count < row.Number) rows.Add([]);
            rows[row.Number - 1] = [.. row.Cells];
        }
        return Pad(rows);
    }

    /// <summary>A string item is either one text or rich-text runs; phonetic hints (rPh) are not part of the text.</summary>
    internal static string ItemText(OpenXmlElement item) =>
        Unescape(item.GetFirstChild<Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text)));

    /// <summary>"_x0007_" is the escaped character U+0007 (ECMA-376 Part 1, 22.9.2.19 ST_Xstring); Excel writes control characters so.</summary>
    internal static string Unescape(string text) =>
        !text.Contains("_x", StringComparison.Ordinal) ? text
            : EscapedCharacter().Replace(text, m => ((char)int.Parse(m.ValueSpan[2..6], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    [GeneratedRegex("_x[0-9A-Fa-f]{4}_")]
    internal static partial Regex EscapedCharacter();

    /// <summary>Cell format index → how to show its numbers, for the formats that show a date or a time.</summary>
    internal static Dictionary<uint, string> DateStyles(WorkbookPart workbook)
    {
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is null) return [];
        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        return stylesheet.CellFormats.Elements<CellFormat>()
            .Select((format, index) => (Index: (uint)index, Shown: DateFormat(format.NumberFormatId?.Value ?? 0, custom)))
            .Where(f => f.Shown is not null)
            .ToDictionary(f => f.Index, f => f.Shown!);
    }

    private const string Date = "yyyy-MM-dd", Time = "HH:mm:ss", DateAndTime = Date + " " + Time;

    /// <summary>Built-in ids per ECMA-376 Part 1, 18.8.30; custom codes by their tokens ("m" alone means month).</summary>
    private static string? DateFormat(uint id, Dictionary<uint, string> custom)
    {
        if (id is >= 14 and <= 17) return Date;
        if (id is >= 18 and <= 21 or >= 45 and <= 47) return Time;
        if (id == 22) return DateAndTime;
        if (!custom.TryGetValue(id, out var code)) return null;
        code = NonLiteral().Replace(code, "").ToLowerInvariant();
        var hasTime = code.IndexOfAny(['h', 's']) >= 0;
        var hasDate = code.IndexOfAny(['y', 'd']) >= 0 || !hasTime && code.Contains('m');
        return (hasDate, hasTime) switch { (true, true) => DateAndTime, (true, false) => Date, (false, true) => Time, _ => null };
    }

    /// <summary>"B12" → 1.</summary>
    internal static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            n = n * 26 + (c - 'A' + 1);
        }
        return n - 1;
    }

    private static List<string[]> Pad(List<List<string>> rows)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        return rows.Select(r => r.Concat(Enumerable.Repeat("", width - r.Count)).ToArray()).ToList();
    }

    // Quoted text, escaped characters and [colour]/[condition] sections are not date tokens.
    [GeneratedRegex("\"[^\"]*\"|\\\\.|\\[[^\\]]*\\]")]
    private static partial Regex NonLiteral();

}

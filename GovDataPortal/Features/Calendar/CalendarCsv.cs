using System.Globalization;
using System.Text;

namespace GovDataPortal.Features.Calendar;

/// <summary>One data line of a schedule CSV; <see cref="Line"/> is 1-based, the header being line 1.</summary>
public sealed record CalendarCsvRow(int Line, DateOnly Date, CalendarDayKind Kind, string Name, int NoticeYear);

public sealed record CalendarCsvResult(IReadOnlyList<CalendarCsvRow> Rows, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads the schedule format of <c>Data/cn-holidays-2020-2026.csv</c>: UTF-8, header <c>date,kind,name,year_notice</c>,
/// one special day per line (<c>2026-02-14,workday,春节,2026</c>). Names never contain a comma (combined items use
/// "、"), so fields are split on commas without quoting. Every error names its line, so a whole file is fixed in one go.
/// </summary>
public static class CalendarCsv
{
    public const string Header = "date,kind,name,year_notice";
    public const int MaxBytes = 256 * 1024;
    private const int MaxErrors = 50;

    public static async Task<CalendarCsvResult> ReadAsync(Stream stream, int? expectedYear, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes) return Fail($"文件过大（超过{MaxBytes / 1024}KB），节假日安排文件通常只有几KB。");
        var bytes = buffer.ToArray();
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Excel on Chinese Windows saves CSV as GBK by default; name the fix rather than import mojibake.
            return Fail("文件不是 UTF-8 编码。请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”后重新导入。");
        }
        return Parse(text.TrimStart('\uFEFF'), expectedYear);
    }

    public static CalendarCsvResult Parse(string text, int? expectedYear)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count == 0 || !string.Equals(lines[0].Replace(" ", ""), Header, StringComparison.OrdinalIgnoreCase))
            return Fail($"第1行：表头须为“{Header}”。");

        var rows = new List<CalendarCsvRow>();
        var errors = new List<string>();
        var seen = new Dictionary<DateOnly, CalendarCsvRow>();
        for (var i = 1; i < lines.Count && errors.Count < MaxErrors; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var lineErrors = new List<string>();
            var row = ParseLine(i + 1, lines[i], expectedYear, lineErrors);
            if (row is not null && seen.TryGetValue(row.Date, out var earlier))
                lineErrors.Add(earlier.Kind == row.Kind
                    ? $"日期 {row.Date:yyyy-MM-dd} 与第{earlier.Line}行重复。"
                    : $"{CalendarRules.BothKindsMessage.TrimEnd('。')}（{row.Date:yyyy-MM-dd} 与第{earlier.Line}行冲突）。");
            errors.AddRange(lineErrors.Select(m => $"第{i + 1}行：{m}"));
            if (row is not null && lineErrors.Count == 0) rows.Add(seen[row.Date] = row);
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add("文件中没有数据行。");
        return new CalendarCsvResult(rows, errors);
    }

    private static CalendarCsvRow? ParseLine(int line, string text, int? expectedYear, List<string> errors)
    {
        var f = text.Split(',').Select(s => s.Trim()).ToArray();
        if (f.Length != 4)
        {
            errors.Add($"应有4列（{Header}），实有{f.Length}列。");
            return null;
        }
        if (!DateOnly.TryParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            errors.Add($"日期“{f[0]}”格式不正确，应为 YYYY-MM-DD。");
        CalendarDayKind? kind = f[1].ToLowerInvariant() switch
        {
            "holiday" => CalendarDayKind.Holiday,
            "workday" => CalendarDayKind.Workday,
            _ => null,
        };
        if (kind is null) errors.Add($"类型“{f[1]}”不正确，应为 holiday（节假日）或 workday（调休上班日）。");
        if (!int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var noticeYear))
            errors.Add($"公告年份“{f[3]}”不是有效年份。");
        else if (expectedYear is { } y && noticeYear != y)
            errors.Add($"公告年份为{noticeYear}，与所导入的{y}年不符。");
        if (errors.Count > 0) return null;

        errors.AddRange(CalendarRules.Check(date, kind!.Value, f[2], noticeYear).Select(e => e.Message));
        return new CalendarCsvRow(line, date, kind.Value, f[2], noticeYear);
    }

    private static CalendarCsvResult Fail(string error) => new([], [error]);
}

using System.Text;
using GovDataPortal.Features.Calendar;
using static GovDataPortal.Tests.Features.Calendar.CalendarTestData;

namespace GovDataPortal.Tests.Features.Calendar;

public class CalendarCsvTests
{
    private const string Header = "date,kind,name,year_notice\n";

    [Fact]
    public void The_shipped_schedule_parses_without_errors()
    {
        var result = CalendarCsv.Parse(CsvText(), null);
        Assert.Empty(result.Errors);
        Assert.Equal(254, result.Rows.Count);
        Assert.Equal(2023, result.Rows.Single(r => r.Date == D("2022-12-31")).NoticeYear);
    }

    [Theory]
    [InlineData(2020)] [InlineData(2021)] [InlineData(2022)] [InlineData(2023)] [InlineData(2024)] [InlineData(2025)] [InlineData(2026)]
    public void Every_shipped_year_is_complete(int year) =>
        Assert.Empty(CalendarRules.MissingFestivals(Days.Where(d => d.NoticeYear == year).Select(d => (d.Kind, d.Name))));

    [Fact]
    public void A_makeup_day_on_a_wednesday_is_refused_with_its_line_number()
    {
        var result = CalendarCsv.Parse(Header + "2026-01-01,holiday,元旦,2026\n2026-01-07,workday,元旦,2026\n", 2026);
        Assert.Equal(["第3行：调休上班日必须是星期六或星期日。"], result.Errors);
    }

    [Fact]
    public void A_date_listed_as_holiday_and_workday_is_refused()
    {
        var result = CalendarCsv.Parse(Header + "2026-01-04,holiday,元旦,2026\n2026-01-04,workday,元旦,2026\n", 2026);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("第3行：同一日期不能既是节假日又是调休上班日", error);
        Assert.Contains("第2行", error);
    }

    [Fact]
    public void Every_bad_line_is_reported_with_its_number()
    {
        var text = Header +
            "2026-13-01,holiday,元旦,2026\n" +   // 2
            "2026-01-02,vacation,元旦,2026\n" +  // 3
            "2026-01-03,holiday,,2026\n" +       // 4
            "2025-10-01,holiday,国庆节,2025\n" + // 5
            "2026-01-05,holiday,元旦\n" +        // 6
            "\n" +
            "2026-05-01,holiday," + new string('节', 51) + ",2026\n"; // 8
        var errors = CalendarCsv.Parse(text, 2026).Errors;
        Assert.Collection(errors,
            e => Assert.StartsWith("第2行：日期“2026-13-01”格式不正确", e),
            e => Assert.StartsWith("第3行：类型“vacation”不正确", e),
            e => Assert.StartsWith("第4行：请填写名称", e),
            e => Assert.StartsWith("第5行：公告年份为2025，与所导入的2026年不符", e),
            e => Assert.StartsWith("第6行：应有4列", e),
            e => Assert.StartsWith("第8行：名称不能超过50个字符", e));
    }

    [Fact]
    public void A_wrong_header_is_refused() =>
        Assert.Equal(["第1行：表头须为“date,kind,name,year_notice”。"], CalendarCsv.Parse("日期,类型,名称,年份\n", 2026).Errors);

    [Fact]
    public void A_day_outside_the_notice_year_is_refused_but_the_previous_december_is_allowed()
    {
        Assert.Empty(CalendarCsv.Parse(Header + "2022-12-31,holiday,元旦,2023\n", 2023).Errors);
        Assert.Contains("不属于2023年", Assert.Single(CalendarCsv.Parse(Header + "2022-11-30,holiday,元旦,2023\n", 2023).Errors));
    }

    [Fact]
    public async Task A_GBK_file_is_refused_with_a_hint_and_a_BOM_is_accepted()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GB18030").GetBytes(Header + "2026-01-01,holiday,元旦,2026\n");
        var refused = await CalendarCsv.ReadAsync(new MemoryStream(gbk), 2026);
        Assert.Contains("不是 UTF-8 编码", Assert.Single(refused.Errors));

        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "2026-01-01,holiday,元旦,2026\r\n")).ToArray();
        var accepted = await CalendarCsv.ReadAsync(new MemoryStream(withBom), 2026);
        Assert.Empty(accepted.Errors);
        Assert.Equal("元旦", Assert.Single(accepted.Rows).Name);
    }
}

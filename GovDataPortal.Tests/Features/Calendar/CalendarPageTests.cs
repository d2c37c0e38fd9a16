using Bunit;
using GovDataPortal.Features.Calendar;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Calendar;

/// <summary>The calendar page rendered by bUnit with the real service acting as a demo user.</summary>
public class CalendarPageTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    private async Task<(IRenderedComponent<CalendarPage> Page, AsyncServiceScope Scope)> RenderAsAsync(string userName)
    {
        var scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(scope.Get<CalendarAdminService>());
        RenderPopoverProvider();
        _dialogs = RenderDialogProvider();
        var page = Render<CalendarPage>();
        return (page, scope);
    }

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private IRenderedComponent<MudBlazor.MudDialogProvider> _dialogs = null!;

    private void Confirm(string button) =>
        _dialogs.WaitForAssertion(() => _dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click(), Wait);

    private async Task<int> RowCountAsync(int noticeYear)
    {
        await using var db = await portal.DbAsync();
        return await db.CalendarDays.CountAsync(d => d.NoticeYear == noticeYear);
    }

    [Fact]
    public async Task The_administrator_sees_the_rule_the_current_year_and_its_days()
    {
        var (cut, scope) = await RenderAsAsync("admin");
        await using var _ = scope;

        cut.WaitForAssertion(() => Assert.Contains("248 天", cut.Find("#calendar-working-days").TextContent), Wait);
        Assert.Contains("受理当日不计入", cut.Find("#calendar-rule").TextContent);
        Assert.Contains("已发布", cut.Find("#calendar-status").TextContent);
        Assert.Contains("七个法定节日均已录入", cut.Find("#calendar-completeness").TextContent);
        var grid = cut.Find("#calendar-days").TextContent;
        Assert.Contains("2026-10-10", grid);
        Assert.Contains("星期六", grid);
        Assert.Contains("调休上班日", grid);
        Assert.NotNull(cut.Find("#calendar-unpublish"));
        Assert.NotNull(cut.Find("#calendar-day-form"));
        Assert.NotNull(cut.Find("#calendar-import input[type=file]"));
    }

    [Fact]
    public async Task A_business_user_who_reaches_the_page_sees_the_refusal_and_no_days()
    {
        var (cut, scope) = await RenderAsAsync("zhangwei");
        await using var _ = scope;

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".gdp-refused")), Wait);
        Assert.Empty(cut.FindAll("#calendar-days"));
    }

    /// <summary>Regression: typing a year and clicking 打开 once opened nothing (the button only woke up on blur).</summary>
    [Fact]
    public async Task Another_year_opens_with_one_click_after_typing_it()
    {
        var (cut, scope) = await RenderAsAsync("admin");
        await using var _ = scope;
        cut.WaitForAssertion(() => Assert.Contains("2026年全年工作日", cut.Find("#calendar-summary").TextContent), Wait);

        cut.Find("#calendar-other-year").Input("2019"); // typed, never blurred
        cut.Find("#calendar-open-year").Click();

        cut.WaitForAssertion(() => Assert.Contains("2019年全年工作日", cut.Find("#calendar-summary").TextContent), Wait);
        Assert.Contains("未发布", cut.Find("#calendar-status").TextContent);
        Assert.Contains("本年尚未录入节假日安排。", cut.Find("#calendar-days").TextContent);
    }

    [Fact]
    public async Task Opening_without_a_year_or_with_an_absurd_one_says_why_in_Chinese()
    {
        var (cut, scope) = await RenderAsAsync("admin");
        await using var _ = scope;
        cut.WaitForAssertion(() => Assert.Contains("2026年全年工作日", cut.Find("#calendar-summary").TextContent), Wait);

        cut.Find("#calendar-open-year").Click();
        cut.WaitForAssertion(() => Assert.Contains("请输入要打开的年份", cut.Find("#calendar-year-picker").TextContent), Wait);

        cut.Find("#calendar-other-year").Input("1800");
        cut.Find("#calendar-open-year").Click();
        cut.WaitForAssertion(() => Assert.Contains(CalendarRules.YearRangeMessage, cut.Find("#calendar-year-picker").TextContent), Wait);
        Assert.Contains("2026年全年工作日", cut.Find("#calendar-summary").TextContent);
    }

    [Fact]
    public async Task The_upload_is_a_Chinese_button_over_a_hidden_file_input()
    {
        var (cut, scope) = await RenderAsAsync("admin");
        await using var _ = scope;
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#calendar-import-button")), Wait);

        Assert.Equal("选择 CSV 文件并导入", cut.Find("#calendar-import-button").TextContent.Trim());
        var input = cut.Find("#calendar-import input[type=file]");
        Assert.True(input.HasAttribute("hidden") || (input.GetAttribute("class") ?? "").Contains("d-none"), input.OuterHtml);
        Assert.Equal(".csv,text/csv", input.GetAttribute("accept"));
    }

    [Fact]
    public async Task A_bad_file_is_refused_with_Chinese_reasons_and_nothing_is_imported()
    {
        var (cut, scope) = await RenderAsAsync("admin");
        await using var _ = scope;
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#calendar-import-button")), Wait);
        var before = await RowCountAsync(2026);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "日期,类型\n2026-01-01,holiday\n", "节假日.csv", contentType: "text/csv"));

        cut.WaitForAssertion(() => Assert.Contains("表头须为", cut.Find(".gdp-import-errors").TextContent), Wait);
        Assert.Contains("未导入任何内容", cut.Find(".gdp-import-errors").TextContent);
        Assert.Empty(cut.FindAll(".gdp-import-result"));
        Assert.Equal(before, await RowCountAsync(2026));
    }

    [Fact]
    public async Task A_good_file_imports_the_opened_year_and_reports_what_changed()
    {
        var (cut, scope) = await RenderAsAsync("admin");
        await using var _ = scope;
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#calendar-import-button")), Wait);
        cut.Find("#calendar-other-year").Input("2038");
        cut.Find("#calendar-open-year").Click();
        cut.WaitForAssertion(() => Assert.Contains("2038年全年工作日", cut.Find("#calendar-summary").TextContent), Wait);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            CalendarAdminTests.CompleteCsv(2038), "2038.csv", contentType: "text/csv"));

        cut.WaitForAssertion(() => Assert.Contains("新增 11 个", cut.Find(".gdp-import-result").TextContent), Wait);
        Assert.Contains("七个法定节日均已录入", cut.Find("#calendar-completeness").TextContent);
        Assert.Equal(11, await RowCountAsync(2038));
    }

    [Fact]
    public async Task Adding_deleting_publishing_and_unpublishing_work_from_the_page()
    {
        var (cut, scope) = await RenderAsAsync("admin");
        await using var _ = scope;
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#calendar-open-year")), Wait);
        cut.Find("#calendar-other-year").Input("2042");
        cut.Find("#calendar-open-year").Click();
        cut.WaitForAssertion(() => Assert.Contains("2042年全年工作日", cut.Find("#calendar-summary").TextContent), Wait);

        cut.Find("#calendar-date").Change("2042-12-01");
        cut.Find("#calendar-name").Change("测试日");
        cut.Find("#calendar-add").Click();
        cut.WaitForAssertion(() => Assert.Contains("2042-12-01", cut.Find("#calendar-days").TextContent), Wait);
        Assert.Equal(1, await RowCountAsync(2042));

        cut.Find(".gdp-remove-day").Click();
        Confirm("删除");
        cut.WaitForAssertion(() => Assert.Contains("本年尚未录入节假日安排。", cut.Find("#calendar-days").TextContent), Wait);
        Assert.Equal(0, await RowCountAsync(2042));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(CalendarAdminTests.CompleteCsv(2042), "2042.csv"));
        cut.WaitForAssertion(() => Assert.False(cut.Find("#calendar-publish").HasAttribute("disabled")), Wait);
        cut.Find("#calendar-source").Change("国办发明电〔2041〕9号");
        cut.Find("#calendar-publish").Click();
        cut.WaitForAssertion(() => Assert.Contains("已发布", cut.Find("#calendar-status").TextContent), Wait);
        Assert.Contains("国办发明电〔2041〕9号", cut.Find("#calendar-summary").TextContent);

        cut.Find("#calendar-unpublish").Click();
        Confirm("取消发布");
        cut.WaitForAssertion(() => Assert.Contains("未发布", cut.Find("#calendar-status").TextContent), Wait);
    }
}

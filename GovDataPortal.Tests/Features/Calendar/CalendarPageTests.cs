using GovDataPortal.Features.Calendar;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Calendar;

/// <summary>The calendar page rendered with the real service acting as a demo user (no browser).</summary>
public class CalendarPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<AngleSharp.Dom.IDocument> RenderAsAsync(string userName)
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        var service = scope.Get<CalendarAdminService>();
        return await ComponentRenderer.RenderAsync<CalendarPage>(services: s => s.AddSingleton(service));
    }

    [Fact]
    public async Task The_administrator_sees_the_rule_the_current_year_and_its_days()
    {
        var doc = await RenderAsAsync("admin");

        Assert.Contains("受理当日不计入", doc.QuerySelector("#calendar-rule")!.TextContent);
        Assert.Contains("已发布", doc.QuerySelector("#calendar-status")!.TextContent);
        Assert.Contains("248 天", doc.QuerySelector("#calendar-working-days")!.TextContent);
        Assert.Contains("七个法定节日均已录入", doc.QuerySelector("#calendar-completeness")!.TextContent);
        var grid = doc.QuerySelector("#calendar-days")!.TextContent;
        Assert.Contains("2026-10-10", grid);
        Assert.Contains("星期六", grid);
        Assert.Contains("调休上班日", grid);
        Assert.NotNull(doc.QuerySelector("#calendar-unpublish"));
        Assert.NotNull(doc.QuerySelector("#calendar-day-form"));
        Assert.NotNull(doc.QuerySelector("#calendar-import input[type=file]"));
    }

    [Fact]
    public async Task A_business_user_who_reaches_the_page_sees_the_refusal_and_no_days()
    {
        var doc = await RenderAsAsync("zhangwei");

        Assert.NotNull(doc.QuerySelector(".gdp-refused"));
        Assert.Null(doc.QuerySelector("#calendar-days"));
    }
}

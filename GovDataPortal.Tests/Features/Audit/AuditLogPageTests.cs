using Bunit;
using GovDataPortal.Features.Audit;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static GovDataPortal.Tests.Features.Audit.AuditTestSupport;

namespace GovDataPortal.Tests.Features.Audit;

/// <summary>The page rendered by bUnit with the real service acting as a demo user.</summary>
public class AuditLogPageTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private async Task<(IRenderedComponent<AuditLogPage> Page, AsyncServiceScope Scope)> RenderAsAsync(string userName)
    {
        var scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(scope.Get<AuditQueryService>());
        Services.AddSingleton(scope.Get<GovDataPortal.Features.Policies.PolicyCatalog>());
        RenderPopoverProvider();
        return (Render<AuditLogPage>(), scope);
    }

    [Fact]
    public async Task The_auditor_sees_the_retention_rule_the_filters_the_export_link_and_the_log()
    {
        var (cut, scope) = await RenderAsAsync("auditor");
        await using var _ = scope;

        cut.WaitForAssertion(() => Assert.Contains("seed-demo", cut.Find("#audit-grid").TextContent), Wait);
        var retention = cut.Find("#audit-retention").TextContent;
        // A 双牌县 portal: shuangpai sets no log period, so longyan Art. 24 is cited as 参照, not as local law.
        Assert.Contains("参照《龙岩市政务数据管理办法（试行）》（龙政办〔2020〕91号）第二十四条", retention);
        Assert.Contains("日志保留不少于六个月，本系统审计日志只允许追加", retention);
        var export = cut.Find("#audit-export");
        Assert.Equal("a", export.TagName.ToLowerInvariant());
        Assert.Equal("audit/export.xlsx", export.GetAttribute("href"));
        Assert.True(export.HasAttribute("download"));
        Assert.Contains("导出 Excel", export.TextContent);
        Assert.NotNull(cut.Find("#audit-verify"));
        Assert.Empty(cut.FindAll(".gdp-refused"));
        Assert.Contains("第 1-50 条", cut.Find("#audit-grid").TextContent); // paged: 50 of the seeded records
    }

    [Fact]
    public async Task A_business_user_who_reaches_the_page_sees_the_refusal_and_no_log()
    {
        var (cut, scope) = await RenderAsAsync("zhangwei");
        await using var _ = scope;

        cut.WaitForAssertion(() => Assert.Contains("审计员", cut.Find(".gdp-refused").TextContent), Wait);
        Assert.Empty(cut.FindAll("#audit-grid"));
        Assert.Empty(cut.FindAll("#audit-export"));
    }

    /// <summary>
    /// Regression: the detail row showed the stored JSON (English keys, UTC instants) in one line running off the
    /// screen. It is a small table now: Chinese field names, old and new values, Beijing time.
    /// </summary>
    [Fact]
    public async Task Opening_a_row_shows_the_change_as_a_table_with_Chinese_names_and_Beijing_times()
    {
        var earlier = Beijing(2026, 3, 1, 9, 30);
        await using (var admin = await portal.ScopeAsAsync("admin"))
            await admin.Get<AuditLog>().WriteAsync(AuditActions.Update, "Department", "3", new Dictionary<string, object?>
            {
                ["Name"] = new { 原值 = "双牌县市场监督管理局", 新值 = "双牌县市场监管局" },
                ["CreatedAt"] = new { 原值 = earlier, 新值 = earlier.AddHours(1) },
            });
        var (cut, scope) = await RenderAsAsync("auditor");
        await using var _ = scope;
        cut.WaitForAssertion(() => Assert.Contains("部门名称：双牌县市场监督管理局 → 双牌县市场监管局", cut.Find("#audit-grid tbody tr").TextContent), Wait);
        Assert.Empty(cut.FindAll(".gdp-audit-changes"));

        cut.Find("#audit-grid tbody tr button").Click(); // the newest row's expand button

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".gdp-audit-changes")), Wait);
        string[] Cells(int row) => cut.FindAll(".gdp-audit-changes tbody tr")[row].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(["字段", "原值", "新值"], cut.FindAll(".gdp-audit-changes thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["部门名称", "双牌县市场监督管理局", "双牌县市场监管局"], Cells(0));
        Assert.Equal(["创建时间", "2026-03-01 09:30:00", "2026-03-01 10:30:00"], Cells(1));
        var table = cut.Find(".gdp-audit-changes");
        Assert.DoesNotContain("原值\"", table.TextContent);
        Assert.DoesNotContain("+00:00", table.TextContent);

        cut.Find("#audit-grid tbody tr button").Click(); // and closed again
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".gdp-audit-changes")), Wait);
    }
}

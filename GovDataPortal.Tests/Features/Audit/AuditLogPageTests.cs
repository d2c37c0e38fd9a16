using AngleSharp.Dom;
using GovDataPortal.Features.Audit;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Audit;

/// <summary>The page rendered with the real service acting as a demo user (no browser).</summary>
public class AuditLogPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<IDocument> RenderAsAsync(string userName)
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        var service = scope.Get<AuditQueryService>();
        return await ComponentRenderer.RenderAsync<AuditLogPage>(services: s => s.AddSingleton(service));
    }

    [Fact]
    public async Task The_auditor_sees_the_retention_rule_the_filters_the_export_link_and_the_log()
    {
        var doc = await RenderAsAsync("auditor");

        var retention = doc.QuerySelector("#audit-retention")!.TextContent;
        Assert.Contains("龙政办〔2020〕91号", retention);
        Assert.Contains("第二十四条", retention);
        Assert.Contains("日志保留不少于六个月，本系统审计日志只允许追加", retention);
        var export = doc.QuerySelector("#audit-export")!;
        Assert.Equal("audit/export.xlsx", export.GetAttribute("href"));
        Assert.True(export.HasAttribute("download"));
        Assert.Contains("导出 Excel", export.TextContent);
        Assert.NotNull(doc.QuerySelector("#audit-verify"));
        Assert.Null(doc.QuerySelector(".gdp-refused"));
        Assert.Contains("seed-demo", doc.QuerySelector("#audit-grid")!.TextContent);
    }

    [Fact]
    public async Task A_business_user_who_reaches_the_page_sees_the_refusal_and_no_log()
    {
        var doc = await RenderAsAsync("zhangwei");

        Assert.Contains("审计员", doc.QuerySelector(".gdp-refused")!.TextContent);
        Assert.Null(doc.QuerySelector("#audit-grid"));
        Assert.Null(doc.QuerySelector("#audit-export"));
    }
}

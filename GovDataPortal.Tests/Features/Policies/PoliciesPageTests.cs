using AngleSharp.Dom;
using GovDataPortal.Features.Policies;
using GovDataPortal.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>The 政策规则 page and its tables, rendered without a browser.</summary>
public class PoliciesPageTests
{
    private static PolicyCatalog Catalog(string jurisdiction) =>
        new(Options.Create(new PolicyProfileSet()), Options.Create(new PortalOptions { Jurisdiction = jurisdiction }));

    private static Task<IDocument> RenderPageAsync(string jurisdiction) =>
        ComponentRenderer.RenderAsync<PoliciesPage>(services: s => s.AddSingleton(Catalog(jurisdiction)));

    private static IElement RuleRow(IDocument doc, string flow, string step) =>
        doc.QuerySelectorAll("#policy-rules-grid tbody tr")
            .Single(tr => tr.QuerySelector($"[data-flow='{flow}']") is not null && tr.QuerySelector($"[data-step='{step}']") is not null);

    private static string Text(IElement row, string selector) => row.QuerySelector(selector)!.TextContent.Trim();

    [Fact]
    public void The_page_takes_its_rows_from_the_active_profile()
    {
        var rows = PolicyRulesView.Rows(Catalog("hubei").Active);

        Assert.All(rows, r => Assert.Contains("湖北省政务数据资源应用与管理办法", r.Citation));
    }

    [Fact]
    public async Task The_page_shows_the_title_the_active_regulation_and_the_counting_rule()
    {
        var doc = await RenderPageAsync("hubei");

        Assert.Equal("政策规则", doc.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("《湖北省政务数据资源应用与管理办法》", doc.QuerySelector("#policies-active")!.TextContent);
        Assert.Contains(DeadlineText.CountingRule, doc.QuerySelector("#policies-counting-rule")!.TextContent);
        Assert.Contains("本地规则（湖北省）", doc.Body!.TextContent);
        Assert.Contains("五地对比", doc.Body!.TextContent);
        Assert.Contains("每年1月底前", doc.QuerySelector("#policies-annual")!.TextContent);
    }

    [Fact]
    public async Task The_rules_table_shows_handler_deadline_timeout_and_citation_of_each_step()
    {
        var doc = await RenderPageAsync("hubei");

        var share = RuleRow(doc, "conditional-share", "reply");
        Assert.Equal("提供部门·部门审核人", Text(share, ".policy-handler"));
        Assert.Equal("10个工作日", Text(share, ".policy-deadline"));
        Assert.Equal("视为同意", Text(share, ".policy-timeout"));
        Assert.Equal("第二十条第三款", Text(share, ".policy-citation"));
        Assert.Equal("依据《湖北省政务数据资源应用与管理办法》第二十条第三款", share.QuerySelector(".policy-citation")!.GetAttribute("title"));
        Assert.Contains("能够立即答复的，应当立即答复", doc.QuerySelector("#policy-notes dd[data-flow='conditional-share']")!.TextContent);
        var suspend = RuleRow(doc, "data-subject-objection", "suspend");
        Assert.Equal(BuiltInProfiles.ImmediatelyReading, Text(suspend, ".policy-reading"));
        Assert.Equal("无法定期限", Text(RuleRow(doc, "conditional-open", "reply"), ".policy-deadline"));
    }

    [Fact]
    public async Task The_shuangpai_table_shows_the_extension_rule()
    {
        var doc = await ComponentRenderer.RenderAsync<PolicyRulesTable>(new Dictionary<string, object?>
        {
            [nameof(PolicyRulesTable.Rows)] = PolicyRulesView.Rows(BuiltInProfiles.Get(Jurisdiction.Shuangpai)),
        });

        Assert.Equal("最多15个工作日，须领导同意并告知申请方", Text(RuleRow(doc, "data-check", "check"), ".policy-extension"));
        Assert.Equal(["流程", "步骤", "办理人", "期限", "逾期处理", "延期", "依据"],
            doc.QuerySelectorAll("#policy-rules-grid thead th").Select(th => th.TextContent.Trim()).Where(t => t.Length > 0));
    }

    [Fact]
    public async Task The_comparison_table_has_the_five_jurisdictions_as_columns_with_days_and_articles()
    {
        var doc = await ComponentRenderer.RenderAsync<PolicyComparisonTable>(new Dictionary<string, object?>
        {
            [nameof(PolicyComparisonTable.Rows)] = PolicyRulesView.Comparison(BuiltInProfiles.All),
            [nameof(PolicyComparisonTable.Active)] = Jurisdiction.Shuangpai,
        });

        Assert.Equal(["流程", "长沙市", "双牌县（当前）", "湖北省", "龙岩市", "佛山市"],
            doc.QuerySelectorAll("#policy-comparison-grid thead th").Select(th => th.TextContent.Trim()).Where(t => t.Length > 0));
        var hubeiShare = doc.QuerySelectorAll("#policy-comparison-grid tbody tr")
            .Single(tr => tr.QuerySelector("[data-flow='conditional-share']") is not null)
            .QuerySelector("[data-jurisdiction='hubei']")!;
        Assert.Equal("10个工作日，逾期视为同意", Text(hubeiShare, ".policy-days"));
        Assert.Equal("第二十条", Text(hubeiShare, ".policy-article"));
        Assert.Contains("第二十条第三款", hubeiShare.GetAttribute("title"));
    }
}

using AngleSharp.Dom;
using Bunit;
using GovDataPortal.Features.Policies;
using GovDataPortal.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>The 政策规则 page and its tables, rendered by bUnit.</summary>
public class PoliciesPageTests : PortalComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static PolicyCatalog Catalog(string jurisdiction) =>
        new(Options.Create(new PolicyProfileSet()), Options.Create(new PortalOptions { Jurisdiction = jurisdiction }));

    private IRenderedComponent<PoliciesPage> RenderPage(string jurisdiction)
    {
        Services.AddSingleton(Catalog(jurisdiction));
        Services.AddSingleton(new GovDataPortal.Infrastructure.CurrentActor());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<RegulationLifeService>();
        return Render<PoliciesPage>();
    }

    private static IElement RuleRow(IElement table, string flow, string step) =>
        table.QuerySelectorAll("tbody tr")
            .Single(tr => tr.QuerySelector($"[data-flow='{flow}']") is not null && tr.QuerySelector($"[data-step='{step}']") is not null);

    private static string Text(IElement row, string selector) => row.QuerySelector(selector)!.TextContent.Trim();

    [Fact]
    public void The_page_takes_its_rows_from_the_active_profile()
    {
        var rows = PolicyRulesView.Rows(Catalog("hubei").Active);

        Assert.All(rows, r => Assert.Contains("湖北省政务数据资源应用与管理办法", r.Citation));
    }

    [Fact]
    public void The_page_shows_the_title_the_active_regulation_and_the_counting_rule()
    {
        var cut = RenderPage("hubei");

        Assert.Equal("政策规则", cut.Find("h1").TextContent.Trim());
        Assert.Contains("《湖北省政务数据资源应用与管理办法》", cut.Find("#policies-active").TextContent);
        Assert.Contains(DeadlineText.CountingRule, cut.Find("#policies-counting-rule").TextContent);
        var tabs = cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(["本地规则（湖北省）", "五地对比"], tabs);
        Assert.Contains("每年1月底前", cut.Find("#policies-annual").TextContent);
    }

    [Fact]
    public void The_rules_table_shows_handler_deadline_timeout_and_citation_of_each_step()
    {
        var cut = RenderPage("hubei");
        var table = cut.Find("#policy-rules-grid");

        var share = RuleRow(table, "conditional-share", "reply");
        Assert.Equal("提供部门·部门审核人", Text(share, ".policy-handler"));
        Assert.Equal("10个工作日", Text(share, ".policy-deadline"));
        Assert.Equal("视为同意", Text(share, ".policy-timeout"));
        Assert.Equal("第二十条第三款", Text(share, ".policy-citation"));
        Assert.Equal("依据《湖北省政务数据资源应用与管理办法》第二十条第三款", share.QuerySelector(".policy-citation")!.GetAttribute("title"));
        Assert.Contains("能够立即答复的，应当立即答复", cut.Find("#policy-notes dd.policy-notes[data-flow='conditional-share']").TextContent);
        Assert.Equal("同意→办结（通过）；不同意→申请部门决定是否申请协调", Text(share, ".policy-routes"));
        var verify = RuleRow(table, "data-subject-objection", "verify");
        Assert.Equal("撤回数据→及时反馈异议提交者；恢复开放→及时反馈异议提交者；处理后再开放→及时反馈异议提交者", Text(verify, ".policy-routes"));
        Assert.Contains(cut.FindAll("#policy-notes dd.policy-flow-rule[data-flow='data-subject-objection']"),
            dd => dd.TextContent.Contains("收到即中止开放"));
        Assert.Equal("无法定期限", Text(RuleRow(table, "conditional-open", "reply"), ".policy-deadline"));
    }

    [Fact]
    public void The_comparison_tab_opens_on_click_and_shows_the_five_jurisdictions()
    {
        var cut = RenderPage("hubei");
        Assert.Empty(cut.FindAll("#policy-comparison-grid"));

        cut.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "五地对比").Click();

        cut.WaitForAssertion(() => Assert.Contains("湖北省（当前）", cut.Find("#policy-comparison-grid thead").TextContent), Wait);
    }

    [Fact]
    public void The_local_tab_draws_each_flow_of_the_active_profile_and_the_comparison_tab_the_five()
    {
        var cut = RenderPage("hubei");

        Assert.Equal(BuiltInProfiles.Get(Jurisdiction.Hubei).Flows.Select(f => f.Key),
            cut.FindAll("#policies-diagrams .gdp-flow-panel").Select(p => p.GetAttribute("data-flow")));
        Assert.Empty(cut.FindAll("#policies-compare-diagrams"));

        cut.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "五地对比").Click();

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("#policies-compare-diagrams .gdp-flow-compare").Count), Wait);
    }

    [Fact]
    public void The_shuangpai_table_shows_the_extension_rule()
    {
        var cut = Render<PolicyRulesTable>(p => p.Add(x => x.Rows, PolicyRulesView.Rows(BuiltInProfiles.Get(Jurisdiction.Shuangpai))));

        Assert.Equal("最多15个工作日，须领导同意并告知申请方", Text(RuleRow(cut.Find("#policy-rules-grid"), "data-check", "check"), ".policy-extension"));
        Assert.Equal(["流程", "步骤", "办理人", "期限", "逾期处理", "延期", "去向", "依据"],
            cut.FindAll("#policy-rules-grid thead th").Select(th => th.TextContent.Trim()).Where(t => t.Length > 0));
    }

    [Fact]
    public void An_empty_rules_table_says_so()
    {
        var cut = Render<PolicyRulesTable>(p => p.Add(x => x.Rows, (IReadOnlyList<PolicyRuleRow>)[]));

        Assert.Equal("本地办法未规定任何流程。", cut.Find("#policy-rules-grid tbody td").TextContent.Trim());
        Assert.Empty(cut.FindAll("#policy-notes"));
    }

    [Fact]
    public void The_comparison_table_has_the_five_jurisdictions_as_columns_with_days_and_articles()
    {
        var cut = Render<PolicyComparisonTable>(p => p
            .Add(x => x.Rows, PolicyRulesView.Comparison(BuiltInProfiles.All))
            .Add(x => x.Active, Jurisdiction.Shuangpai));

        Assert.Equal(["流程", "长沙市", "双牌县（当前）", "湖北省", "龙岩市", "佛山市"],
            cut.FindAll("#policy-comparison-grid thead th").Select(th => th.TextContent.Trim()).Where(t => t.Length > 0));
        var hubeiShare = cut.FindAll("#policy-comparison-grid tbody tr")
            .Single(tr => tr.QuerySelector("[data-flow='conditional-share']") is not null)
            .QuerySelector("[data-jurisdiction='hubei']")!;
        Assert.Equal("10个工作日，逾期视为同意", Text(hubeiShare, ".policy-days"));
        Assert.Equal("第二十条", Text(hubeiShare, ".policy-article"));
        Assert.Contains("第二十条第三款", hubeiShare.GetAttribute("title"));
    }
}

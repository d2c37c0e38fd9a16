using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.DataChecks;

/// <summary>The pages rendered with the real services acting as a demo user (no browser).</summary>
public class DataCheckPageTests(DataCheckFixture portal) : IClassFixture<DataCheckFixture>
{
    private async Task<AngleSharp.Dom.IDocument> RenderAsAsync<TPage>(string userName, Dictionary<string, object?>? parameters = null)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        var service = scope.Get<DataCheckService>();
        var organisation = scope.Get<OrganisationService>();
        var actor = scope.Get<CurrentActor>();
        var policies = portal.Services.GetRequiredService<PolicyCatalog>();
        return await ComponentRenderer.RenderAsync<TPage>(parameters, s =>
        {
            s.AddSingleton(service);
            s.AddSingleton(organisation);
            s.AddSingleton(actor);
            s.AddSingleton(policies);
        });
    }

    private Task<AngleSharp.Dom.IDocument> DetailAsAsync(string userName, long id) =>
        RenderAsAsync<DataCheckDetailPage>(userName, new() { [nameof(DataCheckDetailPage.Id)] = id });

    [Fact]
    public async Task The_provider_approver_sees_the_rule_line_the_counting_rule_the_art_27_sentence_and_the_answer_form()
    {
        var id = await portal.RaiseAsync(resource: "页面测试数据");

        var doc = await DetailAsAsync("chenjing", id);

        Assert.Contains("页面测试数据", doc.QuerySelector("h1")!.TextContent);
        Assert.Equal("依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第二十七条第二款：5个工作日",
            doc.QuerySelector("#data-check-rule")!.TextContent.Trim());
        Assert.Contains("剩余5个工作日", doc.QuerySelector("#data-check-deadline")!.TextContent);
        Assert.Contains(DeadlineText.CountingRule, doc.QuerySelector("#data-check-deadline")!.TextContent);
        Assert.Contains(DataCheckTexts.ShuangpaiServiceContinues, doc.QuerySelector(".gdp-service-continues")!.TextContent);
        Assert.Contains("第二十七条第三款", doc.QuerySelector(".gdp-service-continues")!.TextContent);
        Assert.NotNull(doc.QuerySelector("#data-check-answer-form"));
        Assert.NotNull(doc.QuerySelector("#data-check-extension-form"));
        Assert.Null(doc.QuerySelector("#data-check-close"));
    }

    [Fact]
    public async Task The_requester_sees_no_answer_form_and_after_the_answer_can_close_or_reopen()
    {
        var id = await portal.RaiseAsync(evidence: EvidenceFiles.Pdf("证明材料.pdf"));

        var before = await DetailAsAsync("zhangwei", id);
        Assert.Null(before.QuerySelector("#data-check-answer-form"));
        Assert.Equal("证明材料.pdf", before.QuerySelector(".gdp-evidence-link")!.TextContent);
        Assert.StartsWith("attachments/", before.QuerySelector(".gdp-evidence-link")!.GetAttribute("href"));

        await portal.AnswerAsync("chenjing", id, DataCheckAnswer.NoError, "核对无误。");
        var after = await DetailAsAsync("zhangwei", id);
        Assert.Contains("经核实无误", after.QuerySelector("#data-check-answer-result")!.TextContent);
        Assert.NotNull(after.QuerySelector("#data-check-close"));
        Assert.NotNull(after.QuerySelector("#data-check-reopen-form"));
        Assert.Equal(2, after.QuerySelectorAll(".gdp-timeline-entry").Length);
    }

    [Fact]
    public async Task An_unrelated_department_gets_the_refusal_and_none_of_the_data()
    {
        var id = await portal.RaiseAsync(resource: "不应泄露的数据名");

        var doc = await DetailAsAsync("yangfan", id);

        Assert.Contains(DataCheckTexts.NotVisibleMessage, doc.QuerySelector(".gdp-refused")!.TextContent);
        Assert.DoesNotContain("不应泄露的数据名", doc.Body!.TextContent);
    }

    [Fact]
    public async Task The_list_shows_the_due_date_and_the_working_days_left_with_the_rule_as_tooltip()
    {
        var id = await portal.RaiseAsync(resource: "列表页面数据");

        var doc = await RenderAsAsync<DataChecksPage>("zhangwei");

        var link = doc.QuerySelectorAll(".gdp-data-check-link").Single(a => a.GetAttribute("href") == $"data-checks/{id}");
        var row = link.Closest("tr")!;
        Assert.Contains("剩余5个工作日", row.TextContent);
        Assert.Contains("第二十七条第二款", row.QuerySelector(".gdp-deadline")!.GetAttribute("title"));
    }

    [Fact]
    public async Task The_new_check_form_offers_other_departments_and_states_the_size_limit()
    {
        var doc = await RenderAsAsync<NewDataCheckPage>("zhangwei");

        Assert.NotNull(doc.QuerySelector("#data-check-form"));
        Assert.Contains("不超过 10 MB", doc.QuerySelector("#evidence-hint")!.TextContent);
        Assert.Contains("5个工作日", doc.QuerySelector("#data-check-rule")!.TextContent);
        Assert.Null(doc.QuerySelector(".gdp-refused"));
    }

    [Fact]
    public async Task The_new_check_form_is_refused_to_roles_that_may_not_raise()
    {
        var doc = await RenderAsAsync<NewDataCheckPage>("wangqiang");

        Assert.NotNull(doc.QuerySelector(".gdp-refused"));
        Assert.Null(doc.QuerySelector("#data-check-form"));
    }
}

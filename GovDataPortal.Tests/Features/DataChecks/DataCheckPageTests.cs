using Bunit;
using GovDataPortal.Features.Attachments;
using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.DataChecks;

/// <summary>The data-check pages rendered by bUnit with the real services acting as a demo user (no browser).</summary>
public class DataCheckPageTests(DataCheckFixture portal) : PortalComponentTest, IClassFixture<DataCheckFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private AsyncServiceScope? _scope;

    /// <summary>The page's services as <paramref name="userName"/> sees them (one scope, like one circuit).</summary>
    private async Task ActAsAsync(string userName)
    {
        _scope = await portal.ScopeAsAsync(userName);
        Services.AddSingleton(_scope.Value.Get<DataCheckService>());
        Services.AddSingleton(_scope.Value.Get<OrganisationService>());
        Services.AddSingleton(_scope.Value.Get<CurrentActor>());
        Services.AddSingleton(portal.Services.GetRequiredService<PolicyCatalog>());
    }

    private async Task<IRenderedComponent<DataCheckDetailPage>> DetailAsAsync(string userName, long id, TimeSpan? poll = null)
    {
        await ActAsAsync(userName);
        RenderDialogProvider();
        var cut = Render<DataCheckDetailPage>(p => p.Add(x => x.Id, id).Add(x => x.PollInterval, poll ?? TimeSpan.Zero));
        await cut.WaitForAssertionAsync(() => Assert.Empty(cut.FindAll(".mud-progress-linear")), Wait);
        return cut;
    }

    private async Task<IRenderedComponent<DataChecksPage>> ListAsAsync(string userName)
    {
        await ActAsAsync(userName);
        RenderPopoverProvider();
        return Render<DataChecksPage>();
    }

    private static List<string> Headers(IRenderedComponent<DataChecksPage> cut) =>
        [.. cut.FindAll(".gdp-data-check-grid thead th").Select(th => th.TextContent.Trim()).Where(t => t.Length > 0)];

    private static IEnumerable<string?> Links(IRenderedComponent<DataChecksPage> cut) =>
        cut.FindAll(".gdp-data-check-link").Select(a => a.GetAttribute("href"));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    /// <summary>The rendered pages first (they stop polling), then the user's scope.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_scope is { } scope) await scope.DisposeAsync();
    }

    [Fact]
    public async Task The_provider_approver_sees_the_rule_line_the_counting_rule_the_art_27_sentence_and_the_answer_form()
    {
        var id = await portal.RaiseAsync(resource: "页面测试数据");

        var cut = await DetailAsAsync("chenjing", id);

        Assert.Contains("页面测试数据", cut.Find("h1").TextContent);
        Assert.Equal("依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第二十七条第二款：5个工作日",
            cut.Find("#data-check-rule").TextContent.Trim());
        Assert.Contains("剩余5个工作日", cut.Find("#data-check-deadline").TextContent);
        Assert.Contains(DeadlineText.CountingRule, cut.Find("#data-check-deadline").TextContent);
        Assert.Contains(DataCheckTexts.ShuangpaiServiceContinues, cut.Find(".gdp-service-continues").TextContent);
        Assert.Contains("第二十七条第三款", cut.Find(".gdp-service-continues").TextContent);
        Assert.NotNull(cut.Find("#data-check-answer-form"));
        Assert.NotNull(cut.Find("#data-check-extension-form"));
        Assert.Empty(cut.FindAll("#data-check-close"));
        Assert.Empty(cut.FindAll("#data-check-supervising"));
    }

    [Fact]
    public async Task The_requester_sees_no_answer_form_and_after_the_answer_can_close_or_reopen()
    {
        var id = await portal.RaiseAsync(evidence: EvidenceFiles.Pdf("证明材料.pdf"));
        var cut = await DetailAsAsync("zhangwei", id);
        Assert.Empty(cut.FindAll("#data-check-answer-form"));
        Assert.Equal("证明材料.pdf", cut.Find(".gdp-evidence-link").TextContent);
        Assert.StartsWith("attachments/", cut.Find(".gdp-evidence-link").GetAttribute("href"));

        await portal.AnswerAsync("chenjing", id, DataCheckAnswer.NoError, "核对无误。");
        var after = Render<DataCheckDetailPage>(p => p.Add(x => x.Id, id).Add(x => x.PollInterval, TimeSpan.Zero));

        await after.WaitForAssertionAsync(() => Assert.Contains("经核实无误", after.Find("#data-check-answer-result").TextContent), Wait);
        Assert.NotNull(after.Find("#data-check-close"));
        Assert.NotNull(after.Find("#data-check-reopen-form"));
        Assert.Equal(2, after.FindAll(".gdp-timeline-entry").Count);
    }

    [Fact]
    public async Task The_open_page_shows_the_answer_as_soon_as_it_arrives_without_a_reload()
    {
        var id = await portal.RaiseAsync(resource: "自动刷新数据");
        var cut = await DetailAsAsync("zhangwei", id, poll: TimeSpan.FromMilliseconds(100));
        Assert.Contains("待校核", cut.Find("#data-check-summary").TextContent);

        await portal.AnswerAsync("chenjing", id, DataCheckAnswer.ConfirmedAndCorrected, "住所已更正。");

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Contains("已答复", cut.Find("#data-check-summary").TextContent);
            Assert.Contains("住所已更正。", cut.Find("#data-check-answer-result").TextContent);
            Assert.NotNull(cut.Find("#data-check-close"));
        }, Wait);
        Assert.DoesNotContain("待校核", cut.Find("#data-check-summary").TextContent);
    }

    [Fact]
    public async Task An_unrelated_department_gets_the_refusal_and_none_of_the_data()
    {
        var id = await portal.RaiseAsync(resource: "不应泄露的数据名");

        var cut = await DetailAsAsync("yangfan", id);

        Assert.Contains(DataCheckTexts.NotVisibleMessage, cut.Find(".gdp-refused").TextContent);
        Assert.DoesNotContain("不应泄露的数据名", cut.Markup);
    }

    [Fact]
    public async Task The_data_authority_reads_a_check_of_its_region_with_the_supervision_notice_and_no_actions()
    {
        var id = await portal.RaiseAsync(resource: "督办页面数据");

        var cut = await DetailAsAsync("zhaomin", id);

        Assert.Contains(DataCheckTexts.SupervisingNotice, cut.Find("#data-check-supervising").TextContent);
        Assert.Contains("督办页面数据", cut.Find("h1").TextContent);
        Assert.Empty(cut.FindAll("#data-check-answer-form, #data-check-extension-form, #data-check-close, #data-check-reopen-form"));
    }

    [Fact]
    public async Task The_list_shows_the_due_date_and_the_working_days_left_with_the_rule_as_tooltip()
    {
        var id = await portal.RaiseAsync(resource: "列表页面数据");

        var cut = await ListAsAsync("zhangwei");

        await cut.WaitForAssertionAsync(() => Assert.Contains($"data-checks/{id}", Links(cut)), Wait);
        var row = cut.FindAll(".gdp-data-check-link").Single(a => a.GetAttribute("href") == $"data-checks/{id}").Closest("tr")!;
        Assert.Contains("剩余5个工作日", row.TextContent);
        Assert.Contains("第二十七条第二款", row.QuerySelector(".gdp-deadline")!.GetAttribute("title"));
    }

    [Fact]
    public async Task Switching_tabs_shows_only_that_tabs_rows_under_the_same_columns_in_the_same_order()
    {
        var raised = await portal.RaiseAsync(resource: "标签-我部门提起");
        var about = await portal.RaiseAsync("liuyang", DemoAccounts.Police, "标签-针对我部门");
        string[] columns = ["数据资源", "类型", "提起部门", "数据提供部门", "状态", "提起时间", "校核期限"];

        var cut = await ListAsAsync("zhangwei");
        await cut.WaitForAssertionAsync(() => Assert.Contains($"data-checks/{raised}", Links(cut)), Wait);
        Assert.DoesNotContain($"data-checks/{about}", Links(cut));
        Assert.Equal(columns, Headers(cut));

        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("针对我部门数据的")).Click();

        await cut.WaitForAssertionAsync(() => Assert.Contains($"data-checks/{about}", Links(cut)), Wait);
        Assert.DoesNotContain($"data-checks/{raised}", Links(cut));
        Assert.Equal(columns, Headers(cut));
        Assert.Single(cut.FindAll(".gdp-data-check-grid"));
        Assert.DoesNotContain(cut.FindAll(".mud-tab"), t => t.TextContent.Contains("本区域"));

        cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("我部门提起的")).Click();
        await cut.WaitForAssertionAsync(() => Assert.Contains($"data-checks/{raised}", Links(cut)), Wait);
        Assert.DoesNotContain($"data-checks/{about}", Links(cut));
    }

    [Fact]
    public async Task Choosing_a_status_reloads_the_list_with_only_checks_in_that_status()
    {
        var open = await portal.RaiseAsync(resource: "筛选-待校核");
        var closed = await portal.RaiseAsync(resource: "筛选-已关闭");
        await portal.AnswerAsync("chenjing", closed);
        await portal.AsAsync("zhangwei", s => s.CloseAsync(closed));
        await ActAsAsync("zhangwei");
        var popovers = RenderPopoverProvider();
        var cut = Render<DataChecksPage>();
        await cut.WaitForAssertionAsync(() => Assert.Contains($"data-checks/{open}", Links(cut)), Wait);

        cut.Find(".gdp-filter-status .mud-input-control").MouseDown();
        await popovers.WaitForAssertionAsync(() => Assert.NotEmpty(popovers.FindAll(".mud-list-item")), Wait);
        popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "已关闭").Click();

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Contains($"data-checks/{closed}", Links(cut));
            Assert.DoesNotContain($"data-checks/{open}", Links(cut));
        }, Wait);
        Assert.All(cut.FindAll(".gdp-status"), s => Assert.Equal("已关闭", s.TextContent.Trim()));
    }

    [Fact]
    public async Task The_data_authority_opens_on_its_regions_checks_with_overdue_ones_marked()
    {
        var late = await portal.RaiseAsync(resource: "督办列表-逾期");
        portal.Clock.Set(DataCheckFixture.Beijing(2026, 11, 30));
        try
        {
            var fresh = await portal.RaiseAsync("liuyang", DemoAccounts.Police, "督办列表-未逾期");

            var cut = await ListAsAsync("zhaomin");

            await cut.WaitForAssertionAsync(() => Assert.Contains($"data-checks/{fresh}", Links(cut)), Wait);
            Assert.Contains("本区域（督办）", cut.Find(".mud-tab-active").TextContent);
            Assert.NotNull(cut.Find("#data-check-supervision-note"));
            Assert.Empty(cut.FindAll("#data-check-create"));
            var row = cut.FindAll(".gdp-data-check-link").Single(a => a.GetAttribute("href") == $"data-checks/{late}").Closest("tr")!;
            Assert.Contains("已逾期", row.QuerySelector(".gdp-overdue-chip")!.TextContent);
            Assert.Contains("gdp-row-overdue", row.ClassName);
            var freshRow = cut.FindAll(".gdp-data-check-link").Single(a => a.GetAttribute("href") == $"data-checks/{fresh}").Closest("tr")!;
            Assert.Null(freshRow.QuerySelector(".gdp-overdue-chip"));
        }
        finally
        {
            portal.Clock.Set(PortalFixture.Start);
        }
    }

    [Fact]
    public async Task The_new_check_form_offers_other_departments_and_states_the_size_limit()
    {
        await ActAsAsync("zhangwei");
        RenderPopoverProvider();
        var cut = Render<NewDataCheckPage>();

        await cut.WaitForAssertionAsync(() => Assert.NotNull(cut.Find("#data-check-form")), Wait);
        Assert.Contains("不超过 10 MB", cut.Find("#evidence-hint").TextContent);
        Assert.Contains("5个工作日", cut.Find("#data-check-rule").TextContent);
        Assert.Equal("选择证明材料", cut.Find("#evidence-choose").TextContent.Trim());
        Assert.Empty(cut.FindAll(".gdp-refused"));
    }

    [Fact]
    public async Task The_new_check_form_is_refused_to_roles_that_may_not_raise()
    {
        await ActAsAsync("wangqiang");
        var cut = Render<NewDataCheckPage>();

        Assert.NotNull(cut.Find(".gdp-refused"));
        Assert.Empty(cut.FindAll("#data-check-form"));
    }

    [Fact]
    public async Task A_long_description_shows_its_count_against_the_limit_and_is_refused_not_cut()
    {
        await ActAsAsync("zhangwei");
        RenderPopoverProvider();
        var cut = Render<NewDataCheckPage>();
        var before = await portal.CountsAsync();
        var text = new string('述', 5000);

        cut.Find("textarea#description").Input(text);

        await cut.WaitForAssertionAsync(() =>
        {
            Assert.Contains("5000 / 2000", cut.Markup);
            Assert.Contains("最多 2000 个字符，当前 5000 个，请删减。", cut.Markup);
        }, Wait);
        Assert.Equal(5000, cut.Find("textarea#description").GetAttribute("value")?.Length ?? cut.Find("textarea#description").TextContent.Length);
        cut.Find("#data-check-submit").Click();
        await cut.WaitForAssertionAsync(() => Assert.Contains("请按提示修改后再提交。", cut.Find(".gdp-field-error[data-field='form']").TextContent), Wait);
        Assert.Equal(before, await portal.CountsAsync());
        // No browser-side cut: MudBlazor's default maxlength is the browser's own (512 Ki characters), far above the limit.
        Assert.True(int.Parse(cut.Find("textarea#description").GetAttribute("maxlength") ?? "524288") >= 524_288);
    }

    [Fact]
    public async Task A_chosen_evidence_file_shows_its_name_size_and_a_remove_button_and_a_wrong_type_is_refused_in_chinese()
    {
        await ActAsAsync("zhangwei");
        RenderPopoverProvider();
        var cut = Render<NewDataCheckPage>();
        var input = cut.FindComponent<InputFile>();

        input.UploadFiles(InputFileContent.CreateFromBinary([.. "%PDF-1.7\n"u8.ToArray(), .. new byte[2039]], "营业执照.pdf", contentType: "application/pdf"));

        await cut.WaitForAssertionAsync(() => Assert.Equal("营业执照.pdf", cut.Find(".gdp-attachment-name").TextContent), Wait);
        Assert.Contains("2 KB", cut.Find(".gdp-attachment-size").TextContent);
        Assert.Empty(cut.FindAll(".gdp-attachment-problem"));
        Assert.Equal("重新选择", cut.Find("#evidence-choose").TextContent.Trim());

        cut.Find(".gdp-attachment-remove").Click();
        await cut.WaitForAssertionAsync(() => Assert.Empty(cut.FindAll(".gdp-attachment-chosen")), Wait);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("MZ", "工具.exe"));
        await cut.WaitForAssertionAsync(() =>
            Assert.Equal($"不支持该文件类型，仅支持 {AttachmentRules.AllowedText}。", cut.Find(".gdp-attachment-problem").TextContent), Wait);
    }

    [Fact]
    public async Task Extension_days_above_what_art_27_allows_show_the_articles_limit_and_are_neither_clamped_nor_sent()
    {
        var id = await portal.RaiseAsync("liuyang", DemoAccounts.Police, "延期页面数据");
        var cut = await DetailAsAsync("lina", id);

        cut.Find("input#extensionDays").Input("20");
        cut.Find("textarea#extension-reason").Input("档案量大");

        await cut.WaitForAssertionAsync(() =>
            Assert.Contains("延期累计不得超过15个工作日，本事项最多还可延期15个工作日（依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第二十七条第二款）。",
                cut.Markup), Wait);
        Assert.Equal("20", cut.Find("input#extensionDays").GetAttribute("value"));
        Assert.Null(cut.Find("input#extensionDays").GetAttribute("max"));
        cut.Find("#data-check-extend").Click();
        await using var db = await portal.DbAsync();
        var task = await portal.CheckTaskAsync(id);
        Assert.False(await db.FlowTasks.AnyAsync(t => t.InstanceId == task.InstanceId && t.Kind == FlowTaskKind.ExtensionConsent));
        Assert.Equal(0, task.ExtensionDays);
    }

    /// <summary>
    /// Review finding: opening another check in the same page (only Id changes, as a link from one check to another
    /// does) reloaded the check but kept what was typed and the messages shown for the previous one.
    /// </summary>
    [Fact]
    public async Task Opening_another_check_clears_what_was_typed_and_the_messages_for_the_previous_one()
    {
        var first = await portal.RaiseAsync(resource: "切换前的校核");
        var second = await portal.RaiseAsync(resource: "切换后的校核");
        var cut = await DetailAsAsync("chenjing", first);

        cut.Find("textarea#explanation").Input("第一条校核的说明");
        cut.Find("#data-check-answer").Click(); // no result chosen: the service's message shows under it
        await cut.WaitForAssertionAsync(() => Assert.NotEmpty(cut.FindAll(".gdp-field-error")), Wait);
        cut.FindAll(".gdp-answer-option input[type=radio]")[0].Click();
        cut.Find("input#extensionDays").Input("3");
        cut.Find("textarea#extension-reason").Input("第一条校核的延期理由");
        await cut.WaitForAssertionAsync(() => Assert.Equal("3", cut.Find("input#extensionDays").GetAttribute("value")), Wait);

        cut.Render(p => p.Add(x => x.Id, second));

        await cut.WaitForAssertionAsync(() => Assert.Contains("切换后的校核", cut.Find("h1").TextContent), Wait);
        static string Text(AngleSharp.Dom.IElement e) => e.GetAttribute("value") ?? e.TextContent;
        Assert.Equal("", Text(cut.Find("textarea#explanation")));
        Assert.Equal("", Text(cut.Find("input#extensionDays")));
        Assert.Equal("", Text(cut.Find("textarea#extension-reason")));
        Assert.DoesNotContain(cut.FindAll(".gdp-answer-option input[type=radio]"), r => r.HasAttribute("checked"));
        Assert.Empty(cut.FindAll(".gdp-field-error"));
        Assert.DoesNotContain("第一条校核", cut.Markup);
    }

    /// <summary>Issue 7: a NUL typed into the form reached PostgreSQL, ended the circuit and left the button on 正在提交….</summary>
    [Fact]
    public async Task A_NUL_in_the_new_check_form_is_a_Chinese_error_under_its_field_and_the_button_is_ready_again()
    {
        await ActAsAsync("zhangwei");
        RenderPopoverProvider();
        var cut = Render<NewDataCheckPage>();
        await cut.WaitForAssertionAsync(() => Assert.NotNull(cut.Find("#data-check-form")), Wait);
        var before = await portal.CountsAsync();

        cut.Find("input#resourceName").Input("企业登记\0基本信息");
        cut.Find("textarea#description").Input("企业住所与营业执照不一致。");
        cut.Find("#data-check-submit").Click();

        await cut.WaitForAssertionAsync(() => Assert.Equal("数据资源名称包含不允许的控制字符。",
            cut.Find(".gdp-field-error[data-field='resourceName']").TextContent), Wait);
        Assert.Equal("提交", cut.Find("#data-check-submit").TextContent.Trim());
        Assert.False(cut.Find("#data-check-submit").HasAttribute("disabled"));
        Assert.Equal(before, await portal.CountsAsync());
    }

    [Fact]
    public async Task An_unexpected_error_on_submit_is_said_in_Chinese_next_to_the_button_which_is_ready_again()
    {
        _scope = await portal.ScopeAsAsync("zhangwei");
        var (service, breakdown) = Breakdown.Service<DataCheckService>(_scope.Value);
        Services.AddSingleton(service);
        Services.AddSingleton(_scope.Value.Get<OrganisationService>());
        Services.AddSingleton(_scope.Value.Get<CurrentActor>());
        Services.AddSingleton(portal.Services.GetRequiredService<PolicyCatalog>());
        var log = LogRecorder.AddTo(Services);
        RenderPopoverProvider();
        var cut = Render<NewDataCheckPage>();
        await cut.WaitForAssertionAsync(() => Assert.NotNull(cut.Find("#data-check-form")), Wait);
        cut.Find("input#resourceName").Input("企业登记基本信息");
        cut.Find("textarea#description").Input("企业住所与营业执照不一致。");

        breakdown.Broken = true;
        cut.Find("#data-check-submit").Click();

        await cut.WaitForAssertionAsync(() => Assert.Equal(GovDataPortal.Components.Shared.UiMessages.UnexpectedSubmitFailure,
            cut.Find(".gdp-field-error[data-field='form']").TextContent), Wait);
        Assert.Equal("提交", cut.Find("#data-check-submit").TextContent.Trim());
        Assert.False(cut.Find("#data-check-submit").HasAttribute("disabled"));
        Assert.Equal("企业登记基本信息", cut.Find("input#resourceName").GetAttribute("value"));
        Assert.Contains(log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Exception?.Message == Breakdown.Message);
    }
}

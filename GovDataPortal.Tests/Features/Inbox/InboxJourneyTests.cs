using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Browser;
using GovDataPortal.Tests.Support;
using Microsoft.Playwright;
using static GovDataPortal.Tests.Features.Inbox.InboxArrange;

namespace GovDataPortal.Tests.Features.Inbox;

/// <summary>
/// In Chromium at 1366×768: 市场监督管理局's approver works a task from 我的待办 while the 公安局 submitter's open page
/// shows the outcome arriving in the header bell, without a reload; a real data check is answered on its own page and
/// 已办 and the history name the answer. Only the server clock matters for the deadline.
/// </summary>
[Collection("browser")]
public class InboxJourneyTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    private const string Title = "企业登记住所数据疑义（浏览器测试）";

    [Fact]
    public async Task An_approver_decides_from_the_inbox_and_the_submitters_bell_updates_live()
    {
        // Received Monday 23 November 2026 → due Monday 30 November; on Wednesday 25th: 26, 27, 30 remain.
        web.Clock.Set(Beijing(2026, 11, 23));
        var instance = await web.StartFlowAsync("zhangwei", DemoAccounts.Market, Title);
        web.Clock.Set(Beijing(2026, 11, 25));

        var submitter = await SignedInAsync("zhangwei");
        var before = await BellCountAsync(submitter);
        await submitter.EvaluateAsync("() => window.__sameDocument = true"); // gone if the page reloads

        var approver = await SignedInAsync("chenjing");
        await approver.GotoAsync("inbox");
        await BrowserFixture.WaitForCircuitAsync(approver);
        var row = approver.Locator("#inbox-grid tr", new() { HasText = Title });
        await Assertions.Expect(row.Locator(".gdp-remaining")).ToHaveTextAsync("剩余3个工作日");
        await Assertions.Expect(row.Locator(".gdp-inbox-due")).ToContainTextAsync("2026-11-30");
        await Assertions.Expect(row.Locator(".gdp-inbox-due")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("第二十七条"));
        await Assertions.Expect(row.Locator(".gdp-inbox-sender")).ToHaveTextAsync("张伟（双牌县公安局）");
        await BrowserFixture.ScreenshotAsync(approver, "inbox-approver-list");
        // Not overdue: 仅看逾期 hides it, and clearing the filter brings it back.
        await approver.Locator(".gdp-filter-overdue").GetByText("仅看逾期").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(approver.Locator("#inbox-empty")).ToHaveTextAsync("没有符合筛选条件的待办。");
        await approver.Locator(".gdp-filter-overdue").GetByText("仅看逾期").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(1);

        await row.Locator("a.gdp-inbox-subject").ClickAsync();
        await approver.WaitForURLAsync(u => u.Contains("/inbox/"));
        await Assertions.Expect(approver.Locator("#task-rule")).ToContainTextAsync("第二十七条");
        await approver.FillAsync("#decision-comment", "经核实，登记住所数据无误。");
        await BrowserFixture.ScreenshotAsync(approver, "inbox-approver-task");
        await approver.ClickAsync("#decision-actions [data-action='Approve']");
        await Assertions.Expect(approver.Locator(".mud-snackbar")).ToContainTextAsync("已同意");
        await Assertions.Expect(approver.Locator("#task-status")).ToContainTextAsync("已办理（同意）");
        await Assertions.Expect(approver.Locator("#decision-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(approver.Locator(".gdp-timeline-comment")).ToContainTextAsync("经核实，登记住所数据无误。");
        await BrowserFixture.ScreenshotAsync(approver, "inbox-approver-decided");

        // The flow ended: its submitter is told. The bell polls, so the count rises on the page as it stands.
        await Assertions.Expect(submitter.Locator(".gdp-bell-count")).ToHaveTextAsync((before + 1).ToString(), new() { Timeout = 15_000 });
        Assert.True(await submitter.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        await submitter.ClickAsync(".gdp-bell-button");
        await Assertions.Expect(submitter.Locator(".gdp-bell-panel .gdp-notification").First).ToContainTextAsync(Title);
        await BrowserFixture.ScreenshotAsync(submitter, "inbox-submitter-bell");

        // Opening it marks it read and leads to the flow's history.
        await submitter.Locator(".gdp-bell-panel .gdp-notification").First.ClickAsync();
        await submitter.WaitForURLAsync(u => u.Contains($"/inbox/history/{instance}"));
        await Assertions.Expect(submitter.Locator("#history-status")).ToContainTextAsync("已办结");
    }

    [Fact]
    public async Task Missing_reasons_and_a_lost_race_are_shown_in_Chinese_and_the_task_reloads()
    {
        web.Clock.Set(Beijing(2026, 11, 23));
        var instance = await web.RaiseToPoliceAsync("并发办理（浏览器测试）");
        var task = await web.OpenTaskAsync(instance);
        var first = await SignedInAsync("lina");
        var second = await SignedInAsync("lina"); // the same person in a second window, page left open
        foreach (var page in new[] { first, second })
        {
            await page.GotoAsync($"inbox/{task.Id}");
            await BrowserFixture.WaitForCircuitAsync(page);
        }

        // 退回修改 needs what to change.
        await first.ClickAsync("#decision-actions [data-action='Return']");
        await Assertions.Expect(first.Locator(".gdp-field-error[data-field='comment']")).ToHaveTextAsync("退回必须说明需要修改的内容。");
        await first.ClickAsync("#decision-actions [data-action='Approve']");
        await Assertions.Expect(first.Locator("#task-status")).ToContainTextAsync("已办理");

        // The stale window tries too: it is told, and shows the task as it now is.
        await second.ClickAsync("#decision-actions [data-action='Approve']");
        await Assertions.Expect(second.Locator("#task-message")).ToContainTextAsync("该任务已由他人处理");
        await Assertions.Expect(second.Locator("#task-status")).ToContainTextAsync("已办理（同意）");
        await Assertions.Expect(second.Locator("#decision-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(second.Locator(".gdp-inbox-count")).ToHaveCountAsync(0); // the menu badge recounted
        await BrowserFixture.ScreenshotAsync(second, "inbox-lost-race");
    }

    [Fact]
    public async Task A_data_check_is_answered_on_its_page_and_done_and_the_history_name_the_answer()
    {
        web.Clock.Set(Beijing(2026, 11, 23));
        var (checkId, instance) = await web.RaiseDataCheckAsync("企业登记住所（浏览器测试校核）");
        var task = await web.OpenTaskAsync(instance);
        var lina = await SignedInAsync("lina");

        // The task offers what works (退回修改, 申请延期) and the way to answer; 同意 would have failed.
        await lina.GotoAsync($"inbox/{task.Id}");
        await BrowserFixture.WaitForCircuitAsync(lina);
        await Assertions.Expect(lina.Locator("#decision-actions [data-action]")).ToHaveCountAsync(2);
        await Assertions.Expect(lina.Locator("#decision-actions [data-action='Approve']")).ToHaveCountAsync(0);
        await Assertions.Expect(lina.Locator("#decision-answer-link")).ToHaveAttributeAsync("href", $"data-checks/{checkId}");
        await Assertions.Expect(lina.Locator("#task-sender")).ToHaveTextAsync("刘洋（双牌县市场监督管理局）");
        await BrowserFixture.ScreenshotAsync(lina, "inbox-data-check-task");
        await lina.ClickAsync("#decision-answer-link");
        await lina.WaitForURLAsync(u => u.Contains($"/data-checks/{checkId}"));

        // Answered there (through its service here: that page is another feature's), 已办 and the history say what was found.
        await using (var scope = await web.ScopeAsAsync("lina"))
            await scope.Get<DataCheckService>().AnswerAsync(checkId, task.Id, task.Version, DataCheckAnswer.NoError, "已与登记系统核对，住所无误。");
        await lina.GotoAsync("inbox");
        await BrowserFixture.WaitForCircuitAsync(lina);
        await BrowserFixture.ScreenshotAsync(lina, "inbox-open-tab");
        await lina.GetByRole(AriaRole.Tab, new() { Name = "已办" }).ClickAsync();
        var done = lina.Locator("#done-grid tr", new() { HasText = "企业登记住所（浏览器测试校核）" });
        await Assertions.Expect(done.Locator(".gdp-done-decision")).ToHaveTextAsync("经核实无误");
        await BrowserFixture.ScreenshotAsync(lina, "inbox-done-tab");

        await done.Locator(".gdp-done-history").ClickAsync();
        await lina.WaitForURLAsync(u => u.Contains($"/inbox/history/{instance}"));
        await Assertions.Expect(lina.Locator("#history-status")).ToContainTextAsync("已办结");
        await Assertions.Expect(lina.Locator(".gdp-timeline-action")).ToHaveTextAsync(["提交", "经核实无误"]);
        await BrowserFixture.ScreenshotAsync(lina, "inbox-history");
    }

    /// <summary>Signed in, at the laptop size people use (1366×768).</summary>
    private async Task<IPage> SignedInAsync(string userName)
    {
        var page = await web.SignedInPageAsync(userName);
        return page;
    }

    private static async Task<int> BellCountAsync(IPage page)
    {
        await page.WaitForSelectorAsync(".gdp-bell-button");
        var badge = page.Locator(".gdp-bell-count");
        return await badge.CountAsync() == 0 ? 0 : int.Parse(await badge.InnerTextAsync());
    }
}

using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Browser;
using Microsoft.Playwright;
using static GovDataPortal.Tests.Features.Inbox.InboxArrange;

namespace GovDataPortal.Tests.Features.Inbox;

/// <summary>
/// In Chromium: 市场监督管理局's approver works a data check from 我的待办 while the 公安局 submitter's open page shows
/// the outcome arriving in the header bell, without a reload. Only the server clock matters for the deadline.
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

        var submitter = await web.SignedInPageAsync("zhangwei");
        var before = await BellCountAsync(submitter);
        await submitter.EvaluateAsync("() => window.__sameDocument = true"); // gone if the page reloads

        var approver = await web.SignedInPageAsync("chenjing");
        await approver.GotoAsync("inbox");
        await BrowserFixture.WaitForCircuitAsync(approver);
        var row = approver.Locator("#inbox-grid tr", new() { HasText = Title });
        await Assertions.Expect(row.Locator(".gdp-remaining")).ToHaveTextAsync("剩余3个工作日");
        await Assertions.Expect(row.Locator(".gdp-inbox-due")).ToContainTextAsync("2026-11-30");
        await Assertions.Expect(row.Locator(".gdp-inbox-due")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("第二十七条"));
        await BrowserFixture.ScreenshotAsync(approver, "inbox-approver-list");
        // Not overdue: 仅看逾期 hides it, and clearing the filter brings it back.
        await approver.ClickAsync("#inbox-filters .rz-chkbox-box");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await approver.ClickAsync("#inbox-filters .rz-chkbox-box");
        await Assertions.Expect(row).ToHaveCountAsync(1);

        await row.Locator("a.gdp-inbox-subject").ClickAsync();
        await approver.WaitForURLAsync(u => u.Contains("/inbox/"));
        await Assertions.Expect(approver.Locator("#task-rule")).ToContainTextAsync("第二十七条");
        await approver.ClickAsync("#decision-actions [data-action='Approve']");
        await approver.FillAsync("#decision-form textarea[name='comment']", "经核实，登记住所数据无误。");
        await BrowserFixture.ScreenshotAsync(approver, "inbox-approver-task");
        await approver.ClickAsync("#decision-submit");
        await Assertions.Expect(approver.Locator("#task-message")).ToContainTextAsync("已同意");
        await Assertions.Expect(approver.Locator("#task-status")).ToContainTextAsync("已办理");
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
        var first = await web.SignedInPageAsync("lina");
        var second = await web.SignedInPageAsync("lina"); // the same person in a second window, page left open
        foreach (var page in new[] { first, second })
        {
            await page.GotoAsync($"inbox/{task.Id}");
            await BrowserFixture.WaitForCircuitAsync(page);
        }

        // 退回修改 needs what to change.
        await first.ClickAsync("#decision-actions [data-action='Return']");
        await first.ClickAsync("#decision-submit");
        await Assertions.Expect(first.Locator(".gdp-field-error[data-field='comment']")).ToHaveTextAsync("退回必须说明需要修改的内容。");
        await first.ClickAsync("#decision-actions [data-action='Approve']");
        await first.ClickAsync("#decision-submit");
        await Assertions.Expect(first.Locator("#task-status")).ToContainTextAsync("已办理");

        // The stale window tries too: it is told, and shows the task as it now is.
        await second.ClickAsync("#decision-actions [data-action='Approve']");
        await second.ClickAsync("#decision-submit");
        await Assertions.Expect(second.Locator("#task-message")).ToContainTextAsync("该任务已由他人处理");
        await Assertions.Expect(second.Locator("#task-status")).ToContainTextAsync("已办理（同意）");
        await Assertions.Expect(second.Locator("#decision-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(second.Locator(".gdp-inbox-count")).ToHaveCountAsync(0); // the menu badge recounted
        await BrowserFixture.ScreenshotAsync(second, "inbox-lost-race");
    }

    private static async Task<int> BellCountAsync(IPage page)
    {
        await page.WaitForSelectorAsync(".gdp-bell-button");
        var badge = page.Locator(".gdp-bell-count");
        return await badge.CountAsync() == 0 ? 0 : int.Parse(await badge.InnerTextAsync());
    }
}

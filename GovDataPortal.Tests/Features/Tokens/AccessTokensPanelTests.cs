using Bunit;
using GovDataPortal.Features.Tokens;
using GovDataPortal.Tests.Components;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace GovDataPortal.Tests.Features.Tokens;

/// <summary>
/// The token panel of the profile page rendered by bUnit with the real service. User-reported: token times were cut
/// off in the table; they are now shown in full, to the minute in Beijing time, in cells that do not wrap.
/// </summary>
public class AccessTokensPanelTests(PortalFixture portal) : PortalComponentTest, IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Created_expiry_and_last_use_times_are_shown_in_full_in_beijing_time_on_one_line()
    {
        await using var scope = await portal.ScopeAsAsync("yangfan");
        var tokens = scope.Get<AccessTokenService>();
        var used = await tokens.IssueAsync("同步脚本", portal.Clock.GetUtcNow().AddDays(30));
        var unused = await tokens.IssueAsync("备用", null);
        await using (var db = await portal.DbAsync())
        {
            // 01:05 UTC is 09:05 in Beijing; 16:00 UTC on 31 December is midnight of 1 January there.
            await db.PersonalAccessTokens.Where(t => t.Id == used.Id).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.CreatedAt, new DateTimeOffset(2026, 11, 20, 1, 5, 0, TimeSpan.Zero))
                .SetProperty(t => t.ExpiresAt, new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero))
                .SetProperty(t => t.LastUsedAt, new DateTimeOffset(2026, 11, 21, 14, 59, 59, TimeSpan.Zero)));
            await db.PersonalAccessTokens.Where(t => t.Id == unused.Id).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.CreatedAt, new DateTimeOffset(2026, 11, 19, 23, 30, 0, TimeSpan.Zero)));
        }
        Services.AddSingleton(tokens);
        Services.AddSingleton<TimeProvider>(portal.Clock);
        RenderPopoverProvider();

        var panel = Render<AccessTokensPanel>();

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("#token-grid tbody tr").Count), TimeSpan.FromSeconds(10));
        var rows = panel.FindAll("#token-grid tbody tr");
        string[] Times(int row) => rows[row].QuerySelectorAll(".gdp-token-time").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Contains("同步脚本", rows[0].TextContent);
        Assert.Equal(["2026-11-20 09:05", "2027-01-01 00:00", "2026-11-21 22:59"], Times(0));
        // Issued without a date: the default 90 days from issue (10:00 Beijing on 20 November 2026).
        Assert.Equal(["2026-11-20 07:30", "2027-02-18 10:00", "从未使用"], Times(1));
        Assert.All(rows.SelectMany(r => r.QuerySelectorAll(".gdp-token-time")), c => Assert.Contains("gdp-nowrap", c.ClassList));
        Assert.Contains("不填到期日则 90 天后到期", panel.Find("#profile-tokens").TextContent);
    }

    /// <summary>
    /// Review finding: a second click that reached the handler while the first was still validating or saving issued a
    /// second token. Both clicks are delivered here before the first finishes (as two clicks in quick succession reach the
    /// server before the disabled button does); exactly one token may exist.
    /// </summary>
    [Fact]
    public async Task Two_quick_clicks_on_issue_issue_one_token()
    {
        await using var scope = await portal.ScopeAsAsync("liuyang");
        Services.AddSingleton(scope.Get<AccessTokenService>());
        Services.AddSingleton<TimeProvider>(portal.Clock);
        RenderPopoverProvider();
        var panel = Render<AccessTokensPanel>();
        panel.WaitForAssertion(() => Assert.Contains("尚未签发访问令牌。", panel.Find("#token-grid").TextContent), TimeSpan.FromSeconds(10));
        panel.Find("input#token-name").Input("双击测试");
        var issue = panel.FindComponents<MudButton>().Single(b => b.Find("button").Id == "token-issue");

        await panel.InvokeAsync(() => Task.WhenAll(issue.Instance.OnClick.InvokeAsync(), issue.Instance.OnClick.InvokeAsync()));

        panel.WaitForAssertion(() => Assert.Contains("双击测试", panel.Find("#token-grid tbody").TextContent), TimeSpan.FromSeconds(10));
        Assert.Single(panel.FindAll("#token-grid tbody tr"));
        Assert.Contains("双击测试", panel.Find("#token-secret").TextContent);
        await using var db = await portal.DbAsync();
        var user = await db.Users.SingleAsync(u => u.UserName == "liuyang");
        Assert.Equal(1, await db.PersonalAccessTokens.CountAsync(t => t.UserId == user.Id));
        Assert.Equal("签发令牌", panel.Find("#token-issue").TextContent.Trim()); // usable again
    }
}

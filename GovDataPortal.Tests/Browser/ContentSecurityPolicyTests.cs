using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Browser;

/// <summary>
/// Under the Content-Security-Policy the portal still works in a real browser: sign-in, the live circuit (a click
/// round-trips through the WebSocket), MudBlazor pages and a dialog — and the browser reports no policy violation.
/// </summary>
[Collection("browser")]
public class ContentSecurityPolicyTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Pages_and_the_circuit_work_under_the_policy_without_violations()
    {
        var page = await web.NewPageAsync();
        var violations = new ConcurrentQueue<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Enqueue(m.Text);
        };
        // Init scripts are injected by the browser driver, outside the page's policy.
        await page.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => " +
            "window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");

        var login = await page.GotoAsync("account/login");
        Assert.Contains("frame-ancestors 'self'", (await login!.AllHeadersAsync())["content-security-policy"]);
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", global::GovDataPortal.Features.Demo.DemoAccounts.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(u => !u.Contains("/account/login"));
        await BrowserFixture.WaitForCircuitAsync(page);

        var drawer = page.Locator(".gdp-drawer");
        await page.ClickAsync(".gdp-menu-toggle");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await page.ClickAsync(".gdp-menu-toggle");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));

        await page.GotoAsync("departments");
        await BrowserFixture.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator(".mud-table-row, .mud-data-grid tr").First).ToBeVisibleAsync();

        var recorded = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.True(violations.IsEmpty && recorded.Length == 0,
            "CSP violations: " + string.Join(" | ", violations.Concat(recorded)));
    }

    [Fact]
    public async Task Kestrel_sends_no_Server_header()
    {
        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl) };
        var response = await http.GetAsync("account/login");
        Assert.False(response.Headers.Contains("Server"), "Server: " + string.Join(",", response.Headers.Server));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }
}

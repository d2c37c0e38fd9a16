using System.Text.RegularExpressions;
using GovDataPortal.Features.Demo;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Browser;

/// <summary>
/// Every main page, as each demo role, shows no English: the page's visible text (MudBlazor's own texts included) may
/// hold Latin letters only in proper names, user names, e-mail addresses and token prefixes.
/// </summary>
[Collection("browser")]
public partial class ChineseEverywhereJourneyTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    // Names of things that stay as they are in Chinese text too.
    private static readonly HashSet<string> ProperNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "PostgreSQL", "CSV", "xlsx", "Excel", "WPS", "API", "OpenAPI", "PDF", "MySQL", "REST", "SMTP", "HTTP", "HTTPS", "JSON", "URL",
        "SHA", "ID", "IP", "UTF",
        "Authorization", "Bearer", // the HTTP header shown with personal access tokens, as it must be typed
        "GB", // national standards are cited by their code (GB/T 22239-2019)
        // 登录会话 names each session's browser and system as their makers do
        "Chrome", "Edge", "Firefox", "Safari", "Windows", "Linux", "Android", "macOS", "iOS",
    };

    [Theory]
    [InlineData("zhangwei")]
    [InlineData("lina")]
    [InlineData("wangqiang")]
    [InlineData("zhaomin")]
    [InlineData("admin")]
    [InlineData("security")]
    [InlineData("auditor")]
    public async Task No_page_in_the_menu_shows_English(string userName)
    {
        var page = await web.SignedInPageAsync(userName);
        var targets = await page.Locator(".gdp-drawer a[href]").EvaluateAllAsync<string[]>(
            "links => links.map(a => a.getAttribute('href')).filter(h => h !== null && !h.startsWith('admin/jobs'))");
        Assert.True(targets.Length >= 6, $"only {targets.Length} menu links for {userName}");

        var findings = new List<string>();
        foreach (var target in targets.Distinct())
        {
            await page.GotoAsync(target.Length == 0 ? "./" : target);
            await BrowserFixture.WaitForCircuitAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.WaitForFunctionAsync("() => !document.body.innerText.includes('正在加载')");
            // <code> shows what must be typed as it is (a CSV header, an HTTP header): not prose.
            var text = await page.EvaluateAsync<string>(
                "() => { document.querySelectorAll('code').forEach(c => c.textContent = ''); return document.body.innerText; }");
            findings.AddRange(EnglishWords(text).Select(w => $"{target}: {w}"));
            await BrowserFixture.ScreenshotAsync(page, $"chinese-{userName}-{(target.Length == 0 ? "home" : target.Replace('/', '-'))}");
        }
        Assert.True(findings.Count == 0, $"English on {userName}'s pages:\n" + string.Join("\n", findings.Distinct()));
    }

    private static IEnumerable<string> EnglishWords(string text)
    {
        var cleaned = Email().Replace(text, " ");
        cleaned = TokenPrefix().Replace(cleaned, " ");
        cleaned = Code().Replace(cleaned, " "); // 统一社会信用代码, hashes, ids: runs of letters and digits
        foreach (var account in DemoAccounts.All) cleaned = cleaned.Replace(account.UserName, " ", StringComparison.Ordinal);
        cleaned = cleaned.Replace("seed-demo", " ", StringComparison.Ordinal); // the account that wrote the demo data
        return LatinWord().Matches(cleaned).Select(m => m.Value).Where(w => !ProperNames.Contains(w)).Distinct();
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"gdp_[A-Za-z0-9_\-]+")]
    private static partial Regex TokenPrefix();

    [GeneratedRegex(@"(?<![0-9A-Za-z-])[0-9A-Za-z-]*[0-9][0-9A-Za-z-]*(?![0-9A-Za-z-])")]
    private static partial Regex Code();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex LatinWord();
}

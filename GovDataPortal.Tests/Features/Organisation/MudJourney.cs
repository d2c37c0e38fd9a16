using System.Text.RegularExpressions;
using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Browser;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Features.Organisation;

/// <summary>Driving MudBlazor inputs in Chromium for the organisation, identity and token journeys.</summary>
internal static partial class MudJourney
{
    /// <summary>Opens the MudSelect whose input has the id and clicks the option with the text; waits for the list to close.</summary>
    public static async Task ChooseAsync(IPage page, string inputId, string text)
    {
        await page.Locator($".mud-select.mud-input-control:has(#{inputId})").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = text }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Types into the MudAutocomplete whose input has the id and picks the suggestion with the text.</summary>
    public static async Task PickAsync(IPage page, string inputId, string typed, string text)
    {
        await page.Locator($"#{inputId}").FillAsync(typed);
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = text }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>A snackbar (MudBlazor's confirmation) with the text.</summary>
    public static ILocator Snackbar(IPage page, string text) => page.Locator(".mud-snackbar", new() { HasTextString = text });

    /// <summary>
    /// Visible English words on the page (MudBlazor built-ins that escaped the Chinese localizer), ignoring code, user
    /// names, the API, format, browser and operating-system names the portal shows on purpose, and icon ligatures (.rzi) of shell parts still awaiting conversion.
    /// </summary>
    public static async Task<string[]> EnglishWordsAsync(IPage page)
    {
        var text = await page.EvaluateAsync<string>(
            "() => { const c = document.body.cloneNode(true); c.querySelectorAll('code, script, style, .gdp-token-secret, .rzi').forEach(e => e.remove()); return c.innerText; }");
        string[] allowed = ["API", "api", "Authorization", "Bearer", "GB", "PostgreSQL", "xlsx", "CSV", "journey",
            // The 登录会话 list names each session's browser and system as their makers do.
            "Chrome", "Edge", "Firefox", "Safari", "Windows", "Linux", "Android", "macOS", "iOS",
            // A user name such as minzheng.ld reads as two words here.
            .. DemoAccounts.All.SelectMany(a => a.UserName.Split('.'))];
        return EnglishWord().Matches(text).Select(m => m.Value).Where(w => !allowed.Contains(w)).Distinct().ToArray();
    }

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex EnglishWord();

    /// <summary>Looks at the page as a person would: a full-page PNG when PORTAL_SCREENSHOTS is set, after no English slipped in.</summary>
    public static async Task LookAsync(IPage page, string name)
    {
        Assert.Empty(await EnglishWordsAsync(page));
        await BrowserFixture.ScreenshotAsync(page, name);
    }
}

using Microsoft.Playwright;

namespace GovDataPortal.Tests.Browser;

/// <summary>Own fixture: this test stops the server under the open page.</summary>
[Collection("browser")]
public class ReconnectJourneyTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task When_the_server_goes_away_the_page_says_so_in_Chinese()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        var modal = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(modal).Not.ToBeVisibleAsync();

        await web.Factory.DisposeAsync(); // the 9.0 script drives the modal through components-reconnect-* classes

        await Assertions.Expect(modal).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(modal).ToContainTextAsync("连接", new() { Timeout = 20_000 });
        await BrowserFixture.ScreenshotAsync(page, "reconnect");
    }
}

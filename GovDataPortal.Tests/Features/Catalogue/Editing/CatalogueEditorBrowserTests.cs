using GovDataPortal.Tests.Browser;
using Microsoft.Playwright;

namespace GovDataPortal.Tests.Features.Catalogue.Editing;

/// <summary>
/// The form in a real browser at 1366x768: a 数据专管员 fills an entry, picks a leaf of the class tree, makes an invalid
/// combination (有条件共享 without 法律法规依据), sees the message under the field as they go, fixes it and saves the draft.
/// </summary>
[Collection("browser")]
public class CatalogueEditorBrowserTests(BrowserFixture web) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_specialist_sees_the_inline_message_for_conditional_sharing_without_a_basis_fixes_it_and_saves()
    {
        var page = await web.SignedInPageAsync("zhangwei");
        await page.GotoAsync("catalogue/new");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.WaitForSelectorAsync("#catalogue-editor");

        await page.FillAsync("#field-Name", "浏览器填写的户籍人口信息");
        await page.FillAsync("#field-Summary", "本县户籍人口的基本信息。");
        await page.GetByText("基础信息资源目录", new() { Exact = true }).ClickAsync();
        await page.GetByText("101 人口信息资源", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".gdp-class-chosen-name")).ToHaveTextAsync("101 人口信息资源");
        await BrowserFixture.ScreenshotAsync(page, "catalogue-editor-basic");

        await page.Locator(".mud-tab", new() { HasText = "共享属性" }).ClickAsync();
        await page.GetByText("有条件共享", new() { Exact = true }).ClickAsync();
        var basisMessage = page.Locator(".gdp-field-error[data-field='ShareBasis']");
        await Assertions.Expect(basisMessage).ToContainTextAsync("共享类型为有条件共享时须填写法律法规依据");
        await BrowserFixture.ScreenshotAsync(page, "catalogue-editor-share-invalid");

        await page.FillAsync("#field-ShareBasis", "《中华人民共和国个人信息保护法》第三十四条");
        await Assertions.Expect(basisMessage).ToHaveCountAsync(0);

        await page.ClickAsync("#catalogue-save");
        await Assertions.Expect(page.Locator("#catalogue-editor-message")).ToContainTextAsync("草稿已保存");
        await page.WaitForURLAsync(u => u.EndsWith("/edit"));
        await Assertions.Expect(page.Locator("#catalogue-submit")).ToBeDisabledAsync();
        await BrowserFixture.ScreenshotAsync(page, "catalogue-editor-saved");
    }
}

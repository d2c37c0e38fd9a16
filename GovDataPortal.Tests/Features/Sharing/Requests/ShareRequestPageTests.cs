using System.Net;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Sharing.Requests;

/// <summary>The share-request pages as the server renders them for a signed-in person.</summary>
public sealed class ShareRequestPageTests(ShareRequestFixture portal) : IClassFixture<ShareRequestFixture>
{
    [Fact]
    public async Task Request_pages_show_the_form_the_list_with_its_article_the_detail_and_the_receipt()
    {
        var entry = await portal.EntryAsync();
        var submitted = await portal.SubmitAsync(portal.Draft(entry));
        using var client = await portal.CookieClientAsAsync("zhangwei");

        var form = await PageAsync(client, $"/sharing/requests/new?entry={entry}");
        Assert.Contains("所需信息项", form);
        Assert.Contains("共享平台方式（查询核验）", form); // a mode the entry offers

        var list = await PageAsync(client, "/sharing/requests");
        Assert.Contains("我的共享申请", list);
        Assert.Contains("第二十四条", list);

        var detail = await PageAsync(client, $"/sharing/requests/{submitted.Id}");
        Assert.Contains("办理记录", detail);
        Assert.Contains("统一社会信用代码、企业名称", detail);

        var receipt = await PageAsync(client, $"/sharing/requests/{submitted.Id}/receipt");
        Assert.Contains("政务数据共享申请回执", receipt);
    }

    [Fact]
    public async Task Request_page_refuses_other_departments()
    {
        var submitted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        using var client = await portal.CookieClientAsAsync("yangfan");
        var page = await client.GetAsync($"/sharing/requests/{submitted.Id}");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.DoesNotContain("统一社会信用代码、企业名称", html);
        Assert.Contains("只有申请部门", html);
    }

    [Fact]
    public async Task Catalogue_entry_page_links_a_shareable_entry_to_the_request_form()
    {
        var entry = await portal.EntryAsync();
        using var client = await portal.CookieClientAsAsync("zhangwei");
        var page = await client.GetAsync($"/catalogue/{entry}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"sharing/requests/new?entry={entry}", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
    }

    private static async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url));
}

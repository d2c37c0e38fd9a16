using System.Net;
using System.Text.Json;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Catalogue.Browse;

/// <summary>GET /api/catalogue and /api/catalogue/{resourceCode} with personal access tokens.</summary>
public class CatalogueApiTests(CatalogueBrowseFixture portal) : IClassFixture<CatalogueBrowseFixture>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static List<string> Names(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!)];

    [Fact]
    public async Task List_is_paged_with_total_and_names_enums_in_english_and_chinese()
    {
        var content = CatalogueBrowseFixture.Content("子社保参保信息", null, "参保险种");
        content.ShareType = ShareType.NotShared;
        content.ShareBasis = "《社会保险法》";
        await portal.AddAsync(DemoAccounts.HumanResources, content);
        await portal.AddAsync("子社保卡发放信息", department: DemoAccounts.HumanResources);
        await portal.AddAsync("子社保草稿", TestEntryState.Draft, department: DemoAccounts.HumanResources);
        var provider = await portal.DepartmentIdAsync(DemoAccounts.HumanResources);
        using var api = await portal.ApiClientAsAsync("zhangwei");

        var page = await JsonAsync(await api.GetAsync($"/api/catalogue?keyword=%E7%A4%BE%E4%BF%9D&provider={provider}&pageSize=1&page=2&sort=name"));

        Assert.Equal((2, 2, 1), (page.GetProperty("total").GetInt32(), page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        var item = page.GetProperty("items")[0];
        Assert.Equal("子社保参保信息", item.GetProperty("name").GetString());
        Assert.Equal(("NotShared", "不予共享"), (item.GetProperty("shareType").GetString(), item.GetProperty("shareTypeName").GetString()));
        Assert.Equal(("Published", "已发布"), (item.GetProperty("status").GetString(), item.GetProperty("statusName").GetString()));
        Assert.StartsWith("101000000/", item.GetProperty("resourceCode").GetString());

        var notShared = await JsonAsync(await api.GetAsync($"/api/catalogue?keyword=子社保&shareType=不予共享&provider={provider}"));
        Assert.Equal(["子社保参保信息"], Names(notShared));
    }

    [Fact]
    public async Task Entry_is_found_by_its_code_with_the_slash_plain_or_encoded()
    {
        var id = await portal.AddAsync("丑不动产登记信息", items: ["不动产单元号"]);
        var code = await portal.CodeOfAsync(id);
        using var api = await portal.ApiClientAsAsync("yangfan");

        foreach (var path in new[] { $"/api/catalogue/{code}", $"/api/catalogue/{Uri.EscapeDataString(code)}" })
        {
            var response = await api.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var entry = await JsonAsync(response);
            Assert.Equal((code, "丑不动产登记信息"), (entry.GetProperty("resourceCode").GetString(), entry.GetProperty("name").GetString()));
            Assert.Equal("不动产单元号", entry.GetProperty("items")[0].GetProperty("name").GetString());
            Assert.Equal("字符型C", entry.GetProperty("items")[0].GetProperty("dataTypeName").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/catalogue/999999999/999999")).StatusCode);
    }

    [Fact]
    public async Task List_follows_the_visibility_rule_across_departments()
    {
        await portal.AddAsync("寅户籍已发布");
        await portal.AddAsync("寅户籍草稿", TestEntryState.Draft);
        await portal.AddAsync("寅户籍审核中", TestEntryState.Submitted);

        async Task<List<string>> As(string user)
        {
            using var api = await portal.ApiClientAsAsync(user);
            return [.. Names(await JsonAsync(await api.GetAsync("/api/catalogue?keyword=寅户籍&sort=name"))).Order()];
        }

        Assert.Equal(["寅户籍审核中", "寅户籍已发布", "寅户籍草稿"], await As("zhangwei"));
        Assert.Equal(["寅户籍审核中", "寅户籍已发布"], await As("zhaomin"));
        Assert.Equal(["寅户籍已发布"], await As("liuyang"));
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize", "每页条数（pageSize）应在1至100之间。")]
    [InlineData("pageSize=101", "pageSize", "每页条数（pageSize）应在1至100之间。")]
    [InlineData("pageSize=abc", "pageSize", "每页条数（pageSize）应为正整数。")]
    [InlineData("page=0", "page", "页码（page）应在1至100000之间。")]
    [InlineData("page=-1", "page", "页码（page）应为正整数。")]
    [InlineData("provider=x", "provider", "提供方（provider）应为正整数。")]
    [InlineData("sort=colour", "sort", "排序方式（sort）只能为relevance、name、code、provider、class、status、updated，可加“ desc”表示倒序。")]
    public async Task Bad_parameters_are_refused_with_chinese_problem_details(string query, string field, string message)
    {
        using var api = await portal.ApiClientAsAsync("liuyang");
        var response = await api.GetAsync($"/api/catalogue?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([message], (await JsonAsync(response)).GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Unknown_enum_names_list_the_allowed_ones_in_chinese()
    {
        using var api = await portal.ApiClientAsAsync("liuyang");
        var response = await api.GetAsync("/api/catalogue?shareType=Sometimes&openType=3");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Equal("共享类型（shareType）只能为Unconditional（无条件共享）、Conditional（有条件共享）、NotShared（不予共享）。",
            errors.GetProperty("shareType")[0].GetString());
        Assert.StartsWith("开放类型（openType）只能为", errors.GetProperty("openType")[0].GetString());
    }

    [Fact]
    public async Task Malformed_code_is_refused_and_no_token_is_unauthorised()
    {
        using var api = await portal.ApiClientAsAsync("liuyang");
        var response = await api.GetAsync("/api/catalogue/abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("9位数字/6位数字", (await JsonAsync(response)).GetProperty("errors").GetProperty("resourceCode")[0].GetString());
        using var anonymous = portal.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/catalogue")).StatusCode);
    }
}

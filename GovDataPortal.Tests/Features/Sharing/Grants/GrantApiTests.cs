using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovDataPortal.Features.Sharing.Grants;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Sharing.Grants;

/// <summary>GET /api/grants and POST /api/grants/{id}/usage with personal access tokens (issue 10 §5).</summary>
public class GrantApiTests(GrantFixture portal) : IClassFixture<GrantFixture>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static object Use(string operation = "View", string item = "企业名称", string method = "PlatformApi", string? purpose = "核查企业登记信息") => new
    {
        purpose, userName = "王警官", approver = "李娜", itemNames = new[] { item }, operation, method, medium = "接口",
    };

    [Fact]
    public async Task Requester_lists_its_grants_by_entry_and_records_a_use()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync(entryId: 7701);
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var page = await JsonAsync(await client.GetAsync("/api/grants?entry=7701"));
        Assert.Equal(1, page.GetProperty("total").GetInt32());
        var row = page.GetProperty("items")[0];
        Assert.Equal((id, "Active", "有效", "企业登记基本信息"), (row.GetProperty("id").GetInt64(), row.GetProperty("status").GetString(),
            row.GetProperty("statusName").GetString(), row.GetProperty("resourceName").GetString()));
        Assert.Equal("2027-06-30", row.GetProperty("endDate").GetString());

        var created = await client.PostAsJsonAsync($"/api/grants/{id}/usage", Use());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True((await JsonAsync(created)).GetProperty("id").GetInt64() > 0);
        Assert.Equal(1, await portal.UseCountAsync(id));

        var uses = await JsonAsync(await client.GetAsync($"/api/grants/{id}/usage"));
        Assert.Equal("View", uses.GetProperty("items")[0].GetProperty("operation").GetString());
    }

    [Fact]
    public async Task Department_filter_and_paging_keep_to_visible_grants()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync(entryId: 7702);
        var market = await portal.DepartmentIdAsync(GrantFixture.Provider);
        using var other = await portal.ApiClientAsAsync("yangfan");

        // 人社局 asks for 市场监管局's grants: it is party to none of them.
        var page = await JsonAsync(await other.GetAsync($"/api/grants?department={market}&entry=7702"));
        Assert.Equal(0, page.GetProperty("total").GetInt32());
        var bad = await other.GetAsync("/api/grants?pageSize=500");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains(id, await GrantIdsOfAsync("chenjing", market));
    }

    private async Task<List<long>> GrantIdsOfAsync(string user, int department)
    {
        using var client = await portal.ApiClientAsAsync(user);
        var page = await JsonAsync(await client.GetAsync($"/api/grants?department={department}&pageSize=100"));
        return [.. page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];
    }

    [Fact]
    public async Task Use_after_suspension_answers_403_problem_details()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();
        await portal.AsAsync("chenjing", s => s.SuspendAsync(id, "超范围使用"));
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var response = await client.PostAsJsonAsync($"/api/grants/{id}/usage", Use());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("该授权已被提供部门暂停：超范围使用", (await JsonAsync(response)).GetProperty("title").GetString());
        Assert.Equal(0, await portal.UseCountAsync(id));
    }

    [Fact]
    public async Task Use_after_expiry_answers_403()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync(new DateOnly(2026, 11, 30));
        using var client = await portal.ApiClientAsAsync("zhangwei");
        portal.Clock.Set(GrantFixture.Beijing(2026, 12, 1));

        var response = await client.PostAsJsonAsync($"/api/grants/{id}/usage", Use());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("该授权已于2026年11月30日到期。", (await JsonAsync(response)).GetProperty("title").GetString());
        portal.Clock.Set(PortalFixture.Start);
    }

    [Fact]
    public async Task Use_with_an_operation_the_grant_lacks_answers_403()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var response = await client.PostAsJsonAsync($"/api/grants/{id}/usage", Use(operation: "Obtain"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("该授权不包括此使用方式。", (await JsonAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Use_without_purpose_answers_400_naming_the_field()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var response = await client.PostAsJsonAsync($"/api/grants/{id}/usage", Use(purpose: null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty(GrantFields.Purpose, out _));
    }

    /// <summary>
    /// Authorisation matrix of the API: POST usage by 公安局's 领导 (wangqiang), the provider's 数据专管员 (liuyang) and 部门审核人
    /// (chenjing), another department's 数据专管员 (yangfan), the authority's reviewer (zhaomin), 系统管理员 (admin): 403;
    /// GET the grant and its usage by another department's 数据专管员 (yangfan) and 部门审核人 (zhuhong): 403.
    /// </summary>
    [Theory]
    [InlineData("wangqiang", "POST usage")] [InlineData("liuyang", "POST usage")] [InlineData("chenjing", "POST usage")]
    [InlineData("yangfan", "POST usage")] [InlineData("zhaomin", "POST usage")] [InlineData("admin", "POST usage")]
    [InlineData("yangfan", "GET grant")] [InlineData("zhuhong", "GET grant")]
    [InlineData("yangfan", "GET usage")] [InlineData("zhuhong", "GET usage")]
    public async Task Other_departments_and_wrong_roles_are_refused_403(string user, string call)
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync();
        using var client = await portal.ApiClientAsAsync(user);

        var response = call switch
        {
            "POST usage" => await client.PostAsJsonAsync($"/api/grants/{id}/usage", Use()),
            "GET grant" => await client.GetAsync($"/api/grants/{id}"),
            _ => await client.GetAsync($"/api/grants/{id}/usage"),
        };

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await portal.UseCountAsync(id));
    }

    [Fact]
    public async Task Unknown_grant_answers_404()
    {
        using var client = await portal.ApiClientAsAsync("zhangwei");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/grants/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/grants/999999/usage", Use())).StatusCode);
    }
}

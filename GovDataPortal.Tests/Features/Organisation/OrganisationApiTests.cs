using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Tokens;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Organisation;

public class OrganisationApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private Task<HttpClient> ClientAsAsync(string userName) => portal.ApiClientAsAsync(userName);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<object> NewBodyAsync() => new
    {
        name = OrganisationTestData.UniqueName("双牌县接口测试局"),
        creditCode = OrganisationTestData.NewCreditCode(),
        regionId = await portal.RegionIdAsync(DemoSeeder.CountyCode),
        kind = "GovernmentDepartment",
        isRegionDataAuthority = false,
    };

    [Fact]
    public async Task Posting_a_department_with_a_bad_credit_code_is_a_400_naming_creditCode()
    {
        using var client = await ClientAsAsync("admin");
        var body = JsonSerializer.SerializeToElement(await NewBodyAsync());
        var json = body.GetRawText().Replace(body.GetProperty("creditCode").GetString()!,
            OrganisationTestData.WithWrongCheckDigit(body.GetProperty("creditCode").GetString()!));

        var response = await client.PostAsync("/api/departments", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Contains("校验位错误", errors.GetProperty("creditCode")[0].GetString());
        Assert.Equal(["creditCode"], errors.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Posting_malformed_json_is_a_400()
    {
        using var client = await ClientAsAsync("admin");

        var response = await client.PostAsync("/api/departments", new StringContent("{\"name\": \"双牌县", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("请求体不是有效的 JSON。", (await JsonAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Posting_an_unknown_kind_is_a_400_naming_kind()
    {
        using var client = await ClientAsAsync("admin");
        var json = JsonSerializer.SerializeToElement(await NewBodyAsync()).GetRawText().Replace("GovernmentDepartment", "Ministry");

        var response = await client.PostAsync("/api/departments", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("kind", out _));
    }

    [Fact]
    public async Task Posting_an_oversized_name_is_a_400_naming_name()
    {
        using var client = await ClientAsAsync("admin");
        var body = JsonSerializer.SerializeToElement(await NewBodyAsync()).GetRawText();
        var json = JsonSerializer.Serialize(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!
            .ToDictionary(p => p.Key, p => p.Key == "name" ? JsonSerializer.SerializeToElement(new string('局', 100_000)) : p.Value));

        var response = await client.PostAsync("/api/departments", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("部门名称不能超过100个字符。", (await JsonAsync(response)).GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task Posting_a_valid_department_as_system_administrator_is_a_201_with_its_id()
    {
        using var client = await ClientAsAsync("admin");
        var body = await NewBodyAsync();

        var response = await client.PostAsJsonAsync("/api/departments", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await JsonAsync(response)).GetProperty("id").GetInt32();
        Assert.Equal($"/api/departments/{id}", response.Headers.Location!.OriginalString);
        var detail = await JsonAsync(await client.GetAsync($"/api/departments/{id}"));
        Assert.Equal(JsonSerializer.SerializeToElement(body).GetProperty("name").GetString(), detail.GetProperty("name").GetString());
        Assert.Equal("GovernmentDepartment", detail.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Posting_a_department_as_a_data_specialist_is_a_403()
    {
        using var client = await ClientAsAsync("zhangwei");

        var response = await client.PostAsJsonAsync("/api/departments", await NewBodyAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Reading_another_departments_detail_is_a_403()
    {
        using var client = await ClientAsAsync("zhangwei");
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);

        var response = await client.GetAsync($"/api/departments/{market}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("您无权访问其他部门的数据。", (await JsonAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Reading_the_own_departments_detail_lists_its_administrators()
    {
        using var client = await ClientAsAsync("zhangwei");
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);

        var detail = await JsonAsync(await client.GetAsync($"/api/departments/{police}"));

        Assert.Equal("zhangwei", detail.GetProperty("administrators")[0].GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Listing_departments_without_administrator_returns_the_23_seeded_ones()
    {
        using var client = await ClientAsAsync("liuyang");

        var rows = await JsonAsync(await client.GetAsync("/api/departments?withoutAdministrator=true&regionId="
            + await portal.RegionIdAsync(DemoSeeder.CountyCode)));

        var names = rows.EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain(DemoAccounts.Police, names);
        Assert.Contains("双牌县民政局", names);
        Assert.All(rows.EnumerateArray(), r => Assert.Equal(0, r.GetProperty("administratorCount").GetInt32()));
        Assert.True(names.Count >= 23);
    }

    [Fact]
    public async Task Regions_are_listed_for_any_token_holder()
    {
        using var client = await ClientAsAsync("yangfan");

        var regions = await JsonAsync(await client.GetAsync("/api/regions"));

        Assert.Equal(["430000", "431100", "431123"],
            regions.EnumerateArray().Take(3).Select(r => r.GetProperty("code").GetString()));
        Assert.Equal("County", regions[2].GetProperty("level").GetString());
    }

    [Fact]
    public async Task Listing_by_kind_takes_the_english_key_and_refuses_an_unknown_one_with_a_400()
    {
        using var client = await ClientAsAsync("liuyang");

        var enterprises = await JsonAsync(await client.GetAsync("/api/departments?kind=PublicServiceEnterprise"));
        var unknown = await client.GetAsync("/api/departments?kind=Ministry");

        Assert.Equal(2, enterprises.GetArrayLength());
        Assert.All(enterprises.EnumerateArray(), r => Assert.Equal("公共服务企业", r.GetProperty("kindName").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_names_and_summarises_the_organisation_endpoints_in_Chinese()
    {
        using var client = portal.Factory.CreateClient();

        var document = await JsonAsync(await client.GetAsync("/openapi/v1.json"));

        var post = document.GetProperty("paths").GetProperty("/api/departments").GetProperty("post");
        Assert.Equal("CreateDepartment", post.GetProperty("operationId").GetString());
        Assert.Equal("新增部门（系统管理员）", post.GetProperty("summary").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/regions", out _));
    }

    [Fact]
    public async Task The_api_without_a_token_is_a_401()
    {
        using var client = portal.Factory.CreateClient();

        var response = await client.GetAsync("/api/departments");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

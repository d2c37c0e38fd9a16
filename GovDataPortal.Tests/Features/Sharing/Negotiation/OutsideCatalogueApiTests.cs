using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Sharing.Negotiation;

/// <summary>POST /api/share-requests/outside for the exchange platform: JSON with enum names, problem details on refusal.</summary>
public sealed class HubeiOutsideCatalogueApiTests(HubeiOutsideCatalogueFixture portal) : IClassFixture<HubeiOutsideCatalogueFixture>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    internal static object Body(string kind, int? provider = null, string? description = null, long? entry = null, string[]? items = null,
        string? dutyBasis = "《中华人民共和国治安管理处罚法》规定的调查职责") => new
    {
        kind, providerDepartmentId = provider, dataDescription = description, catalogueEntryId = entry, itemNames = items ?? [],
        dutyBasis, scenario = "核查涉案个体工商户的经营场所", methods = "PlatformApi, PlatformQueryVerify", operations = "View",
        users = "治安大队案件承办民警", endDate = DateOnly.FromDateTime(PortalFixture.Start.UtcDateTime).AddMonths(6),
    };

    [Fact]
    public async Task Uncatalogued_request_answers_201_with_location_and_enum_names_and_is_read_back_without_an_entry()
    {
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var created = await client.PostAsJsonAsync("/api/share-requests/outside", Body("Uncatalogued", market, "个体工商户经营场所变更记录"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal(($"/api/share-requests/{id}", "Uncatalogued", "InReview", "目录外数据需求"), (created.Headers.Location!.OriginalString,
            body.GetProperty("kind").GetString(), body.GetProperty("status").GetString(), body.GetProperty("kindName").GetString()));
        var request = await portal.RequestAsync(id);
        Assert.Equal((ShareRequestKind.Uncatalogued, market, (long?)null), (request.Kind, request.ProviderDepartmentId, request.CatalogueEntryId));
        Assert.Equal(GovDataPortal.Features.Catalogue.ShareMethods.PlatformApi | GovDataPortal.Features.Catalogue.ShareMethods.PlatformQueryVerify,
            request.Methods);
        Assert.Equal("reply", (await portal.OpenTaskAsync(id)).StepKey);

        var read = await client.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var detail = await JsonAsync(read);
        Assert.Equal("个体工商户经营场所变更记录", detail.GetProperty("resourceName").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("catalogueEntryId").ValueKind);
        Assert.Contains("第二十二条", detail.GetProperty("flowCitation").GetString());
    }

    [Fact]
    public async Task Missing_fields_answer_400_with_chinese_problem_details_per_field_and_nothing_is_saved()
    {
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var response = await client.PostAsJsonAsync("/api/share-requests/outside", Body("Uncatalogued", dutyBasis: " "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal("提交的数据有误。", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal("请填写履职依据。", errors.GetProperty(ShareRequestFields.DutyBasis)[0].GetString());
        Assert.Equal("请选择数据提供部门。", errors.GetProperty(ShareRequestFields.ProviderDepartmentId)[0].GetString());
        Assert.Equal("请填写所需数据的名称和内容。", errors.GetProperty(ShareRequestFields.DataDescription)[0].GetString());
    }

    [Fact]
    public async Task A_catalogued_kind_is_refused_with_400_naming_kind()
    {
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var response = await client.PostAsJsonAsync("/api/share-requests/outside", Body("Conditional"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Contains("Uncatalogued", errors.GetProperty("kind")[0].GetString());
    }

    [Fact]
    public async Task A_department_approver_is_refused_with_403()
    {
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        using var client = await portal.ApiClientAsAsync("lina");

        var response = await client.PostAsJsonAsync("/api/share-requests/outside", Body("Uncatalogued", market, "个体工商户注销记录"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}

/// <summary>shuangpai: negotiation of a 不予共享 entry through the API; no uncatalogued procedure.</summary>
public sealed class ShuangpaiOutsideCatalogueApiTests(OutsideCatalogueFixture portal) : IClassFixture<OutsideCatalogueFixture>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Negotiation_answers_201_and_is_read_back_with_its_items()
    {
        var entry = await portal.NotSharedEntryAsync("企业经营异常名录内部信息（接口）");
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var created = await client.PostAsJsonAsync("/api/share-requests/outside",
            HubeiOutsideCatalogueApiTests.Body("Negotiation", entry: entry, items: ["经营异常原因"]));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Negotiation", (await JsonAsync(created)).GetProperty("kind").GetString());
        var detail = await JsonAsync(await client.GetAsync(created.Headers.Location));
        Assert.Equal(entry, detail.GetProperty("catalogueEntryId").GetInt64());
        Assert.Equal("经营异常原因", detail.GetProperty("itemNames")[0].GetString());
    }

    [Fact]
    public async Task Negotiation_of_an_item_not_in_the_entry_answers_400_naming_the_item()
    {
        var entry = await portal.NotSharedEntryAsync("企业年报内部信息（接口）");
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var response = await client.PostAsJsonAsync("/api/share-requests/outside",
            HubeiOutsideCatalogueApiTests.Body("Negotiation", entry: entry, items: ["法定代表人身份证号"]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("信息项“法定代表人身份证号”不在所选目录中。",
            (await JsonAsync(response)).GetProperty("errors").GetProperty(ShareRequestFields.ItemNames)[0].GetString());
    }

    [Fact]
    public async Task Uncatalogued_request_where_the_profile_has_no_procedure_answers_400_in_chinese()
    {
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var response = await client.PostAsJsonAsync("/api/share-requests/outside",
            HubeiOutsideCatalogueApiTests.Body("Uncatalogued", market, "企业用电量"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("未规定该流程", (await JsonAsync(response)).GetProperty("title").GetString());
    }
}

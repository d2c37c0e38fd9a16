using System.Net;
using System.Text;
using System.Text.Json;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Features.Organisation;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Integration;

/// <summary>
/// Issue 7, failure 1: a NUL in any text reached PostgreSQL and answered 500. Now one rule (InputText) refuses control
/// characters with a 400 naming the field, normalises (NFC, trimmed) what it accepts, and treats invisible-only text
/// as empty — on API bodies, query strings and route values, in the services forms use, and before the database.
/// </summary>
public class InputTextRuleTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<string> DepartmentJsonAsync(string name) => JsonSerializer.Serialize(new
    {
        name,
        creditCode = OrganisationTestData.NewCreditCode(),
        regionId = await portal.RegionIdAsync(DemoSeeder.CountyCode),
        kind = "GovernmentDepartment",
        isRegionDataAuthority = false,
    });

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    private static Dictionary<string, string[]> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());

    [Fact]
    public async Task A_NUL_in_a_JSON_body_is_a_400_naming_the_field_and_nothing_is_saved()
    {
        using var client = await portal.ApiClientAsAsync("admin");
        await using var before = await portal.DbAsync();
        var count = await before.Departments.CountAsync();

        var response = await client.PostAsync("/api/departments",
            new StringContent(await DepartmentJsonAsync("双牌县\u0000测试局"), Encoding.UTF8, "application/json"));

        var (status, body) = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new Dictionary<string, string[]> { ["name"] = [InputText.RefusedMessage] }, Errors(body));
        await using var after = await portal.DbAsync();
        Assert.Equal(count, await after.Departments.CountAsync());
    }

    [Theory]
    [InlineData("\u0001")]
    [InlineData("\u007F")]
    [InlineData("\u0085")]
    public async Task Other_control_characters_in_a_JSON_body_are_refused_the_same_way(string control)
    {
        using var client = await portal.ApiClientAsAsync("admin");

        var response = await client.PostAsync("/api/tokens",
            new StringContent(JsonSerializer.Serialize(new { name = "集成" + control }), Encoding.UTF8, "application/json"));

        var (status, body) = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["name"], Errors(body).Keys);
    }

    [Fact]
    public async Task A_NUL_in_a_query_parameter_is_a_400_naming_it()
    {
        using var client = await portal.ApiClientAsAsync("admin");

        var response = await client.GetAsync("/api/departments?name=%E5%85%AC%00%E5%AE%89");

        var (status, body) = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(new Dictionary<string, string[]> { ["name"] = [InputText.RefusedMessage] }, Errors(body));
    }

    /// <summary>A NUL in the path itself never reaches the app (the server refuses "%00" in a request line); any other control character does.</summary>
    [Fact]
    public async Task A_control_character_in_a_route_value_is_a_400_naming_it()
    {
        using var client = await portal.ApiClientAsAsync("admin");

        var (status, body) = await ReadAsync(await client.GetAsync("/api/policies/shuang%01pai"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["key"], Errors(body).Keys);
    }

    [Fact]
    public async Task A_query_value_is_cleaned_before_it_filters()
    {
        using var client = await portal.ApiClientAsAsync("admin");

        // " 公安局\u200B" (a space before, a zero-width space after) finds 双牌县公安局.
        var response = await client.GetAsync("/api/departments?name=%20%E5%85%AC%E5%AE%89%E5%B1%80%E2%80%8B");

        var (status, body) = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(DemoAccounts.Police, body.EnumerateArray().Select(d => d.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Text_sent_to_the_API_is_stored_NFC_normalised_and_trimmed()
    {
        using var client = await portal.ApiClientAsAsync("admin");
        var stem = OrganisationTestData.UniqueName("双牌县");

        var response = await client.PostAsync("/api/departments",
            new StringContent(await DepartmentJsonAsync($" \u200B{stem}e\u0301局\u3000"), Encoding.UTF8, "application/json"));

        var (status, body) = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.Created, status);
        await using var db = await portal.DbAsync();
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal($"{stem}\u00E9局", await db.Departments.Where(d => d.Id == id).Select(d => d.Name).SingleAsync());
    }

    [Fact]
    public async Task A_required_name_of_zero_width_spaces_gets_the_required_error_on_the_API()
    {
        using var client = await portal.ApiClientAsAsync("admin");

        var response = await client.PostAsync("/api/departments",
            new StringContent(await DepartmentJsonAsync("\u200B\uFEFF\u2060"), Encoding.UTF8, "application/json"));

        var (status, body) = await ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["请填写部门名称。"], Errors(body)["name"]);
    }

    [Fact]
    public async Task A_required_name_of_zero_width_spaces_gets_the_required_error_from_the_service_forms_use()
    {
        var input = await portal.NewDepartmentInputAsync() with { Name = "\u200B\u200C\u200D" };
        await using var scope = await portal.ScopeAsAsync("admin");

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => scope.Get<OrganisationService>().CreateDepartmentAsync(input));

        Assert.Equal(["请填写部门名称。"], error.Errors.ByField[OrganisationFields.Name]);
    }

    [Fact]
    public async Task A_NUL_typed_into_a_form_gets_a_Chinese_error_under_its_field_from_the_service()
    {
        var input = await portal.NewDepartmentInputAsync() with { Name = "双牌县\0局" };
        await using var scope = await portal.ScopeAsAsync("admin");

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => scope.Get<OrganisationService>().CreateDepartmentAsync(input));

        Assert.Equal(["部门名称包含不允许的控制字符。"], error.Errors.ByField[OrganisationFields.Name]);
    }

    [Fact]
    public async Task Saving_text_with_a_control_character_by_any_path_is_refused_naming_the_property()
    {
        await using var db = await portal.DbAsync();
        db.Regions.Add(new Region { Code = "431199", Name = "测试\u0001区", Level = RegionLevel.County });

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => db.SaveChangesAsync());

        Assert.Equal([InputText.RefusedContentMessage], error.Errors.ByField["name"]);
    }

    [Fact]
    public async Task A_NUL_in_a_query_filter_never_reaches_PostgreSQL()
    {
        await using var db = await portal.DbAsync();
        var name = "双牌县\0公安局";

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => db.Departments.AnyAsync(d => d.Name == name));

        Assert.Equal([InputText.RefusedContentMessage], error.Errors.ByField.Single().Value);
    }

    [Fact]
    public async Task A_grid_search_with_a_NUL_filters_on_the_rest_instead_of_failing()
    {
        await using var scope = await portal.ScopeAsAsync("admin");

        var rows = await scope.Get<OrganisationService>().ListDepartmentsAsync(new DepartmentFilter(NameContains: "公安\0局"));

        Assert.Contains(DemoAccounts.Police, rows.Select(r => r.Name));
    }

    [Fact]
    public async Task The_openapi_document_still_describes_cleaned_strings_as_strings()
    {
        using var client = portal.Factory.CreateClient();

        var (status, document) = await ReadAsync(await client.GetAsync("/openapi/v1.json"));

        Assert.Equal(HttpStatusCode.OK, status);
        var request = document.GetProperty("components").GetProperty("schemas").GetProperty("CreateDepartmentRequest");
        // "string?" stays nullable as the exporter itself would say; what matters is that it is a string, not "anything".
        Assert.Equal(["null", "string"], Types(request.GetProperty("properties").GetProperty("name")));
        var decision = document.GetProperty("components").GetProperty("schemas").GetProperty("DecisionRequest");
        Assert.Equal(["null", "string"], Types(decision.GetProperty("properties").GetProperty("comment")));
    }

    private static string[] Types(JsonElement schema) => schema.TryGetProperty("type", out var type)
        ? type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!).Order()] : [type.GetString()!]
        : [];
}

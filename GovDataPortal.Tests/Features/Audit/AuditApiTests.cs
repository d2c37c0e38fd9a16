using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovDataPortal.Features.Audit;
using GovDataPortal.Tests.Support;
using static GovDataPortal.Tests.Features.Audit.AuditTestSupport;

namespace GovDataPortal.Tests.Features.Audit;

public class AuditApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task The_auditor_pages_through_the_log_with_a_token()
    {
        var older = await portal.WriteAsAsync("zhangwei", Beijing(2031, 8, 1, 9), AuditActions.Login);
        var newer = await portal.WriteAsAsync("zhangwei", Beijing(2031, 8, 1, 10), AuditActions.Login);
        var client = await portal.ApiClientAsAsync("auditor");

        var page = await client.GetFromJsonAsync<JsonElement>("/api/audit?user=zhang&action=Login&from=2031-08-01&to=2031-08-01&take=1");

        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal((newer, "登录", "2031-08-01 10:00:00"),
            (item.GetProperty("id").GetInt64(), item.GetProperty("actionName").GetString(), item.GetProperty("time").GetString()));
        var next = await client.GetFromJsonAsync<JsonElement>("/api/audit?user=zhang&action=Login&from=2031-08-01&to=2031-08-01&skip=1&take=1");
        Assert.Equal(older, next.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task The_auditor_verifies_the_chain_with_a_token()
    {
        var client = await portal.ApiClientAsAsync("auditor");

        var report = await client.GetFromJsonAsync<JsonElement>("/api/audit/verify");

        Assert.True(report.GetProperty("isIntact").GetBoolean());
        Assert.True(report.GetProperty("checkedCount").GetInt64() > 0);
    }

    [Theory]
    [InlineData("/api/audit")]
    [InlineData("/api/audit/verify")]
    public async Task A_business_user_token_is_refused_with_403(string path)
    {
        var client = await portal.ApiClientAsAsync("zhangwei");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        var response = await portal.Factory.CreateClient().GetAsync("/api/audit");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/audit?take=10000", "take")]
    [InlineData("/api/audit?skip=-5", "skip")]
    [InlineData("/api/audit?from=2031-03-02&to=2031-03-01", "To")]
    [InlineData("/api/audit?action=Nonsense", "Action")]
    public async Task Bad_query_parameters_are_a_400_naming_the_parameter(string url, string field)
    {
        var client = await portal.ApiClientAsAsync("auditor");

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}

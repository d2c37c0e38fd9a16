using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Tokens;
using GovDataPortal.Tests.Features.Identity;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Tokens;

/// <summary>Personal access tokens through real HTTP requests to <c>/api</c>.</summary>
public class TokenApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_valid_token_reads_its_owner_on_api_me()
    {
        var secret = await IssueAsync("zhangwei");
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);

        var response = await Client(secret).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("zhangwei", me.GetProperty("userName").GetString());
        Assert.Equal("张伟", me.GetProperty("displayName").GetString());
        Assert.Equal(police, me.GetProperty("departmentId").GetInt32());
        Assert.Equal(DemoAccounts.Police, me.GetProperty("departmentName").GetString());
        Assert.Equal([PortalRoles.DataSpecialist], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_revoked_token_is_refused_with_401()
    {
        var token = await IssueTokenAsync("lina");
        Assert.Equal(HttpStatusCode.OK, (await Client(token.Secret).GetAsync("/api/me")).StatusCode);
        await using (var scope = await portal.ScopeAsAsync("lina"))
            await scope.Get<AccessTokenService>().RevokeAsync(token.Id);

        var response = await Client(token.Secret).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_401()
    {
        var secret = await IssueAsync("liuyang", portal.Clock.GetUtcNow().AddHours(1));
        Assert.Equal(HttpStatusCode.OK, (await Client(secret).GetAsync("/api/me")).StatusCode);

        portal.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var response = await Client(secret).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer nonsense")]
    [InlineData("Bearer gdp_ThisTokenWasNeverIssued000000000000000000")]
    [InlineData("Basic emhhbmd3ZWk6RGVtb0BQb3J0YWwyMDI2")]
    public async Task A_missing_or_garbage_token_gets_a_401_problem(string? authorization)
    {
        var client = portal.Factory.CreateClient();
        if (authorization is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("访问令牌", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_token_reads_its_own_department_list_but_gets_403_for_another_department()
    {
        var secret = await IssueAsync("zhangwei");
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        var market = await portal.DepartmentIdAsync(DemoAccounts.Market);
        var client = Client(secret);

        var own = await client.GetAsync($"/api/departments/{police}/users");
        var other = await client.GetAsync($"/api/departments/{market}/users");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var members = (await own.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(m => m.GetProperty("userName").GetString());
        Assert.Equal(["lina", "wangqiang", "zhangwei"], members.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal("您无权访问其他部门的数据。", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Posting_a_token_returns_the_secret_once_and_delete_revokes_it()
    {
        var client = Client(await IssueAsync("yangfan"));
        var expiresAt = portal.Clock.GetUtcNow().AddDays(30);

        var created = await client.PostAsJsonAsync("/api/tokens", new { name = "同步脚本", expiresAt });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/tokens/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(secret[..12], body.GetProperty("displayPrefix").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Client(secret).GetAsync("/api/me")).StatusCode);

        var list = await client.GetStringAsync("/api/tokens");
        Assert.Contains("同步脚本", list);
        Assert.DoesNotContain(secret, list);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(secret).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/tokens/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"这个名称超过了五十个字符这个名称超过了五十个字符这个名称超过了五十个字符这个名称超过了五十个字符这个名称超过了五十个字符"}""", "name")]
    [InlineData("""{"name":"脚本","expiresAt":"2020-01-01T00:00:00Z"}""", "expiresAt")]
    [InlineData("""{"name":"脚本","expiresAt":"2099-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task Posting_a_bad_token_request_is_a_400_problem_naming_the_field(string json, string field)
    {
        var client = Client(await IssueAsync("zhaomin"));

        var response = await client.PostAsync("/api/tokens", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Deleting_someone_elses_token_is_forbidden_and_leaves_it_working()
    {
        var linaToken = await IssueTokenAsync("lina");

        var response = await Client(await IssueAsync("wangqiang")).DeleteAsync($"/api/tokens/{linaToken.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(linaToken.Secret).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_issued_by_the_operator_command_authenticates_its_user()
    {
        AccessTokenService.IssuedToken issued;
        await using (var scope = portal.AnonymousScope())
            issued = await scope.Get<AccessTokenService>().IssueForUserNameAsync("zhangwei", "运维签发", 30);

        var me = await Client(issued.Secret).GetFromJsonAsync<JsonElement>("/api/me");

        Assert.Equal("zhangwei", me.GetProperty("userName").GetString());
    }

    private async Task<string> IssueAsync(string userName, DateTimeOffset? expiresAt = null) =>
        (await IssueTokenAsync(userName, expiresAt)).Secret;

    private async Task<AccessTokenService.IssuedToken> IssueTokenAsync(string userName, DateTimeOffset? expiresAt = null)
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        return await scope.Get<AccessTokenService>().IssueAsync("测试令牌", expiresAt);
    }

    private HttpClient Client(string secret)
    {
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}

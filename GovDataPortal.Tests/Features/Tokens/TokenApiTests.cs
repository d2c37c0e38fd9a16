using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Tokens;
using GovDataPortal.Tests.Features.Identity;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

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
    public async Task Last_use_is_written_at_most_once_a_minute_per_token()
    {
        var token = await IssueTokenAsync("wangqiang");
        async Task<DateTimeOffset?> CallAndReadAsync()
        {
            Assert.Equal(HttpStatusCode.OK, (await Client(token.Secret).GetAsync("/api/me")).StatusCode);
            await using var db = await portal.DbAsync();
            return await db.PersonalAccessTokens.Where(t => t.Id == token.Id).Select(t => t.LastUsedAt).SingleAsync();
        }

        var first = await CallAndReadAsync();
        portal.Clock.Advance(TimeSpan.FromSeconds(30));
        var soonAfter = await CallAndReadAsync();
        portal.Clock.Advance(TimeSpan.FromSeconds(31));
        var aMinuteLater = await CallAndReadAsync();

        Assert.Equal(first, soonAfter);
        Assert.Equal(portal.Clock.GetUtcNow(), aMinuteLater);
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

    /// <summary>
    /// Security review finding: a token could issue further tokens, so a leaked one could outlive its own expiry and
    /// revocation. Tokens are issued on the profile page (signed in) or by the operator command only.
    /// </summary>
    [Theory]
    [InlineData("""{"name":"同步脚本"}""")]
    [InlineData("""{"name":"同步脚本","expiresAt":"2026-12-20T00:00:00Z"}""")]
    [InlineData("""{"name":""}""")]
    public async Task A_token_cannot_issue_tokens_posting_one_is_403_with_a_Chinese_message_and_issues_nothing(string json)
    {
        var client = Client(await IssueAsync("yangfan"));
        var owner = await portal.UserIdAsync("yangfan");
        var before = await TokenCountAsync(owner);

        var response = await client.PostAsync("/api/tokens", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AccessTokenService.TokenCannotIssueMessage,
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(before, await TokenCountAsync(owner));
    }

    [Fact]
    public async Task A_token_lists_its_owners_tokens_without_secrets_and_delete_revokes_one()
    {
        var client = Client(await IssueAsync("yangfan"));
        var other = await IssueTokenAsync("yangfan");

        var list = await client.GetStringAsync("/api/tokens");
        Assert.Contains("测试令牌", list);
        Assert.DoesNotContain(other.Secret, list);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/tokens/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(other.Secret).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/tokens/{Guid.NewGuid()}")).StatusCode);
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

    private async Task<int> TokenCountAsync(string userId)
    {
        await using var db = await portal.DbAsync();
        return await db.PersonalAccessTokens.CountAsync(t => t.UserId == userId);
    }

    private HttpClient Client(string secret)
    {
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}

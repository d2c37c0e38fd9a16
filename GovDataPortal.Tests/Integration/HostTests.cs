using System.Net;
using System.Text.Json;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Integration;

/// <summary>What the host serves before any feature: framework script, health, OpenAPI, problem details.</summary>
public class HostTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string BlazorScript = "/_framework/blazor.web.js";

    [Fact]
    public async Task The_framework_serves_its_own_NET_10_blazor_script_with_an_etag()
    {
        using var client = portal.Factory.CreateClient();
        var response = await client.GetAsync(BlazorScript);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.True(script.Length > 100_000, $"script is only {script.Length} characters");
        // Raised only by the .NET 10 script: the Chinese reconnect dialog listens for it.
        Assert.Contains("components-reconnect-state-changed", script);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, BlazorScript);
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task Health_check_reports_the_database_reachable()
    {
        using var client = portal.Factory.CreateClient();
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_check_fails_when_the_database_is_unreachable()
    {
        await using var broken = new PortalFactory("Host=127.0.0.1;Port=1;Database=nothing;Username=x;Password=y;Timeout=2");
        using var client = broken.CreateClient();
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task OpenAPI_document_lists_the_api()
    {
        using var client = portal.Factory.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(paths, p => p.StartsWith("/api/", StringComparison.Ordinal));
        Assert.DoesNotContain(BlazorScript, paths);
    }

    [Fact]
    public async Task Api_without_a_token_answers_401_problem_details_not_a_login_redirect()
    {
        using var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Pages_redirect_an_anonymous_visitor_to_the_login_page()
    {
        using var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Login_page_is_Chinese_and_carries_an_antiforgery_token()
    {
        using var client = portal.Factory.CreateClient();
        var html = await client.GetStringAsync("/account/login");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal("zh-CN", doc.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(doc.QuerySelector("input[name='__RequestVerificationToken']"));
        Assert.Equal("登录", doc.QuerySelector("#login-submit")!.TextContent);
    }

    [Fact]
    public async Task A_login_post_without_antiforgery_token_is_refused()
    {
        using var client = portal.Factory.CreateClient();
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.UserName"] = "zhangwei", ["Input.Password"] = global::GovDataPortal.Features.Demo.DemoAccounts.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("gdp.auth")));
    }
}

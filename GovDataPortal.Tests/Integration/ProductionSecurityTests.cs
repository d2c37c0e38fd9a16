using System.Net;
using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Integration;

/// <summary>
/// The portal in the Production environment behind a TLS-terminating proxy: HTTPS only (redirect, HSTS, Secure cookies),
/// X-Forwarded-* believed from the configured proxy only, and the OpenAPI document only for a signed-in user.
/// </summary>
public class ProductionSecurityTests(ProductionSecurityTests.Fixture portal) : IClassFixture<ProductionSecurityTests.Fixture>
{
    public const string Proxy = "10.20.30.40";
    private static readonly Uri Https = new("https://portal.example.gov.cn/");
    private static readonly Uri Http = new("http://portal.example.gov.cn/");

    public sealed class Fixture : PortalFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["https_port"] = "443",
            ["Security:TrustedProxies:0"] = Proxy,
        };
    }

    private HttpClient Client(Uri baseAddress) =>
        portal.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = baseAddress });

    [Fact]
    public void The_fixture_runs_in_Production() =>
        Assert.Equal("Production", portal.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().EnvironmentName);

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        using var client = Client(Http);
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://portal.example.gov.cn/healthz", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Https_answers_carry_HSTS()
    {
        using var client = Client(Https);
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Sign_in_cookies_are_Secure()
    {
        using var client = Client(Https);
        var form = await client.GetAsync("/account/login");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.Contains("Antiforgery", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        var response = await PostLoginAsync(client, await form.Content.ReadAsStringAsync(), "zhangwei");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var auth = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("gdp.auth", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task X_Forwarded_Proto_is_believed_from_the_configured_proxy_only()
    {
        var fromProxy = await portal.Factory.Server.SendAsync(c => Forwarded(c, Proxy));
        Assert.Equal(StatusCodes.Status200OK, fromProxy.Response.StatusCode);
        Assert.Equal("203.0.113.9", fromProxy.Connection.RemoteIpAddress?.ToString());

        // Loopback is trusted by ASP.NET Core's defaults; here only the configured proxy is.
        var fromElsewhere = await portal.Factory.Server.SendAsync(c => Forwarded(c, "127.0.0.1"));
        Assert.Equal(StatusCodes.Status307TemporaryRedirect, fromElsewhere.Response.StatusCode);
        Assert.Equal("127.0.0.1", fromElsewhere.Connection.RemoteIpAddress?.ToString());
    }

    private static void Forwarded(HttpContext c, string from)
    {
        c.Request.Method = "GET";
        c.Request.Scheme = "http";
        c.Request.Host = new HostString("portal.example.gov.cn");
        c.Request.Path = "/healthz";
        c.Request.Headers["X-Forwarded-Proto"] = "https";
        c.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
        c.Connection.RemoteIpAddress = IPAddress.Parse(from);
    }

    [Fact]
    public async Task The_OpenAPI_document_requires_a_signed_in_user_outside_Development()
    {
        using var anonymous = Client(Https);
        var refused = await anonymous.GetAsync("/openapi/v1.json");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain("\"paths\"", await refused.Content.ReadAsStringAsync());

        using var withToken = await portal.ApiClientAsAsync("zhangwei");
        withToken.BaseAddress = Https;
        Assert.Equal(HttpStatusCode.OK, (await withToken.GetAsync("/openapi/v1.json")).StatusCode);

        using var withCookie = Client(Https);
        var form = await withCookie.GetStringAsync("/account/login");
        Assert.Equal(HttpStatusCode.Redirect, (await PostLoginAsync(withCookie, form, "zhangwei")).StatusCode);
        var response = await withCookie.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"paths\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_refuses_an_invalid_token_with_401()
    {
        using var client = Client(Https);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "gdp_nonsense");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string form, string userName)
    {
        var token = AntiforgeryForm.Token(form);
        return client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.UserName"] = userName, ["Input.Password"] = DemoAccounts.Password,
            [AntiforgeryForm.FieldName] = token,
        }));
    }
}

using System.Net;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Integration;

/// <summary>
/// Every response carries the browser-side protections (CSP, nosniff, referrer and permissions policies); pages, API
/// answers and downloads are never cached; static assets stay cacheable.
/// </summary>
public class SecurityHeadersTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static void AssertProtections(HttpResponseMessage response, string what)
    {
        var csp = Header(response, "Content-Security-Policy");
        Assert.False(csp is null, $"{what}: no Content-Security-Policy");
        foreach (var directive in new[]
                 {
                     "default-src 'self'", "frame-ancestors 'self'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
                     "connect-src 'self'", "style-src 'self' 'unsafe-inline'",
                 })
            Assert.Contains(directive, csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+'(;|$)", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        Assert.Contains("microphone=()", Header(response, "Permissions-Policy"));
        Assert.Contains("geolocation=()", Header(response, "Permissions-Policy"));
        Assert.Null(Header(response, "Server"));
    }

    private static void AssertNotStored(HttpResponseMessage response, string what) =>
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: Cache-Control is {response.Headers.CacheControl}");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
        : response.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : null;

    [Fact]
    public async Task A_page_carries_the_security_headers_and_is_not_stored()
    {
        using var client = await portal.CookieClientAsAsync("zhangwei");
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertProtections(response, "page");
        AssertNotStored(response, "page");
    }

    [Fact]
    public async Task The_import_map_carries_the_nonce_the_policy_names()
    {
        using var client = await portal.CookieClientAsAsync("zhangwei");
        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(Header(response, "Content-Security-Policy")!, "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html);
        // No other inline script: every other <script> has a src.
        var inline = System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*\\bsrc=)(?![^>]*type=\"importmap\")[^>]*>");
        Assert.Empty(inline);
    }

    [Fact]
    public async Task An_api_answer_carries_the_security_headers_and_is_not_stored()
    {
        using var client = await portal.ApiClientAsAsync("zhangwei");
        var response = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertProtections(response, "api");
        AssertNotStored(response, "api");
    }

    [Fact]
    public async Task A_refused_api_answer_carries_the_security_headers_too()
    {
        using var client = portal.Factory.CreateClient();
        var response = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertProtections(response, "401");
        AssertNotStored(response, "401");
    }

    [Fact]
    public async Task A_download_carries_the_security_headers_and_is_not_stored()
    {
        using var client = await portal.CookieClientAsAsync("auditor");
        var response = await client.GetAsync("/audit/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Content.Headers.ContentDisposition);
        AssertProtections(response, "download");
        AssertNotStored(response, "download");
    }

    [Fact]
    public async Task A_static_asset_carries_nosniff_and_stays_cacheable()
    {
        using var client = portal.Factory.CreateClient();
        var response = await client.GetAsync("/_content/MudBlazor/MudBlazor.min.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task The_OpenAPI_document_is_public_in_Development()
    {
        using var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }
}

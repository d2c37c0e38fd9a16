using System.Net;
using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>
/// A browser reduced to its cookie jar, over the in-process portal: it signs in through the real login form, posts
/// forms with the token the page gave, and can be copied, so a test can replay a cookie saved before a logout.
/// Redirects are not followed.
/// </summary>
internal sealed class CookieBrowser(PortalFixture portal, Dictionary<string, string>? cookies = null)
{
    private readonly Dictionary<string, string> _cookies = cookies ?? new();

    public CookieBrowser Copy() => new(portal, new Dictionary<string, string>(_cookies));

    public static async Task<CookieBrowser> SignedInAsync(PortalFixture portal, string userName, string password = DemoAccounts.Password)
    {
        var browser = new CookieBrowser(portal);
        var login = await browser.PostFormAsync("/account/login", "/account/login", new()
        {
            ["_handler"] = "login", ["Input.UserName"] = userName, ["Input.Password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("gdp.auth", browser._cookies.Keys);
        return browser;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>Opens <paramref name="page"/>, takes the antiforgery token from its form and posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, Dictionary<string, string> fields)
    {
        var html = await (await GetAsync(page)).Content.ReadAsStringAsync();
        var token = AntiforgeryForm.Token(html);
        Assert.False(string.IsNullOrEmpty(token), $"no antiforgery token on {page}");
        return await PostAsync(action, new Dictionary<string, string>(fields) { [AntiforgeryForm.FieldName] = token });
    }

    public Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) });

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await client.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0];
            var (name, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) _cookies.Remove(name);
            else _cookies[name] = value;
        }
        return response;
    }

    /// <summary>Where a redirect leads ("" when the answer is not a redirect).</summary>
    public static string Location(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found ? response.Headers.Location?.OriginalString ?? "" : "";
}

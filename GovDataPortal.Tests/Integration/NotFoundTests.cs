using System.Net;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Integration;

/// <summary>An address that does not exist: a Chinese page for people, problem details only under /api.</summary>
public class NotFoundTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task An_unknown_page_address_shows_the_Chinese_404_page()
    {
        using var client = await portal.CookieClientAsAsync("zhangwei");
        var response = await client.GetAsync("/no-such-page/at-all");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("页面不存在", html);
        Assert.DoesNotContain("\"title\"", html);
        Assert.DoesNotContain("Not Found", html);
    }
}

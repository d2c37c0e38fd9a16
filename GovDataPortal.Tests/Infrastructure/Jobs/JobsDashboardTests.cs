using System.Net;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Infrastructure.Jobs;

/// <summary>The Hangfire dashboard at /admin/jobs: 系统管理员 only, in Chinese.</summary>
public class JobsDashboardTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_login_page()
    {
        using var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("zhangwei")]  // 数据专管员
    [InlineData("zhaomin")]   // 主管部门审核人
    [InlineData("security")]  // 安全管理员
    [InlineData("auditor")]   // 审计员
    public async Task Every_other_role_gets_403_in_Chinese(string userName)
    {
        using var client = await portal.CookieClientAsAsync(userName);
        foreach (var path in new[] { "/admin/jobs", "/admin/jobs/recurring", "/admin/jobs/stats" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("仅限系统管理员", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task The_system_administrator_sees_the_dashboard_in_Chinese()
    {
        using var client = await portal.CookieClientAsAsync("admin");
        var response = await client.GetAsync("/admin/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("后台任务", html);   // our title
        Assert.Contains("周期性作业", html); // Hangfire's own Chinese texts
        Assert.DoesNotContain("Recurring Jobs", html);
    }
}

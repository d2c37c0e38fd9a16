using System.Net;
using System.Text.Json;
using GovDataPortal.Features.Audit;
using GovDataPortal.Tests.Features.Identity;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Audit;

/// <summary>
/// Refused requests (401/403 on /api and pages) are audited, at most one record per caller per minute with the count of
/// the refusals in between, so a flood cannot bloat the log.
/// </summary>
public class RefusalAuditTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<List<AuditRecord>> RefusalsAsync(Func<AuditRecord, bool> which) =>
        (await portal.AuditAsync(AuditActions.AccessRefused)).Where(which).ToList();

    private static JsonElement Summary(AuditRecord r) => JsonDocument.Parse(r.Summary).RootElement;

    [Fact]
    public async Task A_refused_api_request_is_audited_with_path_method_status_and_user()
    {
        using var client = await portal.ApiClientAsAsync("liuyang");
        var response = await client.GetAsync("/api/audit");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        var record = Assert.Single(await RefusalsAsync(r => r.UserName == "liuyang"));
        Assert.Equal("/api/audit", Summary(record).GetProperty("路径").GetString());
        Assert.Equal("GET", Summary(record).GetProperty("方法").GetString());
        Assert.Equal(403, Summary(record).GetProperty("状态").GetInt32());
        Assert.Equal(await portal.UserIdAsync("liuyang"), record.UserId);
        Assert.Equal("拒绝访问", AuditActions.DisplayName(record.Action));
    }

    [Fact]
    public async Task Fifty_refusals_write_at_most_a_few_rows_and_the_next_minute_reports_the_count()
    {
        using var client = await portal.ApiClientAsAsync("yangfan");
        for (var i = 0; i < 50; i++)
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/audit?n={i}")).StatusCode);

        var rows = await RefusalsAsync(r => r.UserName == "yangfan");
        Assert.InRange(rows.Count, 1, 2);

        portal.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await client.GetAsync("/api/audit");

        var after = await RefusalsAsync(r => r.UserName == "yangfan");
        Assert.Equal(rows.Count + 1, after.Count);
        Assert.Equal(49, Summary(after[^1]).GetProperty("此前一分钟内未单独记录的拒绝次数").GetInt32());
    }

    [Fact]
    public async Task Anonymous_refusals_are_counted_per_address()
    {
        using var client = portal.Factory.CreateClient();
        var before = (await portal.AuditAsync(AuditActions.AccessRefused)).Count;
        for (var i = 0; i < 50; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);

        var written = (await portal.AuditAsync(AuditActions.AccessRefused)).Count - before;
        Assert.InRange(written, 1, 2);
    }

    [Fact]
    public async Task A_page_refused_to_a_signed_in_user_is_audited()
    {
        using var client = await portal.CookieClientAsAsync("chenjing");
        var response = await client.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/access-denied", response.Headers.Location!.ToString());

        var record = Assert.Single(await RefusalsAsync(r => r.UserName == "chenjing"));
        Assert.Equal("/audit", Summary(record).GetProperty("路径").GetString());
        Assert.Equal(403, Summary(record).GetProperty("状态").GetInt32());
    }
}

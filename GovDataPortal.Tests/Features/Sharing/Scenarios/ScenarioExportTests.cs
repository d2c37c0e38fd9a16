using System.Net;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Sharing.Scenarios;

/// <summary>The xlsx downloads behind the list pages' export links (issue 10 §4: lists export to xlsx).</summary>
public class ScenarioExportTests(ScenarioFixture portal) : IClassFixture<ScenarioFixture>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task The_scenario_list_downloads_as_xlsx_for_a_signed_in_user()
    {
        var entry = await portal.SharableAsync(DemoAccounts.Market, "导出测试目录", "统一社会信用代码");
        await portal.ApprovedAsync(ScenarioFixture.Draft(entry, "统一社会信用代码"));
        using var client = await portal.CookieClientAsAsync("yangfan");

        var response = await client.GetAsync("/" + ScenarioExportEndpoints.ScenariosLink(new ScenarioFilter(ScenarioStatus.Approved)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]); // a zip package
    }

    [Fact]
    public async Task The_overview_download_is_refused_to_anyone_but_an_authority_reviewer()
    {
        using var specialist = await portal.CookieClientAsAsync("zhangwei");
        Assert.Equal(HttpStatusCode.Forbidden, (await specialist.GetAsync(ScenarioExportEndpoints.OverviewPath)).StatusCode);

        using var reviewer = await portal.CookieClientAsAsync("zhaomin");
        var response = await reviewer.GetAsync(ScenarioExportEndpoints.OverviewPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx, response.Content.Headers.ContentType?.MediaType);
    }
}

using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Grants;
using GovDataPortal.Infrastructure.Excel;
using GovDataPortal.Tests.Features.Sharing.Grants;
using GovDataPortal.Tests.Features.Sharing.Requests;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Sharing;

/// <summary>Downloads the xlsx behind a list's export link and reads it back with the Open XML SDK.</summary>
internal static class XlsxDownload
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<IReadOnlyList<string[]>> RowsAsync(HttpClient client, string link, string fileNamePart)
    {
        var response = await client.GetAsync("/" + link.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(fileNamePart, response.Content.Headers.ContentDisposition?.FileNameStar);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using (var document = SpreadsheetDocument.Open(file, false))
            Assert.NotEmpty(document.WorkbookPart!.Workbook.Descendants<Sheet>());
        file.Position = 0;
        return XlsxReader.ReadRows(file);
    }

    public static async Task Anonymous_is_sent_to_login(PortalFixture portal, string link)
    {
        using var anonymous = portal.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/" + link.TrimStart('/'));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }
}

/// <summary>我的共享申请 as xlsx (issue 10 §4): the page's department and status filter, Chinese heads.</summary>
public sealed class ShareRequestExportTests(ShareRequestFixture portal) : IClassFixture<ShareRequestFixture>
{
    [Fact]
    public async Task My_requests_export_has_chinese_heads_and_only_my_departments_requests()
    {
        var mine = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        var theirs = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()), "yangfan");
        using var client = await portal.CookieClientAsAsync("zhangwei");

        var rows = await XlsxDownload.RowsAsync(client, SharingExportEndpoints.RequestsLink(null), "我的共享申请");

        Assert.Equal(["编号", "数据资源", "信息资源代码", "提供部门", "申请类型", "状态", "当前环节", "办理期限", "期限依据", "是否逾期", "申请时间", "使用截止日期"],
            rows[0]);
        var line = Assert.Single(rows, r => r[0] == mine.Id.ToString());
        Assert.Equal(DemoAccounts.Market, line[3]);
        Assert.Equal("审核中", line[5]);
        Assert.Contains("第二十四条", line[8]); // shuangpai Art. 24: every deadline names its article
        Assert.DoesNotContain(rows, r => r[0] == theirs.Id.ToString());
    }

    [Fact]
    public async Task My_requests_export_applies_the_pages_status_filter()
    {
        var inReview = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync()));
        var granted = await portal.SubmitAsync(portal.Draft(await portal.EntryAsync(GovDataPortal.Features.Catalogue.ShareType.Unconditional)));
        using var client = await portal.CookieClientAsAsync("zhangwei");

        var rows = await XlsxDownload.RowsAsync(client, SharingExportEndpoints.RequestsLink(ShareRequestStatus.Granted), "我的共享申请");

        Assert.Contains(rows, r => r[0] == granted.Id.ToString() && r[5] == "已授权");
        Assert.DoesNotContain(rows, r => r[0] == inReview.Id.ToString());
    }

    [Fact]
    public async Task My_requests_export_sends_an_anonymous_visitor_to_login() =>
        await XlsxDownload.Anonymous_is_sent_to_login(portal, SharingExportEndpoints.RequestsLink(null));

    [Fact]
    public async Task My_requests_page_links_the_export_with_its_filter()
    {
        using var client = await portal.CookieClientAsAsync("zhangwei");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/sharing/requests"));
        Assert.Contains(SharingExportEndpoints.RequestsPath.TrimStart('/'), html);
        Assert.Contains("导出 Excel", html);
    }
}

/// <summary>The grant lists as xlsx, one per tab (issue 10 §4), with the lists' scopes and refusals.</summary>
public sealed class GrantExportTests(GrantFixture portal) : IClassFixture<GrantFixture>
{
    [Fact]
    public async Task Using_export_lists_my_departments_grants_only()
    {
        var mine = await portal.GrantAsync(resourceName: "导出测试：公安使用");
        var theirs = await portal.GrantAsync(requester: DemoAccounts.HumanResources, resourceName: "导出测试：人社使用");
        using var client = await portal.CookieClientAsAsync("zhangwei");

        var rows = await XlsxDownload.RowsAsync(client, SharingExportEndpoints.GrantsLink(GrantScope.Using), "我使用的授权");

        Assert.Equal("授权编号", rows[0][0]);
        Assert.Equal(GrantExport.Columns.Select(c => c.Header), rows[0]);
        var line = Assert.Single(rows, r => r[0] == mine.ToString());
        Assert.Equal("导出测试：公安使用", line[2]);
        Assert.Equal(DemoAccounts.Police, line[4]);
        Assert.Equal(DemoAccounts.Market, line[5]);
        Assert.Equal("统一社会信用代码、企业名称、法定代表人", line[6]);
        Assert.Equal("有效", line[10]);
        Assert.Equal("XY-2026-001", line[14]);
        Assert.DoesNotContain(rows, r => r[0] == theirs.ToString());
    }

    [Fact]
    public async Task Export_from_a_catalogue_entry_lists_only_that_entrys_grants()
    {
        var wanted = await portal.GrantAsync(entryId: 6601, resourceName: "导出测试：条目甲");
        var other = await portal.GrantAsync(entryId: 6602, resourceName: "导出测试：条目乙");
        using var client = await portal.CookieClientAsAsync("zhangwei");

        var rows = await XlsxDownload.RowsAsync(client, SharingExportEndpoints.GrantsLink(GrantScope.Using, 6601), "我使用的授权");

        Assert.Single(rows, r => r[0] == wanted.ToString());
        Assert.DoesNotContain(rows, r => r[0] == other.ToString());
    }

    [Fact]
    public async Task Providing_export_lists_every_grant_of_my_departments_data()
    {
        var police = await portal.GrantAsync(resourceName: "导出测试：提供给公安");
        var hr = await portal.GrantAsync(requester: DemoAccounts.HumanResources, resourceName: "导出测试：提供给人社");
        var other = await portal.GrantAsync(requester: DemoAccounts.Market, provider: DemoAccounts.HumanResources, resourceName: "导出测试：人社提供");
        using var client = await portal.CookieClientAsAsync("chenjing");

        var rows = await XlsxDownload.RowsAsync(client, SharingExportEndpoints.GrantsLink(GrantScope.Providing), "本部门提供的授权");

        Assert.Contains(rows, r => r[0] == police.ToString());
        Assert.Contains(rows, r => r[0] == hr.ToString());
        Assert.DoesNotContain(rows, r => r[0] == other.ToString());
    }

    [Fact]
    public async Task Region_export_is_refused_to_a_department_and_given_to_the_authority()
    {
        var grant = await portal.GrantAsync(resourceName: "导出测试：本区域");
        using var specialist = await portal.CookieClientAsAsync("zhangwei");
        Assert.Equal(HttpStatusCode.Forbidden, (await specialist.GetAsync("/" + SharingExportEndpoints.GrantsLink(GrantScope.Region))).StatusCode);

        using var reviewer = await portal.CookieClientAsAsync("zhaomin");
        var rows = await XlsxDownload.RowsAsync(reviewer, SharingExportEndpoints.GrantsLink(GrantScope.Region), "本区域的授权");
        Assert.Contains(rows, r => r[0] == grant.ToString());
    }

    [Fact]
    public async Task Grant_export_sends_an_anonymous_visitor_to_login() =>
        await XlsxDownload.Anonymous_is_sent_to_login(portal, SharingExportEndpoints.GrantsLink(GrantScope.Using));
}

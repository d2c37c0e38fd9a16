using System.Text.Json;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;
using GovDataPortal.Infrastructure.Excel;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using static GovDataPortal.Tests.Features.Audit.AuditTestSupport;

namespace GovDataPortal.Tests.Features.Audit;

public class AuditExportTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static readonly string[] Header = ["编号", "时间", "用户", "部门", "IP 地址", "操作", "对象类型", "对象编号", "摘要"];

    [Fact]
    public async Task Export_writes_the_filtered_rows_under_chinese_headers_and_is_itself_audited()
    {
        var day = new DateOnly(2031, 6, 1);
        var first = await portal.WriteAsAsync("zhangwei", Beijing(2031, 6, 1, 9), AuditActions.Login, new { 方式 = "密码" });
        await portal.WriteAsAsync("zhangwei", Beijing(2031, 6, 1, 10), AuditActions.Logout);
        var second = await portal.WriteAsAsync("liuyang", Beijing(2031, 6, 1, 11), AuditActions.Login, new { 方式 = "密码" });
        portal.Clock.Set(Beijing(2031, 6, 2, 8));
        var filter = new AuditFilter(Action: AuditActions.Login, From: day, To: day);
        using var file = new MemoryStream();

        long count;
        await using (var scope = await portal.ScopeAsAsync("auditor"))
            count = await scope.Get<AuditQueryService>().ExportAsync(filter, file);

        file.Position = 0;
        var rows = XlsxReader.ReadRows(file);
        Assert.Equal(2, count);
        Assert.Equal(Header, rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal([second.ToString(), "2031-06-01 11:00:00", "liuyang", DemoAccounts.Market, "127.0.0.1", "登录", "", "", "方式：密码"], rows[1]);
        Assert.Equal([first.ToString(), "2031-06-01 09:00:00", "zhangwei", DemoAccounts.Police], rows[2][..4]);

        var exported = await LastRecordAsync();
        Assert.Equal((AuditActions.Export, "auditor", Beijing(2031, 6, 2, 8)), (exported.Action, exported.UserName, exported.OccurredAt));
        using var summary = JsonDocument.Parse(exported.Summary);
        Assert.Equal(2, summary.RootElement.GetProperty("行数").GetInt32());
        var conditions = summary.RootElement.GetProperty("筛选条件");
        Assert.Equal(("登录", "2031-06-01", "2031-06-01"), (conditions.GetProperty("操作").GetString(),
            conditions.GetProperty("起始日期").GetString(), conditions.GetProperty("截止日期").GetString()));
    }

    /// <summary>
    /// Regression: the 摘要 column held the stored JSON (English keys, UTC instants). A real change made through the
    /// audit interceptor comes back from the file as Chinese field names, old → new, in Beijing time.
    /// </summary>
    [Fact]
    public async Task The_summary_column_reads_back_as_Chinese_fields_with_old_and_new_values_in_Beijing_time()
    {
        var at = Beijing(2031, 8, 3, 10);
        portal.Clock.Set(at);
        string oldName, newName, oldCreated;
        int departmentId;
        await using (var admin = await portal.ScopeAsAsync("admin"))
        await using (var db = await admin.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var department = await db.Departments.OrderBy(d => d.Id).FirstAsync(d => d.Kind == DepartmentKind.GovernmentDepartment);
            (departmentId, oldName, oldCreated) = (department.Id, department.Name, ChinaTime.Format(department.CreatedAt));
            department.Name = newName = department.Name + "（更名）";
            department.Kind = DepartmentKind.PublicServiceEnterprise;
            department.CreatedAt = Beijing(2031, 8, 1, 9, 15, 30);
            await db.SaveChangesAsync();
        }
        var day = new DateOnly(2031, 8, 3);
        using var file = new MemoryStream();

        await using (var scope = await portal.ScopeAsAsync("auditor"))
            await scope.Get<AuditQueryService>().ExportAsync(new AuditFilter(Action: AuditActions.Update, From: day, To: day), file);

        file.Position = 0;
        var row = Assert.Single(XlsxReader.ReadRows(file).Skip(1));
        Assert.Equal(("2031-08-03 10:00:00", "修改", "部门", departmentId.ToString()), (row[1], row[5], row[6], row[7]));
        Assert.Equal($"创建时间：{oldCreated} → 2031-08-01 09:15:30；部门类型：政务部门 → 公共服务企业；部门名称：{oldName} → {newName}", row[8]);
    }

    [Fact]
    public async Task An_export_with_nothing_matching_is_a_header_only_sheet_and_still_audited()
    {
        var before = (await LastRecordAsync()).Id;
        using var file = new MemoryStream();

        await using (var scope = await portal.ScopeAsAsync("auditor"))
            await scope.Get<AuditQueryService>().ExportAsync(new AuditFilter(UserName: "没有这个用户"), file);

        file.Position = 0;
        Assert.Equal([Header], XlsxReader.ReadRows(file));
        var exported = await LastRecordAsync();
        Assert.Equal((before + 1, AuditActions.Export), (exported.Id, exported.Action));
        Assert.Contains("\"行数\":0", exported.Summary);
    }

    [Fact]
    public async Task A_refused_export_writes_no_file_and_no_record()
    {
        var before = (await LastRecordAsync()).Id;
        using var file = new MemoryStream();
        await using var scope = await portal.ScopeAsAsync("zhangwei");

        await Assert.ThrowsAsync<GovDataPortal.Infrastructure.AccessDeniedException>(() =>
            scope.Get<AuditQueryService>().ExportAsync(new AuditFilter(), file));

        Assert.Equal(0, file.Length);
        Assert.Equal(before, (await LastRecordAsync()).Id);
    }

    [Fact]
    public async Task The_download_endpoint_sends_the_workbook_under_a_dated_chinese_file_name_and_deletes_its_temp_file()
    {
        portal.Clock.Set(Beijing(2031, 7, 15, 9, 30));
        var day = new DateOnly(2031, 7, 15);
        var id = await portal.WriteAsAsync("lina", Beijing(2031, 7, 15, 9, 0), AuditActions.Login);
        await using var scope = await portal.ScopeAsAsync("auditor");
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        using var body = new MemoryStream();
        http.Response.Body = body;

        var result = await AuditEndpoints.ExportAsync(new AuditFilterQuery("lina", null, null, day, day),
            scope.Get<AuditQueryService>(), portal.Clock, default);
        var tempFile = ((FileStream)result.FileStream).Name;
        if (!OperatingSystem.IsWindows()) // audit data: readable by the portal's own user only
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tempFile));
        await result.ExecuteAsync(http);

        Assert.Equal(AuditEndpoints.XlsxContentType, http.Response.ContentType);
        var disposition = http.Response.Headers.ContentDisposition.ToString();
        Assert.StartsWith("attachment;", disposition);
        Assert.Contains("filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97_20310715.xlsx", disposition);
        body.Position = 0;
        var rows = XlsxReader.ReadRows(body);
        Assert.Equal(id.ToString(), Assert.Single(rows.Skip(1))[0]);
        Assert.False(File.Exists(tempFile));
    }

    [Fact]
    public void The_download_endpoint_requires_the_read_audit_policy()
    {
        var app = WebApplication.CreateBuilder().Build();

        app.MapAuditExport();

        var endpoint = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == AuditEndpoints.ExportPath);
        Assert.Contains(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == PortalPolicies.ReadAudit);
        Assert.Equal(["GET"], endpoint.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods);
    }

    [Fact]
    public void The_page_link_carries_the_filters_as_the_endpoint_reads_them()
    {
        var filter = new AuditFilter(" 张 ", 7, AuditActions.Login, new DateOnly(2031, 1, 2), new DateOnly(2031, 2, 3));

        var url = filter.AppendTo("audit/export.xlsx");

        Assert.Equal("audit/export.xlsx?user=%E5%BC%A0&departmentId=7&action=Login&from=2031-01-02&to=2031-02-03", url);
        Assert.Equal("audit/export.xlsx", new AuditFilter().AppendTo("audit/export.xlsx"));
    }

    private async Task<AuditRecord> LastRecordAsync()
    {
        await using var db = await portal.DbAsync();
        return await db.AuditRecords.AsNoTracking().OrderByDescending(a => a.Id).FirstAsync();
    }
}

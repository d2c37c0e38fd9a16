using System.Globalization;
using GovDataPortal.Features.Sharing.Grants;
using GovDataPortal.Features.Sharing.Requests;
using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GovDataPortal.Features.Sharing;

/// <summary>
/// The xlsx downloads of 我的共享申请 and of the grant lists (issue 10 §4: lists export to xlsx), for the pages' download
/// links: signed in by cookie (the fallback policy); the services apply the pages' filters and refusals.
/// </summary>
public static class SharingExportEndpoints
{
    public const string RequestsPath = "/sharing/requests/export.xlsx";
    public const string GrantsPath = "/sharing/grants/export.xlsx";

    public static IEndpointRouteBuilder MapSharingExports(this IEndpointRouteBuilder app)
    {
        app.MapGet(RequestsPath, RequestsAsync).ExcludeFromDescription();
        app.MapGet(GrantsPath, GrantsAsync).ExcludeFromDescription();
        return app;
    }

    public static string RequestsLink(ShareRequestStatus? status) => RequestsPath.TrimStart('/') + (status is { } s ? $"?status={s}" : "");

    public static string GrantsLink(GrantScope scope, long? entry = null) =>
        GrantsPath.TrimStart('/') + $"?scope={scope}" + (entry is { } e ? $"&entry={e}" : "");

    internal static Task<FileStreamHttpResult> RequestsAsync([FromQuery(Name = "status")] ShareRequestStatus? status,
        [FromServices] ShareRequestService service, [FromServices] TimeProvider clock, CancellationToken ct) =>
        ScenarioExportEndpoints.FileAsync((file, c) => service.ExportMineAsync(status, file, c), $"我的共享申请_{Day(clock)}.xlsx", ct);

    internal static Task<FileStreamHttpResult> GrantsAsync([FromQuery(Name = "scope")] GrantScope? scope, [FromQuery(Name = "entry")] long? entry,
        [FromServices] GrantExport export, [FromServices] TimeProvider clock, CancellationToken ct)
    {
        var s = scope ?? GrantScope.Using;
        return ScenarioExportEndpoints.FileAsync((file, c) => export.ExportAsync(s, file, c, entry), $"{GrantExport.SheetName(s)}_{Day(clock)}.xlsx", ct);
    }

    private static string Day(TimeProvider clock) => ChinaTime.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}

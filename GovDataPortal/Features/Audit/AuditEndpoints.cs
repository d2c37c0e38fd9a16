using System.Globalization;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GovDataPortal.Features.Audit;

/// <summary>Query-string form of <see cref="AuditFilter"/>, shared by the API and the export download.</summary>
public sealed record AuditFilterQuery(
    [FromQuery(Name = "user")] string? User,
    [FromQuery(Name = "departmentId")] int? DepartmentId,
    [FromQuery(Name = "action")] string? Action,
    [FromQuery(Name = "from")] DateOnly? From,
    [FromQuery(Name = "to")] DateOnly? To)
{
    public AuditFilter ToFilter() => new(User, DepartmentId, Action, From, To);
}

public static class AuditEndpoints
{
    public const string ExportPath = "/audit/export.xlsx";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary><c>GET /api/audit</c> and <c>GET /api/audit/verify</c>; the service refuses everyone but the 审计员 (403).</summary>
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("审计日志");
        audit.MapGet("", async ([AsParameters] AuditFilterQuery query, AuditQueryService service, CancellationToken ct,
                int skip = 0, int take = 50) => TypedResults.Ok(await service.QueryAsync(query.ToFilter(), skip, take, ct)))
            .WithSummary("查询审计日志（按时间倒序分页，take 不超过 500）");
        audit.MapGet("/verify", async (AuditQueryService service, CancellationToken ct) =>
                TypedResults.Ok(await service.VerifyChainAsync(ct)))
            .WithSummary("校验审计日志哈希链");
        return api;
    }

    /// <summary>
    /// <c>GET /audit/export.xlsx?…</c> for the audit page's download link: signed in by cookie (not under /api), 审计员 only.
    /// </summary>
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(ExportPath, ExportAsync).RequireAuthorization(PortalPolicies.ReadAudit).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The workbook goes to a temp file first: the xlsx writer is synchronous and Kestrel refuses synchronous writes
    /// to a response; and the file and the export's own audit record are complete before the first byte is sent, so
    /// a failure is a proper error status, never a truncated download of unaudited data.
    /// </summary>
    internal static async Task<FileStreamHttpResult> ExportAsync([AsParameters] AuditFilterQuery query,
        [FromServices] AuditQueryService service, [FromServices] TimeProvider clock, CancellationToken ct)
    {
        var file = TempFile();
        try
        {
            await service.ExportAsync(query.ToFilter(), file, ct);
            file.Position = 0;
            // The result disposes the stream after sending, which deletes the file. The download name is written both
            // as an ASCII fallback and as RFC 5987 filename*=UTF-8''….
            return TypedResults.Stream(file, XlsxContentType, FileName(clock));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deleted when closed, and readable by this process's user only: it holds audit data.</summary>
    private static FileStream TempFile()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 1 << 16,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(Path.Combine(Path.GetTempPath(), $"gdp-audit-{Guid.NewGuid():N}.xlsx"), options);
    }

    public static string FileName(TimeProvider clock) =>
        $"审计日志_{ChinaTime.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx";
}

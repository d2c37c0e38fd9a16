using System.Globalization;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GovDataPortal.Features.Sharing.Scenarios;

/// <summary>
/// The xlsx downloads of the scenario list and the authority's overview (issue 10 §4: lists export to xlsx), for the
/// pages' download links: signed in by cookie (the fallback policy), the services decide who may read what.
/// </summary>
public static class ScenarioExportEndpoints
{
    public const string ScenariosPath = "/sharing/scenarios/export.xlsx";
    public const string OverviewPath = "/sharing/overview/export.xlsx";
    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapScenarioExports(this IEndpointRouteBuilder app)
    {
        app.MapGet(ScenariosPath, ScenariosAsync).ExcludeFromDescription();
        app.MapGet(OverviewPath, OverviewAsync).ExcludeFromDescription();
        return app;
    }

    public static string ScenariosLink(ScenarioFilter f)
    {
        var q = new List<string>();
        if (f.Status is { } s) q.Add($"status={s}");
        if (InputText.NullIfBlank(f.Keyword) is { } k) q.Add($"keyword={Uri.EscapeDataString(k)}");
        return ScenariosPath.TrimStart('/') + (q.Count == 0 ? "" : "?" + string.Join("&", q));
    }

    internal static Task<FileStreamHttpResult> ScenariosAsync([FromQuery(Name = "status")] ScenarioStatus? status,
        [FromQuery(Name = "keyword")] string? keyword, [FromServices] ApplicationScenarioService service, [FromServices] TimeProvider clock,
        CancellationToken ct) =>
        FileAsync((file, c) => service.ExportAsync(new ScenarioFilter(status, keyword), file, c), $"应用场景_{Day(clock)}.xlsx", ct);

    internal static Task<FileStreamHttpResult> OverviewAsync([FromServices] ShareOverviewService service, [FromServices] TimeProvider clock,
        CancellationToken ct) =>
        FileAsync(service.ExportAsync, $"在办共享申请_{Day(clock)}.xlsx", ct);

    /// <summary>
    /// The workbook goes to a temp file first: the xlsx writer is synchronous, Kestrel refuses synchronous writes to a
    /// response, and a failure is then a proper error status rather than a truncated download.
    /// </summary>
    internal static async Task<FileStreamHttpResult> FileAsync(Func<Stream, CancellationToken, Task<long>> write, string name, CancellationToken ct)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 1 << 16,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"gdp-sharing-{Guid.NewGuid():N}.xlsx"), options);
        try
        {
            await write(file, ct);
            file.Position = 0;
            return TypedResults.Stream(file, XlsxContentType, name);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static string Day(TimeProvider clock) => ChinaTime.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}

using System.Globalization;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace GovDataPortal.Features.Catalogue.Excel;

/// <summary>
/// <c>GET /catalogue/template.xlsx</c> and <c>GET /catalogue/export.xlsx?…</c> for the pages' download links (cookie
/// sign-in, the fallback policy). The export's query uses <see cref="CatalogueFilter"/>'s property names in camelCase,
/// as the list page does: keyword, providerDepartmentId, resourceClassId, catalogueType, shareType, openType,
/// updateCycle, status, securityLevel (enum values by name or number).
/// </summary>
public static class CatalogueExcelEndpoints
{
    public const string TemplatePath = "/catalogue/template.xlsx";
    public const string ExportPath = "/catalogue/export.xlsx";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapCatalogueExcel(this IEndpointRouteBuilder app)
    {
        app.MapGet(TemplatePath, TemplateAsync).ExcludeFromDescription();
        app.MapGet(ExportPath, ExportAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>The link of the export for a filter (the list page builds its download link with it).</summary>
    public static string ExportLink(CatalogueFilter f)
    {
        var q = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null && Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text)
                q.Add($"{name}={Uri.EscapeDataString(text)}");
        }
        Add("keyword", f.Keyword);
        Add("providerDepartmentId", f.ProviderDepartmentId);
        Add("resourceClassId", f.ResourceClassId);
        Add("catalogueType", f.CatalogueType);
        Add("shareType", f.ShareType);
        Add("openType", f.OpenType);
        Add("updateCycle", f.UpdateCycle);
        Add("status", f.Status);
        Add("securityLevel", f.SecurityLevel);
        return ExportPath.TrimStart('/') + (q.Count == 0 ? "" : "?" + string.Join("&", q));
    }

    /// <summary>Reads the filter from the query string; a value that is not one of the field's is refused (400) naming it.</summary>
    public static CatalogueFilter FilterFrom(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        int? Int(string name)
        {
            var text = query[name].ToString();
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            errors.Add(name, $"{name} 应为整数。");
            return null;
        }
        T? Enum<T>(string name) where T : struct, Enum
        {
            var text = query[name].ToString().Trim();
            if (text.Length == 0) return null;
            // Enum.TryParse also takes "A,B" (OR-ed) and numbers outside the enum: only one defined value is a filter.
            if (!text.Contains(',') && System.Enum.TryParse<T>(text, ignoreCase: true, out var v) && System.Enum.IsDefined(v)) return v;
            errors.Add(name, $"{name} 只能为 {string.Join("、", System.Enum.GetNames<T>())}。");
            return null;
        }
        var filter = new CatalogueFilter
        {
            Keyword = InputText.Term(query["keyword"].ToString()),
            ProviderDepartmentId = Int("providerDepartmentId"),
            ResourceClassId = Int("resourceClassId"),
            CatalogueType = Enum<CatalogueType>("catalogueType"),
            ShareType = Enum<ShareType>("shareType"),
            OpenType = Enum<OpenType>("openType"),
            UpdateCycle = Enum<UpdateCycle>("updateCycle"),
            Status = Enum<EntryStatus>("status"),
            SecurityLevel = Enum<SecurityLevel>("securityLevel"),
        };
        errors.ThrowIfInvalid();
        return filter;
    }

    private static async Task<FileStreamHttpResult> TemplateAsync([FromServices] CatalogueExportService service, CancellationToken ct)
    {
        var file = TempFile();
        try
        {
            await service.WriteTemplateAsync(file, ct);
            file.Position = 0;
            return TypedResults.Stream(file, XlsxContentType, "政务信息资源目录导入模板.xlsx");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Written to a temp file first (the xlsx writer is synchronous, Kestrel refuses synchronous writes) and audited
    /// before the first byte is sent, as the audit log's export does.
    /// </summary>
    private static async Task<FileStreamHttpResult> ExportAsync(HttpRequest request, [FromServices] CatalogueExportService service,
        [FromServices] TimeProvider clock, CancellationToken ct)
    {
        var filter = FilterFrom(request.Query);
        var file = TempFile();
        try
        {
            await service.ExportAsync(filter, file, ct);
            file.Position = 0;
            return TypedResults.Stream(file, XlsxContentType,
                $"政务信息资源目录_{ChinaTime.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deleted when closed, readable by this process's user only.</summary>
    private static FileStream TempFile()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 1 << 16,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(Path.Combine(Path.GetTempPath(), $"gdp-catalogue-{Guid.NewGuid():N}.xlsx"), options);
    }
}

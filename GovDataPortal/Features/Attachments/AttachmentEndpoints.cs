using Microsoft.AspNetCore.Mvc;

namespace GovDataPortal.Features.Attachments;

/// <summary>The pages' download link for an attachment: signed in by cookie, outside the token-protected /api.</summary>
public static class AttachmentEndpoints
{
    public const string Prefix = "/attachments/";

    public static string DownloadPath(Guid id) => $"attachments/{id:D}";

    public static IEndpointRouteBuilder MapAttachmentDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "{id:guid}", DownloadAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    internal static async Task<IResult> DownloadAsync(Guid id, [FromServices] AttachmentService attachments, HttpContext http,
        CancellationToken ct) =>
        await attachments.OpenAsync(id, ct) is { } file ? FileResult(file, http) : Results.NotFound();

    /// <summary>
    /// Always a download (Content-Disposition: attachment) with nosniff: an uploaded file is never rendered in the
    /// portal's origin.
    /// </summary>
    public static IResult FileResult(AttachmentFile file, HttpContext http)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}

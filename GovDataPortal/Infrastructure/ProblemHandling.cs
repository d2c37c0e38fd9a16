using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// Turns refused input into problem details: validation and rule failures → 400 naming the field, malformed or
/// oversized bodies → 413 naming <c>body</c>, a wrong content type → 415, a missing object → 404, access refusals → 403,
/// lost races → 409. Only a real fault is a 500.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, errors) = Classify(exception);
        if (status is null) return false;
        http.Response.StatusCode = status.Value;
        var details = errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title }
            : new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(errors) { Status = status, Title = title };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    internal static (int? Status, string Title, IDictionary<string, string[]>? Errors) Classify(Exception e) => e switch
    {
        ConflictException c => (409, c.Message, null),
        NotFoundException n => (404, n.Message, null),
        ValidationFailedException v => (400, InvalidInputTitle, v.Errors.ToDictionary()),
        DomainException d => (400, d.Message, d.Field is null ? null : new Dictionary<string, string[]> { [d.Field] = [d.Message] }),
        AccessDeniedException a => (403, a.Message, null),
        DbUpdateConcurrencyException => (409, "数据已被他人修改，请刷新后重试。", null),
        // A unique index refused a save that a service did not word itself: someone else inserted the same first.
        DbUpdateException u when UniqueViolation.Is(u) => (409, UniqueViolation.LostRaceMessage, null),
        BadHttpRequestException { StatusCode: 413 } => (413, BodyTooLargeTitle, BodyTooLargeErrors()),
        BadHttpRequestException { StatusCode: 415 } => (415, "请求的内容类型不受支持，请使用 application/json。", null),
        BadHttpRequestException { InnerException: InputTextRefusedException r } => (400, InvalidInputTitle,
            new Dictionary<string, string[]> { [FieldName(r)] = [InputText.RefusedMessage] }),
        BadHttpRequestException { InnerException: JsonException j } => (400, "请求体不是有效的 JSON。", Field(j)),
        BadHttpRequestException b => (400, "请求格式不正确。", new Dictionary<string, string[]> { [ParameterName(b)] = [BindingMessage(b)] }),
        _ => (null, "", null),
    };

    public const string InvalidInputTitle = "提交的数据有误。";
    public const string BodyTooLargeTitle = "请求体过大。";

    /// <summary>
    /// A query or route value that parsed but is not allowed (an enum number or list): answered by the endpoint filter
    /// in <see cref="ApiProtocol.RefuseUndefinedEnumValues"/> itself, with this title.
    /// </summary>
    public const string ParameterRefusedTitle = "请求参数不正确。";

    public static Dictionary<string, string[]> BodyTooLargeErrors() =>
        new() { ["body"] = [$"请求体超过允许的大小（{PortalServices.ApiMaxBodyBytes / 1024 / 1024} MB）。"] };

    private static Dictionary<string, string[]> Field(JsonException j) => new() { [FieldName(j)] = ["格式不正确或类型不符。"] };

    private static string FieldName(JsonException j) => string.IsNullOrEmpty(j.Path) || j.Path == "$" ? "body" : j.Path.TrimStart('$', '.');

    // A route or query value that does not parse as its type (an id "abc", a number that overflows) or is missing.
    private static string BindingMessage(BadHttpRequestException b) =>
        b.Message.StartsWith("Required parameter", StringComparison.Ordinal) ? "缺少必填参数。" : "格式不正确或超出取值范围。";

    // Minimal APIs say "Failed to bind parameter "int days" from "x"." — pull the parameter name out for the client.
    private static string ParameterName(BadHttpRequestException b)
    {
        var m = System.Text.RegularExpressions.Regex.Match(b.Message, "parameter \"[^\"]*?(\\w+)\"");
        return m.Success ? m.Groups[1].Value : "request";
    }
}

using GovDataPortal.Features.Attachments;
using GovDataPortal.Infrastructure;
using F = GovDataPortal.Features.DataChecks.DataCheckFields;

namespace GovDataPortal.Features.DataChecks;

/// <summary>
/// The data-check API on the token-protected <c>/api</c> group. The service decides everything; refusals become
/// problem details (400 naming the camelCase field, 403, 409 for a lost race). The JSON API takes no evidence file:
/// /api bodies are limited to 1 MiB and a 10 MB file does not fit (not even as base64) — evidence is attached on the
/// page, and downloaded here through <c>GET /api/data-checks/{id}/evidence</c>.
/// </summary>
public static class DataCheckEndpoints
{
    public static RouteGroupBuilder MapDataCheckEndpoints(this RouteGroupBuilder api)
    {
        var checks = api.MapGroup("/data-checks").WithTags("数据校核");
        checks.MapGet("", List).WithSummary("数据校核列表（scope=raised 我部门提起的 / about 针对我部门数据的 / region 本区域督办（数据主管部门审核人）；status 可选）");
        checks.MapPost("", Raise).WithSummary("提起数据疑义、错误校核（数据专管员或部门审核人；证明材料请在页面上传）");
        checks.MapGet("/{id}", Get).WithSummary("数据校核详情（提起部门、提供部门及数据主管部门审核人可见）");
        checks.MapGet("/{id}/evidence", Evidence).WithSummary("下载证明材料");
        checks.MapPost("/{id}/answer", Answer).WithSummary("提供部门答复校核结果（部门审核人）");
        checks.MapPost("/{id}/extension", Extend).WithSummary("申请延长校核期限（仅限当前政策允许时）");
        checks.MapPost("/{id}/close", Close).WithSummary("关闭已答复的校核（提起部门）");
        checks.MapPost("/{id}/reopen", Reopen).WithSummary("对答复有异议时重新提起（限一次）");
        return api;
    }

    private static async Task<IReadOnlyList<DataCheckRow>> List(DataCheckService service, string? scope, string? status, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var which = scope?.Trim().ToLowerInvariant() switch
        {
            null or "" or "raised" => DataCheckScope.Raised,
            "about" => DataCheckScope.AboutMine,
            "region" => DataCheckScope.Region,
            _ => (DataCheckScope?)null,
        };
        if (which is null) errors.Add("scope", "scope 只能为 raised、about 或 region。");
        DataCheckStatus? filter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            // Enum.TryParse also takes "Submitted,Closed" (OR-ed together: Closed) and numbers; only one name is a status.
            if (!status.Contains(',') && Enum.TryParse<DataCheckStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s)
                && !int.TryParse(status, out _)) filter = s;
            else errors.Add("status", "status 只能为 Submitted、Answered 或 Closed。");
        }
        errors.ThrowIfInvalid();
        return await service.ListAsync(which!.Value, filter, ct);
    }

    private static async Task<IResult> Raise(DataCheckService service, RaiseDataCheckInput request, CancellationToken ct)
    {
        var id = await service.RaiseAsync(request, null, ct);
        return TypedResults.Created($"/api/data-checks/{id}", new CreatedDataCheck(id));
    }

    private static async Task<IResult> Get(DataCheckService service, long id, CancellationToken ct) =>
        await service.GetAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : NotFound();

    private static async Task<IResult> Evidence(DataCheckService service, AttachmentService attachments, HttpContext http, long id,
        CancellationToken ct)
    {
        if (await service.GetAsync(id, ct) is not { } detail) return NotFound();
        if (detail.Evidence is null || await attachments.OpenAsync(detail.Evidence.Id, ct) is not { } file)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "该校核没有证明材料。");
        return AttachmentEndpoints.FileResult(file, http);
    }

    private static async Task<IResult> Answer(DataCheckService service, long id, AnswerDataCheckRequest request, CancellationToken ct)
    {
        var (taskId, version) = RequireTask(request.TaskId, request.TaskVersion);
        await service.AnswerAsync(id, taskId, version, request.Answer, request.Explanation, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Extend(DataCheckService service, long id, ExtendDataCheckRequest request, CancellationToken ct)
    {
        var (taskId, version) = RequireTask(request.TaskId, request.TaskVersion);
        await service.RequestExtensionAsync(id, taskId, version, request.ExtensionDays, request.Reason, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Close(DataCheckService service, long id, CancellationToken ct)
    {
        await service.CloseAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Reopen(DataCheckService service, long id, ReopenDataCheckRequest request, CancellationToken ct)
    {
        await service.ReopenAsync(id, request.Reason, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The task and the version the client saw (from <c>GET /api/data-checks/{id}</c>, <c>openTask</c>).</summary>
    private static (long TaskId, uint Version) RequireTask(long? taskId, uint? version)
    {
        var errors = new ValidationErrors();
        if (taskId is null) errors.Add(F.TaskId, "请提供任务编号（taskId）。");
        if (version is null) errors.Add("taskVersion", "请提供任务版本（taskVersion）。");
        errors.ThrowIfInvalid();
        return (taskId!.Value, version!.Value);
    }

    private static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: DataCheckTexts.NotFoundMessage);
}

using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Sharing.Requests;

/// <summary>
/// The share-request API on the token-protected <c>/api</c> group. The service decides everything; refusals become
/// problem details (400 naming the camelCase field, 403 for a department not concerned or a caller without a task of the
/// request, 409 for a lost race).
/// </summary>
public static class ShareRequestEndpoints
{
    public static RouteGroupBuilder MapShareRequestEndpoints(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/share-requests").WithTags("共享申请");
        requests.MapGet("", Mine).WithSummary("我的申请：本部门提出的共享申请（status 可选）");
        requests.MapPost("", Submit).WithSummary("申请共享已发布目录中的数据（数据专管员）；无条件共享类或符合已明确应用场景的直接授权");
        requests.MapGet("/{id}", Get).WithSummary("共享申请详情（申请部门、提供部门及办理的数据主管部门可见）");
        requests.MapPost("/{id}/decision", Decide)
            .WithSummary("办理本人的待办：approve 同意、reject 不同意（须说明理由）、coordinate 申请协调、accept 接受不予共享结果");
        requests.MapPost("/{id}/withdraw", Withdraw).WithSummary("撤回审核中的申请（申请人）");
        return api;
    }

    private static async Task<IReadOnlyList<ShareRequestRow>> Mine(ShareRequestService service, string? status, CancellationToken ct)
    {
        ShareRequestStatus? filter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!status.Contains(',') && !int.TryParse(status, out _) && Enum.TryParse<ShareRequestStatus>(status, true, out var s) && Enum.IsDefined(s))
                filter = s;
            else new ValidationErrors().Add("status", "status 只能为 InReview、Granted、Agreed、Refused 或 Withdrawn。").ThrowIfInvalid();
        }
        return await service.MineAsync(filter, ct);
    }

    private static async Task<IResult> Submit(ShareRequestService service, ShareRequestDraft request, CancellationToken ct)
    {
        var submitted = await service.SubmitAsync(request, ct);
        return TypedResults.Created($"/api/share-requests/{submitted.Id}", submitted);
    }

    private static async Task<IResult> Get(ShareRequestService service, long id, CancellationToken ct) =>
        await service.GetAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : NotFound();

    private static async Task<IResult> Decide(ShareRequestService service, long id, ShareRequestDecisionInput request, CancellationToken ct)
    {
        await service.DecideAsync(id, request, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Withdraw(ShareRequestService service, long id, WithdrawShareRequestInput? request, CancellationToken ct)
    {
        await service.WithdrawAsync(id, request?.Reason, ct);
        return TypedResults.NoContent();
    }

    private static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: ShareRequestNames.NotFoundMessage);
}

/// <summary>Why the requester takes the request back (optional).</summary>
public sealed record WithdrawShareRequestInput(string? Reason);

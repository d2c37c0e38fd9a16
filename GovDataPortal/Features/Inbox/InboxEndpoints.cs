namespace GovDataPortal.Features.Inbox;

/// <summary>
/// <c>/api/inbox</c>: my open tasks, a task with its history, and decisions. A lost race answers 409 "该任务已由他人处理"
/// (the engine's <c>ConflictException</c>, mapped by ProblemHandling); a missing version or action 400 naming the field.
/// </summary>
public static class InboxEndpoints
{
    /// <summary>Called by <see cref="InboxSetup.MapInboxEndpoints"/>.</summary>
    public static RouteGroupBuilder Map(RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/inbox").WithTags("我的待办");
        inbox.MapGet("", async (string? flowKey, bool? overdueOnly, int? skip, int? take, InboxSort? sort, bool? descending,
                InboxService service, CancellationToken ct) =>
                TypedResults.Ok(await service.MyOpenTasksAsync(new InboxQuery(flowKey, overdueOnly ?? false, skip ?? 0,
                    take ?? InboxQuery.DefaultTake, sort ?? InboxSort.Due, descending ?? false), ct)))
            .WithName("ListMyOpenTasks")
            .WithSummary("我的待办：分配给本人或本部门本人角色的未办结任务，默认按办理期限由近到远排序（sort：Due、Received、Subject；"
                + "descending 倒序）；可按流程（flowKey）和仅看逾期（overdueOnly）筛选");
        inbox.MapGet("/done", async (int? skip, int? take, DoneSort? sort, bool? descending, InboxService service, CancellationToken ct) =>
                TypedResults.Ok(await service.MyDoneTasksAsync(skip ?? 0, take ?? InboxQuery.DefaultTake, sort ?? DoneSort.Completed,
                    descending ?? true, ct)))
            .WithName("ListMyDoneTasks")
            .WithSummary("我的已办：本人办理过的任务及办理结果，默认最近的在前（sort：Completed、Subject；descending=false 正序）");
        inbox.MapGet("/{taskId}", async (long taskId, InboxService service, CancellationToken ct) =>
                await service.GetTaskAsync(taskId, ct) is { } detail
                    ? Results.Ok(detail)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "任务不存在。"))
            .WithName("GetTask")
            .WithSummary("任务详情：事项、办理期限及依据、流程记录，以及本人当前可执行的操作");
        inbox.MapPost("/{taskId}/decision", async (long taskId, DecisionRequest body, InboxService service, CancellationToken ct) =>
            {
                await service.DecideAsync(taskId, body, ct);
                return Results.NoContent();
            })
            .WithName("DecideTask")
            .WithSummary("办理任务：action 为任务详情 actions 所列之一——Approve（同意）、Reject（驳回）、Return（退回修改）、"
                + "RequestExtension（申请延期）、Forward（转办）或 Resubmit（重新提交）；由事项页面答复的环节（如数据校核）不接受同意、驳回，"
                + "请按 answerElsewhere 前往该页面；version 为打开任务时的版本，他人已处理时返回 409");
        return api;
    }
}

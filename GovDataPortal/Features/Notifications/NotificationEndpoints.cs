using GovDataPortal.Features.Inbox;

namespace GovDataPortal.Features.Notifications;

/// <summary><c>/api/notifications</c>: the caller's own notifications only.</summary>
public static class NotificationEndpoints
{
    /// <summary>Called by <see cref="InboxSetup.MapInboxEndpoints"/>.</summary>
    public static RouteGroupBuilder Map(RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("通知");
        notifications.MapGet("", async (int? take, UserNotificationService service, CancellationToken ct) =>
                TypedResults.Ok(await service.LatestAsync(take ?? UserNotificationService.BellSize, ct)))
            .WithName("ListNotifications")
            .WithSummary("我的通知：最新若干条（take，默认10，最多100）及未读数量");
        notifications.MapPost("/{id}/read", async (long id, UserNotificationService service, CancellationToken ct) =>
                await service.MarkReadAsync(id, ct)
                    ? Results.NoContent()
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "通知不存在。"))
            .AddEndpointFilter(NoBody.Filter)
            .WithName("MarkNotificationRead")
            .WithSummary("将本人的一条通知标记为已读（他人的通知视为不存在）");
        notifications.MapPost("/read-all", async (UserNotificationService service, CancellationToken ct) =>
                TypedResults.Ok(new { marked = await service.MarkAllReadAsync(ct) }))
            .AddEndpointFilter(NoBody.Filter)
            .WithName("MarkAllNotificationsRead")
            .WithSummary("将本人的全部未读通知标记为已读");
        return api;
    }
}

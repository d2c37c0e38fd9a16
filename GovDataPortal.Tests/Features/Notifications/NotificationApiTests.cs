using System.Net;
using System.Text;
using System.Text.Json;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Notifications;

/// <summary><c>/api/notifications</c>: the caller's own notifications only.</summary>
public class NotificationApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task The_list_shows_my_unread_count_and_latest_notifications()
    {
        var ids = await portal.NotifyAsync("yangfan", 2, "接口通知");
        using var client = await portal.ApiClientAsAsync("yangfan");
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/api/notifications?take=5"));
        Assert.True(doc.RootElement.GetProperty("unread").GetInt32() >= 2);
        Assert.Equal(ids[1], doc.RootElement.GetProperty("items")[0].GetProperty("id").GetInt64());
        Assert.Equal("接口通知2", doc.RootElement.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task Marking_read_is_204_for_my_own_and_404_for_someone_elses()
    {
        var mine = await portal.NotifyAsync("liuyang", 1);
        var theirs = await portal.NotifyAsync("chenjing", 1);
        using var client = await portal.ApiClientAsAsync("liuyang");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/notifications/{mine[0]}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/notifications/{theirs[0]}/read", null)).StatusCode);
        await using var db = await portal.DbAsync();
        Assert.NotNull((await db.Notifications.SingleAsync(n => n.Id == mine[0])).ReadAt);
        Assert.Null((await db.Notifications.SingleAsync(n => n.Id == theirs[0])).ReadAt);

        var all = await client.PostAsync("/api/notifications/read-all", null);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"name\": {\"nested\": [1,2,3]}}")]
    public async Task The_bodyless_endpoints_refuse_a_body_with_400_naming_it(string json)
    {
        var mine = await portal.NotifyAsync("zhoutao", 1);
        using var client = await portal.ApiClientAsAsync("zhoutao");
        foreach (var path in new[] { $"/api/notifications/{mine[0]}/read", "/api/notifications/read-all" })
        {
            var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("body", out _));
        }
        await using var db = await portal.DbAsync();
        Assert.Null((await db.Notifications.SingleAsync(n => n.Id == mine[0])).ReadAt);
    }
}

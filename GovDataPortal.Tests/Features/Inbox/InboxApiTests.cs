using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Support;
using static GovDataPortal.Tests.Features.Inbox.InboxArrange;

namespace GovDataPortal.Tests.Features.Inbox;

/// <summary><c>/api/inbox</c> with personal access tokens of demo users.</summary>
public class InboxApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<FlowTask> RaisedAsync(string title)
    {
        portal.Clock.Set(Beijing(2026, 11, 20));
        return await portal.OpenTaskAsync(await portal.RaiseToPoliceAsync(title));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static IEnumerable<long> TaskIds(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("taskId").GetInt64());

    [Fact]
    public async Task The_inbox_lists_my_open_tasks_with_their_deadline_text()
    {
        var task = await RaisedAsync("接口待办");
        using var lina = await portal.ApiClientAsAsync("lina");
        var page = await JsonAsync(await lina.GetAsync("/api/inbox?flowKey=data-check&take=200"));
        var row = page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("taskId").GetInt64() == task.Id);
        Assert.Equal("剩余5个工作日", row.GetProperty("remainingText").GetString());
        Assert.Equal("2026-11-27", row.GetProperty("dueDate").GetString());
        Assert.Contains("第二十七条", row.GetProperty("ruleText").GetString());

        using var chenjing = await portal.ApiClientAsAsync("chenjing");
        Assert.DoesNotContain(task.Id, TaskIds(await JsonAsync(await chenjing.GetAsync("/api/inbox?take=200"))));
    }

    [Fact]
    public async Task A_task_reads_with_its_actions_and_history_and_is_refused_to_an_unrelated_department()
    {
        var task = await RaisedAsync("接口详情");
        using var lina = await portal.ApiClientAsAsync("lina");
        var detail = await JsonAsync(await lina.GetAsync($"/api/inbox/{task.Id}"));
        Assert.Equal(["Approve", "Return", "RequestExtension"],
            detail.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        Assert.Equal("提交", detail.GetProperty("history").GetProperty("events")[0].GetProperty("actionName").GetString());

        using var yangfan = await portal.ApiClientAsAsync("yangfan");
        Assert.Equal(HttpStatusCode.Forbidden, (await yangfan.GetAsync($"/api/inbox/{task.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lina.GetAsync($"/api/inbox/{long.MaxValue}")).StatusCode);
    }

    [Fact]
    public async Task A_decision_is_204_and_a_second_one_on_the_same_version_409_in_Chinese()
    {
        var task = await RaisedAsync("接口办理");
        using var lina = await portal.ApiClientAsAsync("lina");
        var decision = new { version = task.Version, action = FlowActions.Approve, comment = "经核实无误" };

        var first = await lina.PostAsJsonAsync($"/api/inbox/{task.Id}/decision", decision);
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        var second = await lina.PostAsJsonAsync($"/api/inbox/{task.Id}/decision", decision);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(WorkflowEngine.TaskTakenMessage, problem.RootElement.GetProperty("title").GetString());

        var done = await JsonAsync(await lina.GetAsync("/api/inbox/done?take=200"));
        Assert.Contains(task.Id, TaskIds(done));
    }

    [Theory]
    [InlineData("{\"action\":\"Approve\"}", "version")]
    [InlineData("{\"version\":1}", "action")]
    [InlineData("{\"version\":1,\"action\":\"Return\",\"comment\":\"\"}", "comment")]
    public async Task A_decision_missing_a_field_is_400_naming_it(string body, string field)
    {
        var task = await RaisedAsync("接口必填");
        using var lina = await portal.ApiClientAsAsync("lina");
        body = body.Replace("\"version\":1", $"\"version\":{task.Version}");
        var response = await lina.PostAsync($"/api/inbox/{task.Id}/decision",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Theory]
    [InlineData("{\"version\": ", "version")]
    [InlineData("{\"version\": \"abc\", \"action\": \"Approve\"}", "version")]
    [InlineData("{\"name\": {\"nested\": [1,2,3]}, \"regionId\": \"x\"}", "version")]
    public async Task A_malformed_or_mistyped_decision_is_400_naming_a_field(string body, string field)
    {
        var task = await RaisedAsync("接口格式");
        using var lina = await portal.ApiClientAsAsync("lina");
        var response = await lina.PostAsync($"/api/inbox/{task.Id}/decision",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        Assert.Equal(FlowTaskStatus.Open, (await portal.OpenTaskAsync(task.InstanceId)).Status);
    }

    [Fact]
    public async Task Deciding_someone_elses_task_is_403()
    {
        var task = await RaisedAsync("接口越权");
        using var chenjing = await portal.ApiClientAsAsync("chenjing");
        var response = await chenjing.PostAsJsonAsync($"/api/inbox/{task.Id}/decision", new { version = task.Version, action = "Approve" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.DataChecks;

/// <summary>The /api/data-checks round trip with personal access tokens; refusals as problem details naming camelCase fields.</summary>
public class DataCheckApiTests(DataCheckFixture portal) : IClassFixture<DataCheckFixture>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<object> NewBodyAsync() => new
    {
        providerDepartmentId = await portal.DepartmentIdAsync(DemoAccounts.Market),
        resourceName = "食品经营许可信息",
        recordIdentifier = "JY14311230000001",
        kind = "Doubt",
        description = "许可有效期与纸质证书不一致。",
    };

    [Fact]
    public async Task Raise_answer_and_close_round_trip()
    {
        using var requester = await portal.ApiClientAsAsync("zhangwei");
        using var provider = await portal.ApiClientAsAsync("chenjing");

        var created = await requester.PostAsJsonAsync("/api/data-checks", await NewBodyAsync());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("id").GetInt64();
        Assert.Equal($"/api/data-checks/{id}", created.Headers.Location!.OriginalString);

        var detail = await JsonAsync(await provider.GetAsync($"/api/data-checks/{id}"));
        Assert.Equal(("Submitted", "疑义"), (detail.GetProperty("status").GetString(), detail.GetProperty("kindName").GetString()));
        var task = detail.GetProperty("openTask");
        Assert.True(task.GetProperty("canAnswer").GetBoolean());
        Assert.Equal("2026-11-27", task.GetProperty("deadline").GetProperty("dueDate").GetString());
        Assert.Equal("剩余5个工作日", task.GetProperty("deadline").GetProperty("remainingText").GetString());

        var answered = await provider.PostAsJsonAsync($"/api/data-checks/{id}/answer", new
        {
            taskId = task.GetProperty("taskId").GetInt64(),
            taskVersion = task.GetProperty("version").GetUInt32(),
            answer = "NoError",
            explanation = "与许可系统核对无误。",
        });
        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await requester.PostAsync($"/api/data-checks/{id}/close", null)).StatusCode);
        var closed = await JsonAsync(await requester.GetAsync($"/api/data-checks/{id}"));
        Assert.Equal(("Closed", "NoError", "经核实无误"), (closed.GetProperty("status").GetString(),
            closed.GetProperty("answer").GetString(), closed.GetProperty("answerName").GetString()));

        var list = await JsonAsync(await requester.GetAsync("/api/data-checks?scope=raised&status=closed"));
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Posting_an_empty_check_is_a_400_naming_each_field()
    {
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var response = await client.PostAsync("/api/data-checks", Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.Equal(["description", "kind", "providerDepartmentId", "resourceName"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Posting_an_unknown_kind_is_a_400_naming_kind()
    {
        using var client = await portal.ApiClientAsAsync("zhangwei");
        var json = JsonSerializer.Serialize(await NewBodyAsync()).Replace("\"Doubt\"", "\"Maybe\"");

        var response = await client.PostAsync("/api/data-checks", Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("kind", out _));
    }

    [Fact]
    public async Task An_unrelated_department_gets_403_and_a_missing_check_404()
    {
        var id = await portal.RaiseAsync();
        using var client = await portal.ApiClientAsAsync("yangfan");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/data-checks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/data-checks/987654321")).StatusCode);
    }

    [Fact]
    public async Task The_requester_answering_is_403_an_empty_answer_400_and_a_stale_version_409()
    {
        var id = await portal.RaiseAsync();
        var task = await portal.CheckTaskAsync(id);
        using var requester = await portal.ApiClientAsAsync("zhangwei");
        using var provider = await portal.ApiClientAsAsync("chenjing");
        var body = new { taskId = task.Id, taskVersion = task.Version, answer = "NoError", explanation = "无误。" };

        Assert.Equal(HttpStatusCode.Forbidden, (await requester.PostAsJsonAsync($"/api/data-checks/{id}/answer", body)).StatusCode);
        var empty = await provider.PostAsJsonAsync($"/api/data-checks/{id}/answer", new { taskId = task.Id, taskVersion = task.Version });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(["answer", "explanation"], (await JsonAsync(empty)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(HttpStatusCode.NoContent, (await provider.PostAsJsonAsync($"/api/data-checks/{id}/answer", body)).StatusCode);

        var again = await provider.PostAsJsonAsync($"/api/data-checks/{id}/answer", body);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(WorkflowEngine.TaskTakenMessage, (await JsonAsync(again)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Reopening_without_a_reason_is_a_400_naming_reason()
    {
        var id = await portal.RaiseAsync();
        await portal.AnswerAsync("chenjing", id);
        using var client = await portal.ApiClientAsAsync("zhangwei");

        var response = await client.PostAsJsonAsync($"/api/data-checks/{id}/reopen", new { reason = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("reason", out _));
    }
}

using System.Net;
using System.Net.Http.Json;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.DataChecks;

/// <summary>
/// Security review finding: 20 simultaneous extension requests on one data check opened up to 9 extension tasks
/// waiting for consent. The unique partial index ux_flow_tasks_one_open_extension decides the race in the database.
/// </summary>
public class DataCheckRaceTests(DataCheckFixture portal) : IClassFixture<DataCheckFixture>
{
    [Fact]
    public async Task Twenty_simultaneous_extension_requests_open_exactly_one_consent_task_and_the_rest_are_refused_without_500()
    {
        var id = await portal.RaiseAsync();
        var task = await portal.CheckTaskAsync(id);
        var body = new { taskId = task.Id, taskVersion = task.Version, extensionDays = 3, reason = "需调取纸质档案核对" };

        var answers = await Simultaneously.RunAsync<HttpResponseMessage>(20, async _ =>
        {
            var client = await portal.ApiClientAsAsync("chenjing");
            return () => client.PostAsJsonAsync($"/api/data-checks/{id}/extension", body);
        });

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.NoContent), a =>
            Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.BadRequest }));
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.NoContent))
            Assert.Contains("已有待审批的延期申请", await refused.Content.ReadAsStringAsync());
        await using var db = await portal.DbAsync();
        Assert.Equal(1, await db.FlowTasks.CountAsync(t => t.InstanceId == task.InstanceId
            && t.Kind == FlowTaskKind.ExtensionConsent && t.Status == FlowTaskStatus.Open));
    }
}

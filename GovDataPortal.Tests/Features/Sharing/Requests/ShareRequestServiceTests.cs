using System.Net;
using System.Net.Http.Json;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Requests;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Sharing.Requests;

/// <summary>Share requests under shuangpai (Art. 24: the centre and the provider give opinions, the city decides).</summary>
public sealed class ShareRequestServiceTests(ShareRequestFixture portal) : IClassFixture<ShareRequestFixture>
{
    [Fact]
    public async Task Shuangpai_conditional_request_is_granted_after_the_opinions_and_the_city_decision()
    {
        var entry = await portal.EntryAsync();
        var submitted = await portal.SubmitAsync(portal.Draft(entry));
        Assert.Equal(ShareRequestStatus.InReview, submitted.Status);
        Assert.Null(submitted.GrantId);

        await portal.ApproveAsync("zhaomin", submitted.Id, "同意共享。");
        await portal.ApproveAsync("chenjing", submitted.Id, "同意共享。");
        Assert.Empty(await portal.GrantsOfAsync(submitted.Id));
        await portal.ApproveAsync("yangli", submitted.Id, "同意，按使用协议（永数共〔2026〕12号）使用。");

        var request = await portal.RequestAsync(submitted.Id);
        var grant = Assert.Single(await portal.GrantsOfAsync(submitted.Id));
        Assert.Equal(ShareRequestStatus.Granted, request.Status);
        Assert.Equal(grant.Id, request.GrantId);
        Assert.Equal(GrantBasis.Approved, grant.Basis);
        Assert.Equal(["统一社会信用代码", "企业名称"], grant.ItemNames);
        Assert.Equal(ShareOperations.Compare, grant.Operations);
    }

    [Fact]
    public async Task A_request_keeps_its_open_steps_deadline_and_ends_when_its_flow_is_cancelled()
    {
        var entry = await portal.EntryAsync();
        var submitted = await portal.SubmitAsync(portal.Draft(entry));
        var opened = await portal.OpenTasksAsync(submitted.Id);
        var request = await portal.RequestAsync(submitted.Id);
        Assert.NotNull(request.CurrentDueAt);
        Assert.Equal(opened.Min(t => t.DueAt), request.CurrentDueAt);
        await using (var audit = await portal.DbAsync()) // a copy of the engine's deadline, not a change anyone made
            Assert.False(await audit.AuditRecords.AnyAsync(r => r.EntityType == nameof(ShareRequest) && r.EntityId == submitted.Id.ToString()
                && r.Summary.Contains(nameof(ShareRequest.CurrentDueAt))));

        await using (var scope = await portal.ScopeAsAsync("zhaomin"))
        await using (var db = await portal.DbAsync())
        {
            await scope.Get<WorkflowEngine>().CancelAsync(db, request.FlowInstanceId!.Value, "申请部门机构调整，事项终止。", CancellationToken.None);
            await WorkflowEngine.SaveDecisionAsync(db, CancellationToken.None);
        }

        request = await portal.RequestAsync(submitted.Id);
        Assert.Equal((ShareRequestStatus.Terminated, "申请部门机构调整，事项终止。"), (request.Status, request.DecisionReason));
        Assert.Null(request.CurrentDueAt);
        Assert.Equal("流程已终止", SharingTexts.StatusName(request.Status));
        await using var check = await portal.DbAsync();
        var zhangwei = await portal.UserIdAsync("zhangwei");
        Assert.True(await check.Notifications.AnyAsync(n => n.UserId == zhangwei && n.Title == "共享申请流程已终止"));
        using var client = await portal.CookieClientAsAsync("zhangwei");
        Assert.Contains(DecisionLetters.TerminatedMessage,
            System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/sharing/requests/{submitted.Id}/decision")));
    }

    [Fact]
    public async Task Unconditional_entry_is_granted_at_once_without_a_flow()
    {
        var entry = await portal.EntryAsync(ShareType.Unconditional);
        var before = await portal.CountsAsync();
        var submitted = await portal.SubmitAsync(portal.Draft(entry) with { Scenario = null });

        Assert.Equal(ShareRequestStatus.Granted, submitted.Status);
        Assert.Equal(GrantBasis.Unconditional, submitted.Basis);
        var request = await portal.RequestAsync(submitted.Id);
        Assert.Null(request.FlowInstanceId);
        Assert.Equal(ShareRequestKind.Unconditional, request.Kind);
        Assert.Equal(submitted.GrantId, Assert.Single(await portal.GrantsOfAsync(submitted.Id)).Id);
        var after = await portal.CountsAsync();
        Assert.Equal(before.Instances, after.Instances);
        // Its decision letter rests on the article defining the share types (shuangpai Art. 23 ¶2), not on a flow.
        using var client = await portal.CookieClientAsAsync("zhangwei");
        var letter = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/sharing/requests/{submitted.Id}/decision"));
        Assert.Contains("第二十三条第二款（无条件共享类数据）", letter);
    }

    [Fact]
    public async Task Items_operations_and_methods_outside_the_entry_are_refused_and_nothing_is_saved()
    {
        var entry = await portal.EntryAsync();
        var before = await portal.CountsAsync();
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.SubmitAsync(portal.Draft(entry, "统一社会信用代码", "法定代表人") with
        {
            Operations = ShareOperations.Obtain,
            Methods = ShareMethods.Email,
        }));
        Assert.Contains("法定代表人", Assert.Single(e.Errors.ByField[ShareRequestFields.ItemNames]));
        Assert.Contains("查阅", Assert.Single(e.Errors.ByField[ShareRequestFields.Operations]));
        Assert.Single(e.Errors.ByField[ShareRequestFields.Methods]);
        Assert.Equal(before, await portal.CountsAsync());
    }

    [Fact]
    public async Task Not_shared_entries_and_own_department_entries_are_refused()
    {
        var notShared = await portal.EntryAsync(ShareType.NotShared);
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.SubmitAsync(portal.Draft(notShared)));
        Assert.Contains("不予共享", e.Errors.ByField[ShareRequestFields.CatalogueEntryId].Single());

        var own = await portal.EntryAsync(department: GovDataPortal.Features.Demo.DemoAccounts.Police);
        e = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.SubmitAsync(portal.Draft(own)));
        Assert.Contains("本部门", e.Errors.ByField[ShareRequestFields.CatalogueEntryId].Single());
    }

    [Fact]
    public async Task Only_a_data_specialist_may_submit()
    {
        var entry = await portal.EntryAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.SubmitAsync(portal.Draft(entry), "lina"));
    }

    [Fact]
    public async Task Refusal_without_a_reason_is_refused_by_the_service_and_by_the_engine()
    {
        var entry = await portal.EntryAsync();
        var submitted = await portal.SubmitAsync(portal.Draft(entry));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.DecideAsync("zhaomin", submitted.Id, "reject", "  "));
        Assert.True(e.Errors.ByField.ContainsKey(ShareRequestFields.Reason));

        var task = (await portal.OpenTasksAsync(submitted.Id)).First(t => t.AssigneeRole == GovDataPortal.Features.Identity.PortalRoles.AuthorityReviewer);
        await using (var scope = await portal.ScopeAsAsync("zhaomin"))
            await Assert.ThrowsAsync<DomainException>(() => scope.Get<WorkflowEngine>().DecideAsync(new TaskDecision(task.Id, task.Version, FlowActions.Reject, null)));
        Assert.Equal(ShareRequestStatus.InReview, (await portal.RequestAsync(submitted.Id)).Status);
    }

    [Fact]
    public async Task Other_departments_cannot_read_a_request_nor_decide_it()
    {
        var entry = await portal.EntryAsync();
        var submitted = await portal.SubmitAsync(portal.Draft(entry));
        Assert.NotNull(await portal.AsAsync("chenjing", s => s.GetAsync(submitted.Id)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("yangfan", s => s.GetAsync(submitted.Id)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.ApproveAsync("zhuhong", submitted.Id));

        using var api = await portal.ApiClientAsAsync("yangfan");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/share-requests/{submitted.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/api/share-requests/{submitted.Id}/decision",
            new { action = "approve" })).StatusCode);
    }

    [Fact]
    public async Task Api_submits_reads_and_decides_through_the_callers_task()
    {
        var entry = await portal.EntryAsync();
        using var requester = await portal.ApiClientAsAsync("zhangwei");
        var created = await requester.PostAsJsonAsync("/api/share-requests", new
        {
            catalogueEntryId = entry, itemNames = new[] { "统一社会信用代码" }, dutyBasis = "治安管理职责", scenario = "核查企业",
            methods = (int)ShareMethods.PlatformApi, operations = (int)ShareOperations.Compare, users = "治安大队", endDate = ChinaTime.Today(portal.Clock).AddMonths(3),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<SubmittedShareRequest>())!.Id;
        Assert.Equal(HttpStatusCode.OK, (await requester.GetAsync($"/api/share-requests/{id}")).StatusCode);
        // The requester has no task of it.
        Assert.Equal(HttpStatusCode.Forbidden, (await requester.PostAsJsonAsync($"/api/share-requests/{id}/decision", new { action = "approve" })).StatusCode);

        using var centre = await portal.ApiClientAsAsync("zhaomin");
        var noReason = await centre.PostAsJsonAsync($"/api/share-requests/{id}/decision", new { action = "reject" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await centre.PostAsJsonAsync($"/api/share-requests/{id}/decision", new { action = "approve" })).StatusCode);
    }

    [Fact]
    public async Task Withdrawn_request_ends_its_flow_and_is_not_granted()
    {
        var entry = await portal.EntryAsync();
        var submitted = await portal.SubmitAsync(portal.Draft(entry));
        await portal.AsAsync("zhangwei", s => s.WithdrawAsync(submitted.Id, "需求已变更。"));
        Assert.Equal(ShareRequestStatus.Withdrawn, (await portal.RequestAsync(submitted.Id)).Status);
        Assert.Empty(await portal.OpenTasksAsync(submitted.Id));
        Assert.Empty(await portal.GrantsOfAsync(submitted.Id));
    }

    [Fact]
    public async Task My_requests_show_the_open_step_with_its_due_date_and_article()
    {
        var entry = await portal.EntryAsync();
        var submitted = await portal.SubmitAsync(portal.Draft(entry));
        var row = (await portal.AsAsync("liuyang", s => s.MineAsync())).FirstOrDefault(r => r.Id == submitted.Id);
        Assert.Null(row); // the provider's own list does not show requests made of it
        row = Assert.Single(await portal.AsAsync("lina", s => s.MineAsync()), r => r.Id == submitted.Id);
        Assert.Equal(ShareRequestStatus.InReview, row.Status);
        Assert.NotNull(row.Deadline?.DueDate);
        Assert.Contains("第二十四条", row.Deadline!.RuleText);
    }
}

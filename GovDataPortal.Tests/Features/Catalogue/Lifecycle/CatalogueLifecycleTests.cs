using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static GovDataPortal.Tests.Features.Catalogue.Lifecycle.CatalogueLifecycleFixture;

namespace GovDataPortal.Tests.Features.Catalogue.Lifecycle;

/// <summary>
/// 草稿 → 数据专管员 submits → 部门审核 → 主管部门审核 → 已发布, returns with comments, new versions, breaking changes,
/// withdrawal and batches (issue 9 §2), on PostgreSQL through the service and the flow engine.
/// </summary>
public class CatalogueLifecycleTests(CatalogueLifecycleFixture portal) : IClassFixture<CatalogueLifecycleFixture>
{
    [Fact]
    public async Task A_draft_is_submitted_reviewed_by_the_department_and_the_authority_and_published_with_a_code()
    {
        var id = await portal.DraftAsync(Valid("企业登记基本信息"));

        var submission = await portal.SubmitAsync(Specialist, id);

        var entry = await portal.EntryAsync(id);
        Assert.Equal(EntryStatus.InReview, entry.Status);
        Assert.True(entry.EverSubmitted);
        Assert.Equal(VersionStatus.DepartmentReview, entry.LatestVersion.Status);
        Assert.Equal(submission, entry.LatestVersion.SubmissionId);
        var departmentTask = await portal.OpenTaskAsync(submission);
        Assert.Equal((CatalogueLifecycleService.DepartmentStep, PortalRoles.DepartmentApprover, await portal.DepartmentIdAsync(DemoAccounts.Market)),
            (departmentTask.StepKey, departmentTask.AssigneeRole, departmentTask.AssigneeDepartmentId));

        await portal.ApproveAsync(Approver, submission);

        Assert.Equal(VersionStatus.AuthorityReview, (await portal.EntryAsync(id)).LatestVersion.Status);
        var authorityTask = await portal.OpenTaskAsync(submission);
        Assert.Equal((CatalogueLifecycleService.AuthorityStep, PortalRoles.AuthorityReviewer, await portal.DepartmentIdAsync(DemoAccounts.Centre)),
            (authorityTask.StepKey, authorityTask.AssigneeRole, authorityTask.AssigneeDepartmentId));

        await portal.ApproveAsync(Authority, submission);

        entry = await portal.EntryAsync(id);
        Assert.Equal(EntryStatus.Published, entry.Status);
        Assert.Matches(@"^101000000/\d{6}$", entry.ResourceCode);
        Assert.Equal(1, entry.PublishedVersionNumber);
        Assert.Equal(VersionStatus.Published, entry.LatestVersion.Status);
        Assert.Equal(portal.Clock.GetUtcNow(), entry.LastPublishedAt);
        Assert.Equal(SubmissionStatus.Closed, (await portal.SubmissionAsync(submission)).Status);
        Assert.Equal(FlowOutcome.Approved, (await portal.FlowOfAsync(submission)).Outcome);
        Assert.Empty(await portal.OpenTasksAsync(submission));
    }

    [Fact]
    public async Task A_return_with_field_comments_puts_the_version_back_to_draft_and_it_can_be_resubmitted()
    {
        var id = await portal.DraftAsync(Valid("法人单位基本信息"));
        var submission = await portal.SubmitAsync(Specialist, id);
        var versionId = (await portal.EntryAsync(id)).LatestVersion.Id;

        await portal.ReturnAsync(Approver, submission, new ReturnedVersion(versionId, "摘要不够具体。",
            [new FieldComment(nameof(CatalogueContent.Summary), "请写明数据覆盖的范围和时间。"), new FieldComment("Items[1].DataType", "姓名应为字符型。")]));

        var entry = await portal.EntryAsync(id);
        Assert.Equal(EntryStatus.Draft, entry.Status);
        Assert.Equal(VersionStatus.Draft, entry.LatestVersion.Status);
        Assert.Null(entry.LatestVersion.SubmissionId);
        var flow = await portal.FlowOfAsync(submission);
        Assert.Equal((FlowOutcome.Rejected, CatalogueLifecycleService.AllReturnedReason), (flow.Outcome, flow.OutcomeNote));
        Assert.Equal(SubmissionStatus.Closed, (await portal.SubmissionAsync(submission)).Status);
        var comments = await portal.AsAsync(Specialist, s => s.ReviewCommentsAsync(id));
        Assert.Equal(["整体意见：摘要不够具体。", "信息资源摘要：请写明数据覆盖的范围和时间。", "第2个信息项的数据类型：姓名应为字符型。"],
            comments.Select(c => $"{c.FieldLabel}：{c.Text}"));
        Assert.All(comments, c => Assert.Equal("部门审核", c.StepName));
        var told = (await portal.NotificationsOfAsync(Specialist)).Where(n => n.Link == CatalogueLifecycleService.ReviewLink(submission)
            || n.Link == $"inbox/history/{flow.Id}").Select(n => n.Title);
        Assert.Equal(["目录条目被退回修改"], told);

        await portal.EditDraftAsync(id, c => c.Summary = "本县法人单位的名称、统一社会信用代码等登记信息，2010年以来。");
        var again = await portal.SubmitAsync(Specialist, id);

        Assert.NotEqual(submission, again);
        entry = await portal.EntryAsync(id);
        Assert.Equal((EntryStatus.InReview, VersionStatus.DepartmentReview), (entry.Status, entry.LatestVersion.Status));
        Assert.Single(await portal.OpenTasksAsync(again));
    }

    [Fact]
    public async Task A_new_version_of_a_published_entry_leaves_the_published_version_visible_until_it_is_published()
    {
        var id = await portal.PublishedAsync(Valid("居民身份证信息"));
        var code = (await portal.EntryAsync(id)).ResourceCode;

        Assert.Equal(2, await portal.AsAsync(Specialist, s => s.StartNewVersionAsync(id)));
        await portal.EditDraftAsync(id, c => c.Name = "居民身份证信息（含签发机关）");
        var submission = await portal.SubmitAsync(Specialist, id);
        await portal.ApproveAsync(Approver, submission);

        var meanwhile = await portal.EntryAsync(id);
        Assert.Equal((EntryStatus.Published, "居民身份证信息", 1, 1), (meanwhile.Status, meanwhile.Name, meanwhile.ShownVersionNumber, meanwhile.PublishedVersionNumber));
        Assert.Equal(VersionStatus.AuthorityReview, meanwhile.LatestVersion.Status);

        await portal.ApproveAsync(Authority, submission);

        var entry = await portal.EntryAsync(id);
        Assert.Equal(("居民身份证信息（含签发机关）", 2, code), (entry.Name, entry.PublishedVersionNumber, entry.ResourceCode));
        Assert.Equal([VersionStatus.Superseded, VersionStatus.Published], entry.Versions.OrderBy(v => v.Number).Select(v => v.Status));
    }

    [Fact]
    public async Task Removing_an_item_is_a_breaking_change_and_grant_holders_are_told_before_publication()
    {
        portal.GrantHolders.Add(DemoAccounts.Police);
        try
        {
            var id = await portal.PublishedAsync(Valid("个体工商户登记信息"));
            await portal.AsAsync(Specialist, s => s.StartNewVersionAsync(id));
            await portal.EditDraftAsync(id, c => c.Items.RemoveAll(i => i.Name == "出生日期"));
            var submission = await portal.SubmitAsync(Specialist, id);

            Assert.True((await portal.EntryAsync(id)).LatestVersion.IsBreakingChange);
            Assert.DoesNotContain(await portal.NotificationsOfAsync("zhangwei"), n => n.Title.Contains("个体工商户登记信息"));

            await portal.ApproveAsync(Approver, submission);

            var told = Assert.Single(await portal.NotificationsOfAsync("zhangwei"), n => n.Title == "目录不兼容变更预告：个体工商户登记信息");
            Assert.Contains("出生日期", told.Body);
            Assert.Contains(await portal.NotificationsOfAsync("lina"), n => n.Title == told.Title);
            Assert.Equal(1, (await portal.EntryAsync(id)).PublishedVersionNumber); // told before it is published
        }
        finally
        {
            portal.GrantHolders.Clear();
        }
    }

    [Fact]
    public async Task A_change_that_keeps_every_item_and_type_is_not_breaking()
    {
        var id = await portal.PublishedAsync(Valid("流动人口登记信息"));
        await portal.AsAsync(Specialist, s => s.StartNewVersionAsync(id));
        await portal.EditDraftAsync(id, c =>
        {
            c.Summary = "新的摘要。";
            c.Items.Add(new CatalogueItemContent { Name = "户籍地址", DataType = ItemDataType.C, Length = 200 });
        });

        await portal.SubmitAsync(Specialist, id);

        Assert.False((await portal.EntryAsync(id)).LatestVersion.IsBreakingChange);
    }

    [Fact]
    public async Task The_diff_of_two_versions_names_fields_in_chinese_and_lists_items_added_removed_and_changed()
    {
        var id = await portal.PublishedAsync(Valid("婚姻登记信息"));
        await portal.AsAsync(Specialist, s => s.StartNewVersionAsync(id));
        await portal.EditDraftAsync(id, c =>
        {
            c.Summary = "本县婚姻登记信息。";
            c.Items.RemoveAll(i => i.Name == "出生日期");
            c.Items.Single(i => i.Name == "姓名").Length = 100;
            c.Items.Add(new CatalogueItemContent { Name = "登记日期", DataType = ItemDataType.D });
        });

        var diff = await portal.AsAsync(Specialist, s => s.DiffAsync(id, 1, 2));

        var summary = Assert.Single(diff.Fields);
        Assert.Equal(("信息资源摘要", "本县户籍人口的姓名、公民身份号码等基本信息。", "本县婚姻登记信息。"), (summary.Label, summary.Old, summary.New));
        Assert.Equal(["删除 出生日期", "修改 姓名 数据长度 50→100", "新增 登记日期"],
            diff.Items.Select(i => $"{i.ChangeName} {i.Name}" + string.Concat(i.Changes.Select(c => $" {c.Label} {c.Old}→{c.New}"))));
        Assert.True(diff.IsBreaking);
        // Another department sees the published version but not the unpublished draft.
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.AsAsync("zhangwei", s => s.DiffAsync(id, 1, 2)));
        Assert.Equal([1], (await portal.AsAsync("zhangwei", s => s.VersionsAsync(id))).Select(v => v.Number));
    }

    [Fact]
    public async Task An_approved_withdrawal_withdraws_the_entry_with_its_reason_and_keeps_its_code()
    {
        var id = await portal.PublishedAsync(Valid("殡葬服务信息"));
        var code = (await portal.EntryAsync(id)).ResourceCode;

        var blank = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.AsAsync(Specialist, s => s.RequestWithdrawalAsync(id, "  ")));
        Assert.Equal("请填写撤销理由。", blank.Message);
        var flowId = await portal.AsAsync(Specialist, s => s.RequestWithdrawalAsync(id, "该业务已划转至民政局。"));
        await Assert.ThrowsAsync<ConflictException>(() => portal.AsAsync(Specialist, s => s.RequestWithdrawalAsync(id, "重复申请。")));
        Assert.Equal(EntryStatus.Published, (await portal.EntryAsync(id)).Status);

        await DecideWithdrawalAsync(flowId, FlowActions.Approve, null);

        var entry = await portal.EntryAsync(id);
        Assert.Equal((EntryStatus.Withdrawn, "该业务已划转至民政局。", code), (entry.Status, entry.WithdrawalReason, entry.ResourceCode));
        Assert.Equal(portal.Clock.GetUtcNow(), entry.WithdrawnAt);
    }

    [Fact]
    public async Task A_refused_withdrawal_changes_nothing()
    {
        var id = await portal.PublishedAsync(Valid("养老机构信息"));
        var flowId = await portal.AsAsync(Specialist, s => s.RequestWithdrawalAsync(id, "不再维护。"));

        await DecideWithdrawalAsync(flowId, FlowActions.Reject, "该数据仍有部门在使用，不同意撤销。");

        var entry = await portal.EntryAsync(id);
        Assert.Equal(EntryStatus.Published, entry.Status);
        Assert.Null(entry.WithdrawalReason);
        Assert.Null(entry.WithdrawnAt);
    }

    [Fact]
    public async Task Only_published_entries_can_be_withdrawn()
    {
        var id = await portal.DraftAsync(Valid("未发布条目"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => portal.AsAsync(Specialist, s => s.RequestWithdrawalAsync(id, "不需要了。")));

        Assert.Equal("只有已发布的目录条目可以撤销，“未发布条目”当前为草稿。", refused.Message);
    }

    private async Task DecideWithdrawalAsync(long flowId, string action, string? comment)
    {
        await using var db = await portal.DbAsync();
        var task = await db.FlowTasks.AsNoTracking().SingleAsync(t => t.InstanceId == flowId && t.Status == FlowTaskStatus.Open);
        Assert.Equal("authority-approval", task.StepKey);
        await using var scope = await portal.ScopeAsAsync(Authority);
        await scope.Get<WorkflowEngine>().DecideAsync(new TaskDecision(task.Id, task.Version, action, comment));
    }

    [Fact]
    public async Task A_batch_of_three_is_one_task_per_step_and_approving_all_publishes_all()
    {
        long[] ids = [await portal.DraftAsync(Valid("批量一")), await portal.DraftAsync(Valid("批量二")), await portal.DraftAsync(Valid("批量三"))];

        var submission = await portal.SubmitAsync(Specialist, ids);

        Assert.Single(await portal.OpenTasksAsync(submission));
        Assert.Equal("目录审核：批量一等3条", (await portal.FlowOfAsync(submission)).SubjectTitle);
        var view = await portal.AsAsync(Approver, s => s.ReviewAsync(submission));
        Assert.Equal(["批量一", "批量二", "批量三"], view.Entries.Select(e => e.Name));
        Assert.True(view.OpenTask!.MayDecide);

        await portal.ApproveAsync(Approver, submission);
        Assert.Single(await portal.OpenTasksAsync(submission));
        await portal.ApproveAsync(Authority, submission);

        var entries = await Task.WhenAll(ids.Select(portal.EntryAsync));
        Assert.All(entries, e => Assert.Equal(EntryStatus.Published, e.Status));
        Assert.Equal(3, entries.Select(e => e.ResourceCode).Distinct().Count());
    }

    [Fact]
    public async Task Returning_one_of_three_keeps_the_other_two_in_the_same_task()
    {
        long[] ids = [await portal.DraftAsync(Valid("退回甲")), await portal.DraftAsync(Valid("退回乙")), await portal.DraftAsync(Valid("退回丙"))];
        var submission = await portal.SubmitAsync(Specialist, ids);
        var task = await portal.OpenTaskAsync(submission);
        var returned = (await portal.EntryAsync(ids[1])).LatestVersion.Id;

        await portal.ReturnAsync(Approver, submission, new ReturnedVersion(returned, "共享方式须写明接口地址。"));

        Assert.Equal(task.Id, (await portal.OpenTaskAsync(submission)).Id);
        Assert.Equal(VersionStatus.Draft, (await portal.EntryAsync(ids[1])).LatestVersion.Status);
        var view = await portal.AsAsync(Approver, s => s.ReviewAsync(submission));
        Assert.Equal(["退回甲", "退回丙"], view.Entries.Select(e => e.Name));
        Assert.Equal(1, view.ReturnedCount);

        await portal.ApproveAsync(Approver, submission);

        Assert.Equal([VersionStatus.AuthorityReview, VersionStatus.Draft, VersionStatus.AuthorityReview],
            (await Task.WhenAll(ids.Select(portal.EntryAsync))).Select(e => e.LatestVersion.Status));
    }

    [Fact]
    public async Task A_return_without_any_comment_is_refused_naming_the_entry()
    {
        var id = await portal.DraftAsync(Valid("无意见退回"));
        var submission = await portal.SubmitAsync(Specialist, id);
        var versionId = (await portal.EntryAsync(id)).LatestVersion.Id;

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            portal.ReturnAsync(Approver, submission, new ReturnedVersion(versionId, " ", [new FieldComment("Summary", "")])));

        Assert.Equal("“无意见退回”：退回须说明需要修改的内容。", refused.Message);
        Assert.Equal(VersionStatus.DepartmentReview, (await portal.EntryAsync(id)).LatestVersion.Status);
    }

    [Fact]
    public async Task Nobody_approves_or_returns_what_they_submitted()
    {
        // 王强 of the police is given both roles: he may submit, and he reviews his department's entries — not his own.
        await using (var db = await portal.DbAsync())
        {
            var userId = await db.Users.Where(u => u.UserName == "wangqiang").Select(u => u.Id).SingleAsync();
            db.UserRoles.AddRange(new() { UserId = userId, RoleId = PortalRoles.DataSpecialist }, new() { UserId = userId, RoleId = PortalRoles.DepartmentApprover });
            await db.SaveChangesAsync();
        }
        var id = await portal.DraftAsync(Valid("本人提交"), DemoAccounts.Police, "wangqiang");
        var submission = await portal.SubmitAsync("wangqiang", id);
        var task = await portal.OpenTaskAsync(submission);
        var versionId = (await portal.EntryAsync(id)).LatestVersion.Id;

        var viaPage = await Assert.ThrowsAsync<DomainException>(() => portal.ApproveAsync("wangqiang", submission));
        var viaReturn = await Assert.ThrowsAsync<DomainException>(() =>
            portal.ReturnAsync("wangqiang", submission, new ReturnedVersion(versionId, "自己退回自己。")));
        await using var scope = await portal.ScopeAsAsync("wangqiang");
        var viaEngine = await Assert.ThrowsAsync<DomainException>(() =>
            scope.Get<WorkflowEngine>().DecideAsync(new TaskDecision(task.Id, task.Version, FlowActions.Reject, "驳回")));

        Assert.Equal("不能审批本人提交的事项。", viaPage.Message);
        Assert.Equal(viaPage.Message, viaReturn.Message);
        Assert.Equal(viaPage.Message, viaEngine.Message); // the engine's own guard (FlowRuntime.DecidesOwnSubject)
        Assert.False((await portal.AsAsync("wangqiang", s => s.ReviewAsync(submission))).OpenTask!.MayDecide);
        Assert.Equal(VersionStatus.DepartmentReview, (await portal.EntryAsync(id)).LatestVersion.Status);

        await portal.ApproveAsync("lina", submission); // another 部门审核人 of the department may
        Assert.Equal(VersionStatus.AuthorityReview, (await portal.EntryAsync(id)).LatestVersion.Status);
    }

    [Fact]
    public async Task The_inbox_cannot_approve_a_review_step_it_links_to_the_review_page()
    {
        var id = await portal.DraftAsync(Valid("只能在审核页审核"));
        var submission = await portal.SubmitAsync(Specialist, id);
        var task = await portal.OpenTaskAsync(submission);
        await using var scope = await portal.ScopeAsAsync(Approver);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            scope.Get<WorkflowEngine>().DecideAsync(new TaskDecision(task.Id, task.Version, FlowActions.Approve, null)));

        Assert.Equal($"目录审核须在目录审核页面查看条目后通过或退回（catalogue/review/{submission}）。", refused.Message);
        Assert.Equal(VersionStatus.DepartmentReview, (await portal.EntryAsync(id)).LatestVersion.Status);
    }

    [Fact]
    public async Task A_submission_with_an_incomplete_entry_is_refused_whole_naming_the_entry_and_the_field()
    {
        var good = await portal.DraftAsync(Valid("完整条目"));
        var incomplete = Valid("缺少摘要的条目");
        incomplete.Summary = null;
        var bad = await portal.DraftAsync(incomplete);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.SubmitAsync(Specialist, good, bad));

        var (field, messages) = Assert.Single(refused.Errors.ByField);
        Assert.Equal($"Entries[{bad}].Summary", field);
        Assert.StartsWith("“缺少摘要的条目”：请填写信息资源摘要（依据《双牌县政务大数据管理办法》", Assert.Single(messages));
        Assert.All(await Task.WhenAll(portal.EntryAsync(good), portal.EntryAsync(bad)),
            e => Assert.Equal((EntryStatus.Draft, VersionStatus.Draft, false), (e.Status, e.LatestVersion.Status, e.EverSubmitted)));
    }

    [Fact]
    public async Task Only_the_departments_specialist_submits_its_entries()
    {
        var id = await portal.DraftAsync(Valid("他人提交"));

        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.SubmitAsync(Approver, id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.SubmitAsync("zhangwei", id));
        Assert.Equal(EntryStatus.Draft, (await portal.EntryAsync(id)).Status);
    }

    [Fact]
    public async Task A_never_submitted_draft_is_discarded_by_its_department_only()
    {
        var fresh = await portal.DraftAsync(Valid("草稿作废"));
        await Assert.ThrowsAsync<NotFoundException>(() => portal.AsAsync("zhangwei", s => s.DiscardDraftAsync(fresh)));

        await portal.AsAsync(Specialist, s => s.DiscardDraftAsync(fresh));

        await using (var db = await portal.DbAsync())
            Assert.False(await db.CatalogueEntries.AnyAsync(e => e.Id == fresh));

        var published = await portal.PublishedAsync(Valid("新版本作废"));
        await portal.AsAsync(Specialist, s => s.StartNewVersionAsync(published));
        await portal.AsAsync(Specialist, s => s.DiscardDraftAsync(published));

        var entry = await portal.EntryAsync(published);
        Assert.Equal([VersionStatus.Published, VersionStatus.Discarded], entry.Versions.OrderBy(v => v.Number).Select(v => v.Status));
        Assert.Equal(3, await portal.AsAsync(Specialist, s => s.StartNewVersionAsync(published))); // a further version may start
    }
}

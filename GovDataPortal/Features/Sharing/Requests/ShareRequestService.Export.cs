using System.Globalization;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Infrastructure.Excel;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Sharing.Requests;

public sealed partial class ShareRequestService
{
    public static readonly IReadOnlyList<XlsxColumn> ExportColumns =
    [
        new("编号", 8), new("数据资源", 30), new("信息资源代码", 22), new("提供部门", 24), new("申请类型", 16), new("状态", 10),
        new("当前环节", 18), new("办理期限", 14), new("期限依据", 50), new("是否逾期", 10), new("申请时间", 18), new("使用截止日期", 14),
    ];

    /// <summary>
    /// 我的申请 as an xlsx sheet (issue 10 §4: lists export to xlsx): the same department and status filter as
    /// <see cref="MineAsync"/>, every matching request (the page shows the newest <see cref="ListLimit"/>), newest first,
    /// streamed row by row; returns the row count.
    /// </summary>
    public async Task<long> ExportMineAsync(ShareRequestStatus? status, Stream output, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        var mine = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门。");
        await using var db = await factory.CreateDbContextAsync(ct);
        var requests = db.ShareRequests.AsNoTracking().Where(r => r.RequesterDepartmentId == mine);
        if (status is { } s) requests = requests.Where(r => r.Status == s);
        var lines = requests.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id, r.Kind, r.Status, r.ResourceName, r.ResourceCode, r.CreatedAt, r.EndDate,
                Provider = db.Departments.Where(d => d.Id == r.ProviderDepartmentId).Select(d => d.Name).FirstOrDefault(),
                Task = FlowReader.OpenSteps(db).Where(t => t.InstanceId == r.FlowInstanceId).OrderBy(t => t.TaskId).FirstOrDefault(),
            });
        var now = clock.GetUtcNow();
        using var sheet = XlsxWriter.Create(output, "我的共享申请", ExportColumns);
        await foreach (var l in lines.AsAsyncEnumerable().WithCancellation(ct))
        {
            var due = l.Task is null ? null : new ShareRequestDeadline(l.Task.StepName, l.Task.DueDate, l.Task.Provisional, l.Task.RuleText, l.Task.DueAt < now);
            sheet.WriteRow(l.Id, l.ResourceName, l.ResourceCode ?? "", l.Provider ?? "", SharingTexts.KindName(l.Kind), SharingTexts.StatusName(l.Status),
                due?.StepName ?? "", due?.DueText ?? "", due?.RuleText ?? "", due?.Overdue == true ? "已逾期" : "", ChinaTime.FormatMinutes(l.CreatedAt),
                l.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        return sheet.RowCount;
    }
}

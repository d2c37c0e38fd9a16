using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Catalogue;

/// <summary>Yearly full maintenance (hubei Art. 11): marking entries reviewed, the progress per department, and the reminder job's rules.</summary>
public class MaintenanceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static DateTimeOffset Beijing(int y, int m, int d, int h = 10) => new DateTimeOffset(y, m, d, h, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private async Task<int> RemindAsync()
    {
        await using var scope = portal.AnonymousScope();
        return await scope.Get<MaintenanceService>().RemindAsync();
    }

    private async Task<int> RemindersToAsync(string userName)
    {
        var userId = await portal.UserIdAsync(userName);
        await using var db = await portal.DbAsync();
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.Title == MaintenanceTexts.ReminderTitle);
    }

    [Fact]
    public async Task Reminders_start_on_1_october_and_reach_a_department_at_most_once_a_week()
    {
        await portal.PublishedAsync(DemoAccounts.HumanResources, "社会保险参保信息");
        try
        {
            portal.Clock.Set(Beijing(2026, 9, 30, 23));
            Assert.Equal(0, await RemindAsync());
            Assert.Equal(0, await RemindersToAsync("yangfan"));

            portal.Clock.Set(Beijing(2026, 10, 1, 9));
            Assert.True(await RemindAsync() >= 1);
            Assert.Equal(1, await RemindersToAsync("yangfan"));

            // Hangfire may deliver the run again, and the next days' runs come within the week: nothing more is sent.
            Assert.Equal(0, await RemindAsync());
            portal.Clock.Set(Beijing(2026, 10, 7, 9));
            await RemindAsync();
            Assert.Equal(1, await RemindersToAsync("yangfan"));

            portal.Clock.Set(Beijing(2026, 10, 8, 9));
            await RemindAsync();
            Assert.Equal(2, await RemindersToAsync("yangfan"));
        }
        finally
        {
            portal.Clock.Set(PortalFixture.Start);
        }
    }

    [Fact]
    public async Task A_department_with_every_entry_reviewed_this_year_is_not_reminded()
    {
        var entry = await portal.PublishedAsync(DemoAccounts.Market, "市场主体登记信息");
        await using (var scope = await portal.ScopeAsAsync("liuyang"))
            await scope.Get<MaintenanceService>().MarkReviewedAsync([entry]);
        try
        {
            portal.Clock.Set(Beijing(2026, 12, 1, 9));
            await RemindAsync();
            Assert.Equal(0, await RemindersToAsync("liuyang"));
        }
        finally
        {
            portal.Clock.Set(PortalFixture.Start);
        }
    }

    [Fact]
    public async Task Only_the_providers_specialist_marks_a_published_entry_reviewed_and_the_progress_counts_it()
    {
        var entry = await portal.PublishedAsync(DemoAccounts.Police, "居民身份证信息");
        await using (var other = await portal.ScopeAsAsync("liuyang"))
            await Assert.ThrowsAsync<AccessDeniedException>(() => other.Get<MaintenanceService>().MarkReviewedAsync([entry]));
        await using (var approver = await portal.ScopeAsAsync("lina"))
            await Assert.ThrowsAsync<AccessDeniedException>(() => approver.Get<MaintenanceService>().MarkReviewedAsync([entry]));

        await using var scope = await portal.ScopeAsAsync("zhangwei");
        var service = scope.Get<MaintenanceService>();
        var before = (await service.ProgressAsync()).Single(r => r.DepartmentName == DemoAccounts.Police);
        await service.MarkReviewedAsync([entry]);
        var after = (await service.ProgressAsync()).Single(r => r.DepartmentName == DemoAccounts.Police);
        Assert.Equal(before.Reviewed + 1, after.Reviewed);
        Assert.Equal(before.Published, after.Published);
        Assert.Contains(await service.OwnEntriesAsync(), e => e.Id == entry && e.ReviewedThisYear);
    }

    [Fact]
    public async Task A_draft_cannot_be_marked_reviewed()
    {
        var department = await portal.DepartmentIdAsync(DemoAccounts.Police);
        long id;
        await using (var db = await portal.DbAsync())
        {
            var draft = CatalogueEntry.Create(department, PublishedEntries.Content("流动人口信息"), "test-user", portal.Clock.GetUtcNow());
            db.CatalogueEntries.Add(draft);
            await db.SaveChangesAsync();
            id = draft.Id;
        }
        await using var scope = await portal.ScopeAsAsync("zhangwei");
        var error = await Assert.ThrowsAsync<DomainException>(() => scope.Get<MaintenanceService>().MarkReviewedAsync([id]));
        Assert.Equal("“流动人口信息”不是已发布的目录，不能标记为已全面维护。", error.Message);
    }
}

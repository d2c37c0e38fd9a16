using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Grants;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Sharing.Grants;

/// <summary>Expiry after the end date and the reminder before it (issue 10 §1), run by hand with the settable clock, twice.</summary>
public class GrantJobTests(GrantFixture portal) : IClassFixture<GrantFixture>
{
    private async Task<int> ExpireAsync()
    {
        await using var scope = portal.AnonymousScope();
        return await scope.Get<GrantJobs>().ExpireAsync();
    }

    private async Task<int> RemindAsync()
    {
        await using var scope = portal.AnonymousScope();
        return await scope.Get<GrantJobs>().RemindAsync();
    }

    [Fact]
    public async Task Grant_expires_the_day_after_its_end_date_and_a_second_run_changes_nothing()
    {
        portal.Clock.Set(PortalFixture.Start);
        var active = await portal.GrantAsync(new DateOnly(2026, 11, 25));
        var suspended = await portal.GrantAsync(new DateOnly(2026, 11, 25));
        var later = await portal.GrantAsync(new DateOnly(2026, 11, 26));
        await portal.AsAsync("chenjing", s => s.SuspendAsync(suspended, "核查中"));

        portal.Clock.Set(GrantFixture.Beijing(2026, 11, 25, 23));
        await ExpireAsync();
        Assert.Equal(GrantStatus.Active, (await portal.LoadAsync(active)).Status);

        portal.Clock.Set(GrantFixture.Beijing(2026, 11, 26, 0));
        Assert.True(await ExpireAsync() >= 2);
        Assert.Equal(0, await ExpireAsync());

        var expired = await portal.LoadAsync(active);
        Assert.Equal((GrantStatus.Expired, GrantFixture.Beijing(2026, 11, 26, 0)), (expired.Status, expired.StatusChangedAt));
        Assert.Equal(GrantStatus.Expired, (await portal.LoadAsync(suspended)).Status);
        Assert.Equal("核查中", (await portal.LoadAsync(suspended)).StatusReason);
        Assert.Equal(GrantStatus.Active, (await portal.LoadAsync(later)).Status);
        var e = await Assert.ThrowsAsync<GovDataPortal.Infrastructure.AccessDeniedException>(() =>
            portal.AsAsync("zhangwei", s => s.RecordUseAsync(active, GrantFixture.Use())));
        Assert.Equal("该授权已于2026年11月25日到期。", e.Message);
    }

    [Fact]
    public async Task Requester_is_reminded_once_ten_working_days_before_the_end_date()
    {
        portal.Clock.Set(PortalFixture.Start);
        // 2026-12-31 is a Thursday: on Wednesday 16 December eleven working days are left after the day, on Thursday 17 ten.
        var id = await portal.GrantAsync(new DateOnly(2026, 12, 31), resourceName: "到期提醒测试数据");

        portal.Clock.Set(GrantFixture.Beijing(2026, 12, 16, 9));
        await RemindAsync();
        Assert.Null((await portal.LoadAsync(id)).ExpiryReminderSentAt);

        portal.Clock.Set(GrantFixture.Beijing(2026, 12, 17, 9));
        await RemindAsync();
        await RemindAsync(); // Hangfire may deliver the same run again
        portal.Clock.Set(GrantFixture.Beijing(2026, 12, 18, 9));
        await RemindAsync(); // and the next day's run finds it reminded

        Assert.Equal(GrantFixture.Beijing(2026, 12, 17, 9), (await portal.LoadAsync(id)).ExpiryReminderSentAt);
        foreach (var user in new[] { "zhangwei", "lina" })
        {
            var reminder = Assert.Single(await portal.NotificationsOfAsync(user, GrantTexts.ReminderTitle), n => n.Body.Contains("到期提醒测试数据"));
            Assert.Contains("2026年12月31日到期（还有10个工作日）", reminder.Body);
            Assert.Equal($"sharing/grants/{id}", reminder.Link);
        }
        // The provider is not the one to renew.
        Assert.DoesNotContain(await portal.NotificationsOfAsync("chenjing", GrantTexts.ReminderTitle), n => n.Body.Contains("到期提醒测试数据"));
    }

    [Fact]
    public async Task Suspended_or_ended_grant_is_not_reminded()
    {
        portal.Clock.Set(PortalFixture.Start);
        var suspended = await portal.GrantAsync(new DateOnly(2026, 11, 27), resourceName: "暂停的授权");
        var ended = await portal.GrantAsync(new DateOnly(2026, 11, 27), resourceName: "终止的授权");
        await portal.AsAsync("chenjing", s => s.SuspendAsync(suspended, "核查中"));
        await portal.AsAsync("chenjing", s => s.EndAsync(ended, "违规使用"));

        await RemindAsync();

        Assert.Null((await portal.LoadAsync(suspended)).ExpiryReminderSentAt);
        Assert.Null((await portal.LoadAsync(ended)).ExpiryReminderSentAt);
    }
}

/// <summary>The reminder's lead time comes from configuration (<c>Grants:ReminderWorkingDays</c>).</summary>
public class GrantReminderSettingTests(GrantReminderSettingTests.ThreeDays portal) : IClassFixture<GrantReminderSettingTests.ThreeDays>
{
    public sealed class ThreeDays : GrantFixture
    {
        protected override IDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(base.Settings) { ["Grants:ReminderWorkingDays"] = "3" };
    }

    [Fact]
    public async Task Configured_lead_time_of_three_working_days_is_used()
    {
        portal.Clock.Set(PortalFixture.Start);
        var id = await portal.GrantAsync(new DateOnly(2026, 12, 31));

        portal.Clock.Set(GrantFixture.Beijing(2026, 12, 24, 9)); // Thursday: 25, 28, 29, 30, 31 = 5 working days left
        await using (var scope = portal.AnonymousScope()) await scope.Get<GrantJobs>().RemindAsync();
        Assert.Null((await portal.LoadAsync(id)).ExpiryReminderSentAt);

        portal.Clock.Set(GrantFixture.Beijing(2026, 12, 28, 9)); // Monday: 29, 30, 31 = 3 left
        await using (var scope = portal.AnonymousScope()) await scope.Get<GrantJobs>().RemindAsync();
        Assert.NotNull((await portal.LoadAsync(id)).ExpiryReminderSentAt);
    }
}

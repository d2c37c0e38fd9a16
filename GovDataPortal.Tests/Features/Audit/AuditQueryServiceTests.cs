using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using static GovDataPortal.Tests.Features.Audit.AuditTestSupport;

namespace GovDataPortal.Tests.Features.Audit;

/// <summary>
/// Each test writes its records on its own days in 2031, far from the seeded records (written at the real time of the
/// test run), so its date filter sees only what it wrote.
/// </summary>
public class AuditQueryServiceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<AuditPage> QueryAsync(AuditFilter filter, int skip = 0, int take = 100)
    {
        await using var scope = await portal.ScopeAsAsync("auditor");
        return await scope.Get<AuditQueryService>().QueryAsync(filter, skip, take);
    }

    [Fact]
    public async Task Date_range_covers_whole_beijing_days_with_the_end_day_included()
    {
        await portal.WriteAsAsync("zhangwei", Beijing(2031, 3, 9, 23, 59, 59));
        var first = await portal.WriteAsAsync("zhangwei", Beijing(2031, 3, 10, 0, 0, 0));
        var last = await portal.WriteAsAsync("zhangwei", Beijing(2031, 3, 11, 23, 59, 59));
        await portal.WriteAsAsync("zhangwei", Beijing(2031, 3, 12, 0, 0, 0));

        var page = await QueryAsync(new AuditFilter(From: new DateOnly(2031, 3, 10), To: new DateOnly(2031, 3, 11)));

        Assert.Equal([last, first], page.Items.Select(r => r.Id));
        Assert.Equal(2, page.Total);
        Assert.Equal(["2031-03-11 23:59:59", "2031-03-10 00:00:00"], page.Items.Select(r => r.Time));
    }

    [Fact]
    public async Task Filters_by_user_name_fragment_department_and_action()
    {
        var day = new DateOnly(2031, 4, 1);
        var zhangLogin = await portal.WriteAsAsync("zhangwei", Beijing(2031, 4, 1, 9), AuditActions.Login);
        var zhangExport = await portal.WriteAsAsync("zhangwei", Beijing(2031, 4, 1, 10), AuditActions.Export);
        var liuLogin = await portal.WriteAsAsync("liuyang", Beijing(2031, 4, 1, 11), AuditActions.Login);
        var linaExport = await portal.WriteAsAsync("lina", Beijing(2031, 4, 1, 12), AuditActions.Export);
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        async Task<IEnumerable<long>> Ids(AuditFilter f) => (await QueryAsync(f with { From = day, To = day })).Items.Select(r => r.Id);

        Assert.Equal([zhangExport, zhangLogin], await Ids(new AuditFilter(UserName: " ZHANG ")));
        Assert.Equal([linaExport, zhangExport, zhangLogin], await Ids(new AuditFilter(DepartmentId: police)));
        Assert.Equal([liuLogin, zhangLogin], await Ids(new AuditFilter(Action: AuditActions.Login)));
        Assert.Equal([zhangLogin], await Ids(new AuditFilter(UserName: "zhang", DepartmentId: police, Action: AuditActions.Login)));
        // LIKE wildcards typed by the auditor are plain characters.
        Assert.Empty(await Ids(new AuditFilter(UserName: "%")));
        Assert.Empty(await Ids(new AuditFilter(UserName: "_")));
    }

    [Fact]
    public async Task Rows_come_newest_first_paged_in_the_database_with_the_total_and_display_names()
    {
        var day = new DateOnly(2031, 5, 1);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
            ids.Add(await portal.WriteAsAsync("zhangwei", Beijing(2031, 5, 1, 9 + i), AuditActions.Login, new { 序号 = i }));
        var filter = new AuditFilter(From: day, To: day);

        var second = await QueryAsync(filter, skip: 2, take: 2);

        Assert.Equal(5, second.Total);
        Assert.Equal([ids[2], ids[1]], second.Items.Select(r => r.Id));
        var row = second.Items[0];
        Assert.Equal(("zhangwei", DemoAccounts.Police, "登录", "2031-05-01 11:00:00", "127.0.0.1"),
            (row.UserName, row.DepartmentName, row.ActionName, row.Time, row.IpAddress));
        Assert.Equal("""{"序号":2}""", row.Summary);
    }

    [Fact]
    public async Task Verifying_through_the_service_reports_an_intact_chain()
    {
        await using var scope = await portal.ScopeAsAsync("auditor");

        var report = await scope.Get<AuditQueryService>().VerifyChainAsync();

        Assert.True(report.IsIntact, report.Describe());
        Assert.True(report.CheckedCount > 0);
    }

    [Theory]
    [InlineData("zhangwei")]
    [InlineData("admin")]
    [InlineData("security")]
    public async Task Everyone_but_the_auditor_is_refused(string userName)
    {
        await using var scope = await portal.ScopeAsAsync(userName);
        var audit = scope.Get<AuditQueryService>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => audit.QueryAsync(new AuditFilter(), 0, 10));
        await Assert.ThrowsAsync<AccessDeniedException>(() => audit.VerifyChainAsync());
        await Assert.ThrowsAsync<AccessDeniedException>(() => audit.ExportAsync(new AuditFilter(), new MemoryStream()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => audit.DepartmentsAsync());
    }

    [Fact]
    public async Task Nobody_signed_in_is_refused()
    {
        await using var scope = portal.AnonymousScope();
        await Assert.ThrowsAsync<AccessDeniedException>(() => scope.Get<AuditQueryService>().QueryAsync(new AuditFilter(), 0, 10));
    }

    [Fact]
    public async Task A_start_date_after_the_end_date_is_a_validation_error_on_To()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            QueryAsync(new AuditFilter(From: new DateOnly(2031, 3, 2), To: new DateOnly(2031, 3, 1))));

        Assert.Equal(["截止日期不能早于起始日期。"], e.Errors.ByField["To"]);
    }

    [Theory]
    [InlineData(0, 501, "take")]
    [InlineData(0, 0, "take")]
    [InlineData(-1, 10, "skip")]
    public async Task Paging_outside_the_limits_is_a_validation_error(int skip, int take, string field)
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => QueryAsync(new AuditFilter(), skip, take));
        Assert.True(e.Errors.ByField.ContainsKey(field));
    }

    [Fact]
    public async Task Unknown_actions_and_absurd_dates_are_validation_errors()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            QueryAsync(new AuditFilter(Action: "DropTable", From: new DateOnly(1, 1, 1), To: DateOnly.MaxValue)));

        Assert.Equal(["Action", "From", "To"], e.Errors.ByField.Keys.Order());
    }

    [Fact]
    public async Task An_over_long_user_name_term_is_refused_in_Chinese()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            QueryAsync(new AuditFilter(UserName: new string('张', AuditFilter.MaxUserNameLength + 1))));

        Assert.Equal([$"用户名不能超过{AuditFilter.MaxUserNameLength}个字符。"], e.Errors.ByField[nameof(AuditFilter.UserName)]);
    }
}

using System.Net;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Audit;

/// <summary>
/// The log says what happened, no more and no less. Security review findings: every sign-in and failed sign-in wrote a
/// false "PasswordHash 已修改" line (Identity saves the whole user row); the auditor's own searches and verifications
/// left no trace (GB/T 22239-2019 8.1.4.3: the auditor's actions are audited too).
/// </summary>
public class AuditHonestyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<long> HeadAsync()
    {
        await using var db = await portal.DbAsync();
        return await db.AuditRecords.MaxAsync(a => a.Id);
    }

    private async Task<List<AuditRecord>> SinceAsync(long id)
    {
        await using var db = await portal.DbAsync();
        return await db.AuditRecords.AsNoTracking().Where(a => a.Id > id).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task Signing_in_and_a_failed_sign_in_record_no_password_change()
    {
        var userId = await portal.UserIdAsync("liuyang");
        var before = await HeadAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => portal.CookieClientAsAsync("liuyang", "Wrong#Passw0rd"));
        using var client = await portal.CookieClientAsAsync("liuyang");

        var records = await SinceAsync(before);
        Assert.Contains(records, r => r.Action == AuditActions.LoginFailed && r.UserId == userId);
        Assert.Contains(records, r => r.Action == AuditActions.Login && r.UserId == userId);
        Assert.DoesNotContain(records, r => r.EntityId == userId && r.Action == AuditActions.Update);
        Assert.DoesNotContain(records, r => r.Summary.Contains("PasswordHash"));
    }

    [Fact]
    public async Task Changing_the_password_records_exactly_one_password_change()
    {
        var userId = await portal.UserIdAsync("lina");
        var before = await HeadAsync();

        await using (var scope = await portal.ScopeAsAsync("lina"))
            await scope.Get<UserAdministrationService>().ChangeMyPasswordAsync(DemoAccounts.Password, "Changed#Pass2026", "Changed#Pass2026");

        var changes = (await SinceAsync(before)).Where(r => r.Summary.Contains("PasswordHash")).ToList();
        var change = Assert.Single(changes);
        Assert.Equal((AuditActions.Update, userId), (change.Action, change.EntityId));
        Assert.Contains("\"PasswordHash\":\"已修改\"", change.Summary);
    }

    [Fact]
    public async Task A_search_of_the_log_is_itself_audited_with_its_filter()
    {
        var before = await HeadAsync();

        await using (var scope = await portal.ScopeAsAsync("auditor"))
            await scope.Get<AuditQueryService>().QueryAsync(new AuditFilter(UserName: "zhangwei", Action: AuditActions.Login), 0, 20);

        var record = Assert.Single(await SinceAsync(before));
        Assert.Equal((AuditActions.AuditSearched, "auditor", "AuditRecord"), (record.Action, record.UserName, record.EntityType));
        var text = AuditChanges.Text(record.EntityType, record.Summary);
        Assert.Contains("zhangwei", text);
        Assert.Contains("登录", text);
        Assert.Equal("查询审计日志", AuditActions.DisplayName(record.Action));
    }

    [Fact]
    public async Task A_verification_of_the_chain_is_audited_with_its_result()
    {
        var before = await HeadAsync();

        await using (var scope = await portal.ScopeAsAsync("auditor"))
            Assert.True((await scope.Get<AuditQueryService>().VerifyChainAsync()).IsIntact);

        var record = Assert.Single(await SinceAsync(before));
        Assert.Equal((AuditActions.AuditVerified, "auditor"), (record.Action, record.UserName));
        Assert.Contains("完整", AuditChanges.Text(record.EntityType, record.Summary));
    }

    [Fact]
    public async Task Searching_verifying_and_exporting_over_http_each_leave_a_record()
    {
        var before = await HeadAsync();
        using var api = await portal.ApiClientAsAsync("auditor");
        using var browser = await portal.CookieClientAsAsync("auditor");

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/audit?user=lina&take=5")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(AuditEndpoints.ExportPath + "?user=lina")).StatusCode);

        var byAuditor = (await SinceAsync(before)).Where(r => r.UserName == "auditor").Select(r => r.Action).ToList();
        Assert.Contains(AuditActions.AuditSearched, byAuditor);
        Assert.Contains(AuditActions.AuditVerified, byAuditor);
        Assert.Contains(AuditActions.Export, byAuditor);
    }
}

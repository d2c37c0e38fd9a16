using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Grants;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Sharing.Grants;

/// <summary>
/// The portal under shuangpai with grants arranged directly (a request and its grant saved through a context, as the
/// share-request flow would leave them): 公安局 uses 市场监管局's data unless a test says otherwise.
/// </summary>
public class GrantFixture : PortalFixture
{
    public const string Requester = DemoAccounts.Police, Provider = DemoAccounts.Market;
    public static readonly string[] Items = ["统一社会信用代码", "企业名称", "法定代表人"];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:Jurisdiction"] = "shuangpai" };

    /// <summary>Beijing wall-clock → UTC instant.</summary>
    public static DateTimeOffset Beijing(int y, int m, int d, int h = 10) => new DateTimeOffset(y, m, d, h, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public async Task<long> GrantAsync(DateOnly? endDate = null, string requester = Requester, string provider = Provider,
        ShareOperations operations = ShareOperations.View | ShareOperations.Compare, ShareMethods methods = ShareMethods.PlatformApi,
        long entryId = 9001, string resourceName = "企业登记基本信息", string? agreement = "XY-2026-001", GrantBasis basis = GrantBasis.Approved,
        ShareRequestKind kind = ShareRequestKind.Conditional)
    {
        var requesterId = await this.DepartmentIdAsync(requester);
        var providerId = await this.DepartmentIdAsync(provider);
        var userId = await this.UserIdAsync("zhangwei");
        var now = Clock.GetUtcNow();
        var draft = new ShareRequestDraft
        {
            Kind = kind, CatalogueEntryId = entryId, ItemNames = Items, DutyBasis = "《中华人民共和国治安管理处罚法》",
            Scenario = "治安案件当事人身份核查", Methods = methods, Operations = operations, Users = "治安大队民警",
            EndDate = endDate ?? new DateOnly(2027, 6, 30),
        };
        await using var db = await DbAsync();
        var request = ShareRequest.Create(draft, requesterId, userId, providerId, resourceName, "101000000/000001", now);
        db.ShareRequests.Add(request);
        await db.SaveChangesAsync();
        var grant = ShareGrant.From(request, basis, ChinaTime.Today(Clock), now, agreement);
        db.ShareGrants.Add(grant);
        await db.SaveChangesAsync();
        request.MarkGranted(grant.Id, now);
        await db.SaveChangesAsync();
        return grant.Id;
    }

    public async Task<ShareGrant> LoadAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.ShareGrants.AsNoTracking().SingleAsync(g => g.Id == id);
    }

    public async Task<T> AsAsync<T>(string userName, Func<GrantService, Task<T>> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        return await act(scope.Get<GrantService>());
    }

    public async Task AsAsync(string userName, Func<GrantService, Task> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        await act(scope.Get<GrantService>());
    }

    public static RecordGrantUse Use(ShareOperations operation = ShareOperations.View, string[]? items = null,
        ShareMethods method = ShareMethods.PlatformApi, string? purpose = "核查当事人所在企业登记信息") =>
        new(purpose, "王警官", "李娜", items ?? ["企业名称"], operation, method, "接口");

    public async Task<int> UseCountAsync(long grantId)
    {
        await using var db = await DbAsync();
        return await db.GrantUses.CountAsync(u => u.GrantId == grantId);
    }

    public async Task<List<GovDataPortal.Features.Notifications.Notification>> NotificationsOfAsync(string userName, string title, long? grantId = null)
    {
        var userId = await this.UserIdAsync(userName);
        await using var db = await DbAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.Title == title
            && (grantId == null || n.Link == "sharing/grants/" + grantId)).OrderBy(n => n.Id).ToListAsync();
    }
}

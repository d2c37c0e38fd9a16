using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Tests.Features.Catalogue;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Sharing.Scenarios;

/// <summary>The portal under the foshan profile (Art. 28 scenarios are its own law there), with scenario helpers.</summary>
public class ScenarioFixture : PortalFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:Jurisdiction"] = "foshan" };

    private static int _sequence;

    /// <summary>A published, conditionally shared entry of <paramref name="department"/> with the named items.</summary>
    public async Task<long> SharableAsync(string department, string name, params string[] items)
    {
        var departmentId = await this.DepartmentIdAsync(department);
        await using var db = await DbAsync();
        var content = PublishedEntries.Content(name, [.. items.Select(i => (i, ItemDataType.C))]);
        content.ShareType = ShareType.Conditional;
        content.ShareBasis = "《政务信息资源共享管理暂行办法》";
        content.ShareMethods = ShareMethods.PlatformApi;
        content.ShareOperations = ShareOperations.View | ShareOperations.Compare;
        var entry = CatalogueEntry.Create(departmentId, content, "test-user", Clock.GetUtcNow());
        db.CatalogueEntries.Add(entry);
        await db.SaveChangesAsync();
        var code = $"101000000/{Interlocked.Increment(ref _sequence) + Random.Shared.Next(100000, 800000):D6}";
        var at = Clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE catalogue_versions SET "Status" = 'Published', "PublishedAt" = {at} WHERE "EntryId" = {entry.Id};
            UPDATE catalogue_entries SET "Status" = 'Published', "PublishedVersionNumber" = 1, "ResourceCode" = {code},
                "FirstPublishedAt" = {at}, "LastPublishedAt" = {at}, "EverSubmitted" = TRUE WHERE "Id" = {entry.Id};
            """);
        return entry.Id;
    }

    public static ScenarioDraft Draft(long entryId, params string[] items) => new()
    {
        Name = "企业开办身份核验", Business = "企业开办“一网通办”中核验经办人身份", LegalBasis = "《优化营商环境条例》第三十五条",
        Entries = [new ScenarioEntryDraft(entryId, items)],
    };

    public async Task<T> AsAsync<T>(string userName, Func<ApplicationScenarioService, Task<T>> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        return await act(scope.Get<ApplicationScenarioService>());
    }

    public async Task AsAsync(string userName, Func<ApplicationScenarioService, Task> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        await act(scope.Get<ApplicationScenarioService>());
    }

    public async Task<ApplicationScenario> ScenarioAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.Set<ApplicationScenario>().AsNoTracking().Include(s => s.Entries).SingleAsync(s => s.Id == id);
    }

    /// <summary>Registered by 张伟 (公安局 数据专管员) and approved by 赵敏 (县政务服务中心).</summary>
    public async Task<long> ApprovedAsync(ScenarioDraft draft, string registrar = "zhangwei")
    {
        var id = await AsAsync(registrar, s => s.RegisterAsync(draft));
        await AsAsync("zhaomin", async s => await s.ApproveAsync(id, (await ScenarioAsync(id)).Version, null));
        return id;
    }

    public async Task<long?> MatchAsync(string department, long entryId, params string[] items)
    {
        var departmentId = await this.DepartmentIdAsync(department);
        await using var scope = await ScopeAsAsync("zhangwei");
        await using var db = await DbAsync();
        return await scope.Get<IApplicationScenarioMatch>().MatchingAsync(db, departmentId, entryId, items, CancellationToken.None);
    }
}

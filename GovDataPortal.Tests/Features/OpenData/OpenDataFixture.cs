using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.OpenData;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Tests.Features.Catalogue;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.OpenData;

/// <summary>The portal under one jurisdiction, with a conditionally open entry of 市场监管局 and open-data helpers.</summary>
public class OpenDataFixture : PortalFixture
{
    public const string CitizenId = "11010519491231002X";
    public const string CreditCode = "91350100M000100Y43";

    public virtual string Jurisdiction => "shuangpai";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:Jurisdiction"] = Jurisdiction };

    /// <summary>A published entry of the market regulator, conditionally open (version and entry alike).</summary>
    public async Task<long> ConditionalEntryAsync(string name = "食品经营许可信息", OpenType open = OpenType.Conditional)
    {
        var id = await this.PublishedAsync(DemoAccounts.Market, name, ("许可证编号", ItemDataType.C), ("经营场所", ItemDataType.C));
        await using var db = await DbAsync();
        var type = open.ToString();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE catalogue_versions SET "OpenType" = {type} WHERE "EntryId" = {id};
            UPDATE catalogue_entries SET "OpenType" = {type} WHERE "Id" = {id};
            """);
        return id;
    }

    public static OpenRequestInput Organisation(long entryId, OrganisationType type = OrganisationType.DomesticControlledEnterprise,
        PurposeKind purpose = PurposeKind.Commercial) => new()
    {
        ApplicantKind = FlowPartyKind.Organisation, ApplicantName = "龙岩数智科技有限公司", IdentityNumber = CreditCode, OrganisationType = type,
        Phone = "0597-1234567", CatalogueEntryId = entryId, ItemNames = ["许可证编号"], PurposeKind = purpose,
        Purpose = "开发食品安全查询应用", UseFrom = new DateOnly(2026, 12, 1), UseUntil = new DateOnly(2027, 11, 30),
        SecurityMeasures = "专人管理，数据仅存于本单位等保三级系统，不向第三方提供。",
    };

    public static OpenRequestInput Person(long entryId, string id = CitizenId) => Organisation(entryId) with
    {
        ApplicantKind = FlowPartyKind.Person, ApplicantName = "王五", IdentityNumber = id, OrganisationType = null, PurposeKind = PurposeKind.Research,
    };

    public static ObjectionInput Objection(long entryId, ObjectionKind kind = ObjectionKind.Privacy) => new()
    {
        ObjectorKind = FlowPartyKind.Person, ObjectorName = "王五", IdentityNumber = CitizenId, Phone = "13800000000",
        CatalogueEntryId = entryId, Kind = kind, Description = "开放数据中公开了本人的经营场所住址。",
    };

    public async Task<T> AsAsync<T>(string userName, Func<OpenDataService, Task<T>> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        return await act(scope.Get<OpenDataService>());
    }

    public async Task AsAsync(string userName, Func<OpenDataService, Task> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        await act(scope.Get<OpenDataService>());
    }

    public async Task<FlowTask> OpenTaskAsync(long? instanceId)
    {
        await using var db = await DbAsync();
        return await db.FlowTasks.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.Status == FlowTaskStatus.Open);
    }

    public async Task<OpenDataRequest> RequestAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.Set<OpenDataRequest>().AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public async Task<DataObjection> ObjectionAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.Set<DataObjection>().AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public async Task<CatalogueEntry> EntryAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.CatalogueEntries.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    public async Task DecideAsync(string userName, TaskDecision decision)
    {
        await using var scope = await ScopeAsAsync(userName);
        await scope.Get<WorkflowEngine>().DecideAsync(decision);
    }

    public async Task<int> CountAsync()
    {
        await using var db = await DbAsync();
        return await db.Set<OpenDataRequest>().CountAsync() + await db.Set<DataObjection>().CountAsync();
    }
}

public sealed class ChangshaOpenDataFixture : OpenDataFixture { public override string Jurisdiction => "changsha"; }
public sealed class HubeiOpenDataFixture : OpenDataFixture { public override string Jurisdiction => "hubei"; }
public sealed class LongyanOpenDataFixture : OpenDataFixture { public override string Jurisdiction => "longyan"; }
public sealed class FoshanOpenDataFixture : OpenDataFixture { public override string Jurisdiction => "foshan"; }

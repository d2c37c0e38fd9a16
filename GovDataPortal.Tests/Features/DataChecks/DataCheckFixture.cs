using GovDataPortal.Features.Attachments;
using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.DataChecks;

/// <summary>The portal under one jurisdiction (shuangpai unless a subclass says otherwise), with data-check helpers.</summary>
public class DataCheckFixture : PortalFixture
{
    public virtual string Jurisdiction => "shuangpai";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:Jurisdiction"] = Jurisdiction };

    /// <summary>Beijing wall-clock → UTC instant.</summary>
    public static DateTimeOffset Beijing(int y, int m, int d, int h = 10) => new DateTimeOffset(y, m, d, h, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public async Task<long> RaiseAsync(string userName = "zhangwei", string provider = DemoAccounts.Market,
        string resource = "企业登记基本信息", AttachmentUpload? evidence = null)
    {
        var providerId = await this.DepartmentIdAsync(provider);
        await using var scope = await ScopeAsAsync(userName);
        return await scope.Get<DataCheckService>().RaiseAsync(
            new RaiseDataCheckInput(providerId, resource, "91431123MA4L0000X1", DataCheckKind.Error, "企业住所与营业执照不一致。"), evidence);
    }

    public async Task<DataCheckDetail> DetailAsync(string userName, long id)
    {
        await using var scope = await ScopeAsAsync(userName);
        return (await scope.Get<DataCheckService>().GetAsync(id))!;
    }

    /// <summary>The provider's open check task (tracked off, fresh from the database).</summary>
    public async Task<FlowTask> CheckTaskAsync(long id)
    {
        await using var db = await DbAsync();
        var instanceId = await db.DataCheckRequests.Where(r => r.Id == id).Select(r => r.FlowInstanceId).SingleAsync();
        return await db.FlowTasks.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId && t.Status == FlowTaskStatus.Open
            && t.Kind != FlowTaskKind.ExtensionConsent);
    }

    public async Task AnswerAsync(string userName, long id, DataCheckAnswer? answer = DataCheckAnswer.NoError,
        string? explanation = "经与登记系统核对，数据无误。")
    {
        var task = await CheckTaskAsync(id);
        await using var scope = await ScopeAsAsync(userName);
        await scope.Get<DataCheckService>().AnswerAsync(id, task.Id, task.Version, answer, explanation);
    }

    public async Task<T> AsAsync<T>(string userName, Func<DataCheckService, Task<T>> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        return await act(scope.Get<DataCheckService>());
    }

    public async Task AsAsync(string userName, Func<DataCheckService, Task> act)
    {
        await using var scope = await ScopeAsAsync(userName);
        await act(scope.Get<DataCheckService>());
    }

    public async Task<DataCheckRequest> RequestAsync(long id)
    {
        await using var db = await DbAsync();
        return await db.DataCheckRequests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    /// <summary>How many checks and data-check flow instances exist (to prove a refusal saved nothing).</summary>
    public async Task<(int Requests, int Instances, int Attachments)> CountsAsync()
    {
        await using var db = await DbAsync();
        return (await db.DataCheckRequests.CountAsync(),
            await db.FlowInstances.CountAsync(i => i.SubjectType == DataCheckTexts.SubjectType),
            await db.Attachments.CountAsync());
    }

    public async Task<List<GovDataPortal.Features.Notifications.Notification>> NotificationsOfAsync(string userName)
    {
        var userId = await this.UserIdAsync(userName);
        await using var db = await DbAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync();
    }
}

public sealed class HubeiDataCheckFixture : DataCheckFixture
{
    public override string Jurisdiction => "hubei";
}

public sealed class FoshanDataCheckFixture : DataCheckFixture
{
    public override string Jurisdiction => "foshan";
}

public sealed class LongyanDataCheckFixture : DataCheckFixture
{
    public override string Jurisdiction => "longyan";
}

public sealed class ChangshaDataCheckFixture : DataCheckFixture
{
    public override string Jurisdiction => "changsha";
}

/// <summary>Files for evidence tests: real leading bytes, any length.</summary>
public static class EvidenceFiles
{
    public static AttachmentUpload Pdf(string name = "营业执照.pdf", int length = 2048) =>
        Upload(name, [.. "%PDF-1.7\n"u8.ToArray(), .. new byte[Math.Max(length - 9, 0)]]);

    public static AttachmentUpload Upload(string name, byte[] content, long? declaredLength = null) =>
        new(name, declaredLength ?? content.Length, () => new MemoryStream(content));
}

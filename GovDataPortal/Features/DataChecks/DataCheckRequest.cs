using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.DataChecks;

public enum DataCheckKind
{
    /// <summary>疑义</summary>
    Doubt = 1,
    /// <summary>错误</summary>
    Error = 2,
}

public enum DataCheckStatus
{
    /// <summary>Waiting for the provider's verification.</summary>
    Submitted = 1,
    /// <summary>The provider answered; the requester closes it or reopens it once.</summary>
    Answered = 2,
    Closed = 3,
}

public enum DataCheckAnswer
{
    /// <summary>确认有误，已更正</summary>
    ConfirmedAndCorrected = 1,
    /// <summary>经核实无误</summary>
    NoError = 2,
}

/// <summary>
/// 数据疑义、错误校核: a user department flags a doubt or an error in a provider's data; the provider verifies and answers
/// within the active profile's deadline (shuangpai Art. 27, hubei Art. 13, longyan Art. 14, foshan Art. 30).
/// </summary>
public class DataCheckRequest : IAudited, IAuditNamed
{
    public long Id { get; set; }
    public int RequesterDepartmentId { get; set; }
    public string RequesterUserId { get; set; } = "";
    public int ProviderDepartmentId { get; set; }

    /// <summary>Free text until the catalogue exists; then a pick of the provider's published entries.</summary>
    public string ResourceName { get; set; } = "";
    public string? RecordIdentifier { get; set; }
    public DataCheckKind Kind { get; set; }
    public string Description { get; set; } = "";
    public DataCheckStatus Status { get; set; }
    public DataCheckAnswer? Answer { get; set; }
    public string? Explanation { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The requester may reopen an answered check once, with a reason.</summary>
    public int ReopenCount { get; set; }
    public string? ReopenReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public long? FlowInstanceId { get; set; }
    public uint Version { get; set; }

    public static AuditNames AuditNames { get; } = new("数据校核")
    {
        { nameof(RequesterDepartmentId), "申请部门编号" },
        { nameof(RequesterUserId), "申请人编号" },
        { nameof(ProviderDepartmentId), "提供部门编号" },
        { nameof(ResourceName), "数据资源名称" },
        { nameof(RecordIdentifier), "记录标识" },
        { nameof(Kind), "校核类型", AuditNames.Coded<DataCheckKind>(DataCheckTexts.KindName) },
        { nameof(Status), "状态", AuditNames.Coded<DataCheckStatus>(DataCheckTexts.StatusName) },
        { nameof(Description), "问题描述" },
        { nameof(Answer), "核实结论", AuditNames.Coded<DataCheckAnswer>(DataCheckTexts.AnswerName) },
        { nameof(Explanation), "答复说明" },
        { nameof(AnsweredAt), "答复时间" },
        { nameof(ReopenCount), "重新提出次数" },
        { nameof(ReopenReason), "重新提出理由" },
        { nameof(CreatedAt), "提出时间" },
        { nameof(ClosedAt), "关闭时间" },
        { nameof(FlowInstanceId), "流程编号" },
    };
}

internal sealed class DataCheckRequestConfiguration : IEntityTypeConfiguration<DataCheckRequest>
{
    public void Configure(EntityTypeBuilder<DataCheckRequest> b)
    {
        b.ToTable("data_check_requests");
        b.Property(r => r.RequesterUserId).HasMaxLength(64).IsRequired();
        b.Property(r => r.ResourceName).HasMaxLength(200).IsRequired();
        b.Property(r => r.RecordIdentifier).HasMaxLength(100);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Description).HasMaxLength(2000).IsRequired();
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Answer).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.Explanation).HasMaxLength(2000);
        b.Property(r => r.ReopenReason).HasMaxLength(1000);
        b.HasIndex(r => new { r.RequesterDepartmentId, r.Status });
        b.HasIndex(r => new { r.ProviderDepartmentId, r.Status });
        b.Property(r => r.Version).IsRowVersion();
    }
}

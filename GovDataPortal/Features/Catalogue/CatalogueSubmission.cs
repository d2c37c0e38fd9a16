using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Catalogue;

public enum SubmissionStatus { Open = 1, Closed = 2 }

/// <summary>
/// Versions a department submits together (one entry, or a whole import): one review flow and one task per step,
/// listing them, where the reviewer approves all or returns some (issue 9 §2). The flow's subject.
/// Transitions sit in CatalogueSubmission.Lifecycle.cs.
/// </summary>
public partial class CatalogueSubmission : IAudited, IAuditNamed
{
    private CatalogueSubmission() { }

    public long Id { get; private set; }
    public int DepartmentId { get; private set; }
    public string SubmittedByUserId { get; private set; } = "";
    public DateTimeOffset SubmittedAt { get; private set; }
    public SubmissionStatus Status { get; private set; }
    /// <summary>Entries in the batch when submitted (some may be returned on the way).</summary>
    public int EntryCount { get; private set; }
    public long? FlowInstanceId { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public uint Version { get; private set; }

    public static AuditNames AuditNames { get; } = new("目录提交批次")
    {
        { nameof(DepartmentId), "提交部门编号" },
        { nameof(SubmittedByUserId), "提交人编号" },
        { nameof(SubmittedAt), "提交时间" },
        { nameof(Status), "状态" },
        { nameof(EntryCount), "条目数" },
        { nameof(FlowInstanceId), "流程编号" },
        { nameof(ClosedAt), "结束时间" },
    };
}

/// <summary>A reviewer's comment on a returned version, on one field (the form shows it beside that field) or on the whole.</summary>
public partial class CatalogueReviewComment : IAudited, IAuditNamed
{
    public const int TextMaxLength = 1000;

    private CatalogueReviewComment() { }

    public long Id { get; private set; }
    public long VersionId { get; private set; }
    /// <summary>A <see cref="CatalogueContent"/> field key ("ShareBasis", "Items[2].DataType"); null for the whole entry.</summary>
    public string? Field { get; private set; }
    public string Text { get; private set; } = "";
    /// <summary>The review step's name (部门审核 / 主管部门审核).</summary>
    public string StepName { get; private set; } = "";
    public string ByUserId { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    public static AuditNames AuditNames { get; } = new("目录审核意见")
    {
        { nameof(VersionId), "目录版本编号" },
        { nameof(Field), "字段" },
        { nameof(Text), "意见" },
        { nameof(StepName), "审核环节" },
        { nameof(ByUserId), "审核人编号" },
        { nameof(At), "时间" },
    };
}

/// <summary>The last sequence number given under one nine-digit prefix: codes are never reused, so it only grows.</summary>
public class ResourceCodeSequence : IAuditNamed
{
    public string Prefix { get; set; } = "";
    public int LastNumber { get; set; }

    public static AuditNames AuditNames { get; } = new("信息资源代码顺序号")
    {
        { nameof(Prefix), "代码前九位" },
        { nameof(LastNumber), "已用最大顺序号" },
    };
}

internal sealed class CatalogueSubmissionConfiguration : IEntityTypeConfiguration<CatalogueSubmission>
{
    public void Configure(EntityTypeBuilder<CatalogueSubmission> b)
    {
        b.ToTable("catalogue_submissions");
        b.Property(s => s.SubmittedByUserId).HasMaxLength(64).IsRequired();
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(s => new { s.DepartmentId, s.Status });
        b.Property(s => s.Version).IsRowVersion();
    }
}

internal sealed class CatalogueReviewCommentConfiguration : IEntityTypeConfiguration<CatalogueReviewComment>
{
    public void Configure(EntityTypeBuilder<CatalogueReviewComment> b)
    {
        b.ToTable("catalogue_review_comments");
        b.Property(c => c.Field).HasMaxLength(64);
        b.Property(c => c.Text).HasMaxLength(CatalogueReviewComment.TextMaxLength).IsRequired();
        b.Property(c => c.StepName).HasMaxLength(50).IsRequired();
        b.Property(c => c.ByUserId).HasMaxLength(64).IsRequired();
        b.HasOne<CatalogueVersion>().WithMany().HasForeignKey(c => c.VersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.VersionId);
    }
}

internal sealed class ResourceCodeSequenceConfiguration : IEntityTypeConfiguration<ResourceCodeSequence>
{
    public void Configure(EntityTypeBuilder<ResourceCodeSequence> b)
    {
        b.ToTable("resource_code_sequences");
        b.HasKey(s => s.Prefix);
        b.Property(s => s.Prefix).HasMaxLength(9);
    }
}

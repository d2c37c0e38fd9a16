using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Attachments;

/// <summary>A file a person attached to a business object (evidence of a data error, a signed agreement …).</summary>
public class Attachment : IAudited, IAuditNamed
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public Guid Id { get; set; }
    public string OwnerType { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public byte[] Content { get; set; } = [];
    public string UploadedByUserId { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }

    public static AuditNames AuditNames { get; } = new("附件")
    {
        { nameof(Id), "附件编号" },
        { nameof(OwnerType), "所属对象类型" },
        { nameof(OwnerId), "所属对象编号" },
        { nameof(FileName), "文件名" },
        { nameof(ContentType), "文件类型" },
        { nameof(Length), "文件大小（字节）" },
        { nameof(Content), "文件内容" },
        { nameof(UploadedByUserId), "上传人编号" },
        { nameof(UploadedAt), "上传时间" },
    };
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("attachments");
        b.Property(a => a.OwnerType).HasMaxLength(64).IsRequired();
        b.Property(a => a.OwnerId).HasMaxLength(64).IsRequired();
        b.Property(a => a.FileName).HasMaxLength(200).IsRequired();
        b.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
        b.Property(a => a.UploadedByUserId).HasMaxLength(64).IsRequired();
        b.HasIndex(a => new { a.OwnerType, a.OwnerId });
    }
}

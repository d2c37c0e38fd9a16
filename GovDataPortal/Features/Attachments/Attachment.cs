using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Attachments;

/// <summary>A file a person attached to a business object (evidence of a data error, a signed agreement …).</summary>
public class Attachment : IAudited
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

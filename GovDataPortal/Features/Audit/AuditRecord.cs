using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Audit;

/// <summary>Marks business entities whose create/update/delete is written to the audit log automatically.</summary>
public interface IAudited;

/// <summary>
/// One append-only line of the audit log. <see cref="Id"/> is the position in the hash chain (1, 2, 3 …, no gaps),
/// <see cref="Hash"/> = SHA-256(previous hash + canonical content). The database refuses UPDATE and DELETE
/// (trigger in the migration); logs are kept at least six months (龙岩 龙政办〔2020〕91号 Art. 24).
/// </summary>
public class AuditRecord : IAuditNamed
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public int? DepartmentId { get; set; }
    public string? IpAddress { get; set; }
    public string Action { get; set; } = "";
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>JSON text (kept as written, so the hash can be recomputed byte for byte).</summary>
    public string Summary { get; set; } = "{}";
    public string PreviousHash { get; set; } = GenesisHash;
    public string Hash { get; set; } = "";

    /// <summary>PostgreSQL keeps microseconds; cut to them before hashing so the stored value hashes the same.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset t) =>
        new DateTimeOffset(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    public string ComputeHash()
    {
        var canonical = string.Join('\u001f',
            PreviousHash,
            Id.ToString(CultureInfo.InvariantCulture),
            OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            UserId ?? "", UserName ?? "",
            DepartmentId?.ToString(CultureInfo.InvariantCulture) ?? "",
            IpAddress ?? "", Action, EntityType ?? "", EntityId ?? "", Summary);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public static AuditNames AuditNames { get; } = new("审计日志");
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> b)
    {
        b.ToTable("audit_records");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.UserId).HasMaxLength(64);
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(64).IsRequired();
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityId).HasMaxLength(100);
        b.Property(a => a.Summary).IsRequired();
        b.Property(a => a.PreviousHash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(a => a.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.HasIndex(a => a.OccurredAt);
        b.HasIndex(a => new { a.UserId, a.OccurredAt });
        b.HasIndex(a => new { a.DepartmentId, a.OccurredAt });
        b.HasIndex(a => new { a.Action, a.OccurredAt });
    }
}

using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Organisation;

public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
}

/// <summary>An administrative region (province &gt; city &gt; county), keyed by its 6-digit 行政区划代码.</summary>
public class Region : IAudited, IAuditNamed
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public RegionLevel Level { get; set; }
    public int? ParentId { get; set; }
    public Region? Parent { get; set; }
    public List<Department> Departments { get; set; } = [];

    public static string LevelName(RegionLevel level) => level switch
    {
        RegionLevel.Province => "省",
        RegionLevel.City => "市",
        RegionLevel.County => "县（区）",
        _ => level.ToString(),
    };

    /// <summary>A child is exactly one level below its parent; a province has none.</summary>
    public static string? ValidateParent(RegionLevel level, Region? parent) => (level, parent) switch
    {
        (RegionLevel.Province, null) => null,
        (RegionLevel.Province, _) => "省级区域不能有上级区域。",
        (_, null) => "请选择上级区域。",
        _ when parent.Level != level - 1 => $"上级区域应为{LevelName(level - 1)}级。",
        _ => null,
    };

    public static AuditNames AuditNames { get; } = new("区域")
    {
        { nameof(Code), "行政区划代码" },
        { nameof(Name), "区域名称" },
        { nameof(Level), "级别", AuditNames.Coded<RegionLevel>(LevelName) },
        { nameof(ParentId), "上级区域编号" },
    };
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.ToTable("regions");
        b.Property(r => r.Code).HasMaxLength(6).IsRequired();
        b.HasIndex(r => r.Code).IsUnique();
        b.Property(r => r.Name).HasMaxLength(50).IsRequired();
        b.HasOne(r => r.Parent).WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

using GovDataPortal.Features.Audit;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// A node of 信息资源分类 (the guide's 类 1 digit / 项 2 / 目 3 / 细目 3): <see cref="Code"/> is the node's full code,
/// its parent's code followed by its own digits ("1", "101", "101001", "101001001"). Entries sit on leaves; the first
/// nine digits of a resource code are the leaf's code padded with zeros (<see cref="CodePrefix"/>).
/// </summary>
public class ResourceClass : IAudited, IAuditNamed
{
    public const int NameMaxLength = 50;

    private ResourceClass() { }

    public int Id { get; private set; }
    public int? ParentId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public ClassLevel Level { get; private set; }
    public int SortOrder { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Digits each level adds to its parent's code.</summary>
    public static int DigitsOf(ClassLevel level) => level switch
    {
        ClassLevel.Class => 1,
        ClassLevel.Item => 2,
        _ => 3,
    };

    /// <summary>The nine digits a resource code of an entry on this node starts with (the code padded with zeros).</summary>
    public string CodePrefix => Code.PadRight(9, '0');

    /// <summary>A node under <paramref name="parent"/> (null: a 类) with its own digits <paramref name="ownDigits"/>.</summary>
    public static ResourceClass Create(ResourceClass? parent, string? ownDigits, string? name, int sortOrder = 0)
    {
        var level = parent is null ? ClassLevel.Class : parent.Level + 1;
        if (level > ClassLevel.Subcategory) throw new DomainException("信息资源分类最多四级（类、项、目、细目），细目下不能再分。");
        var digits = DigitsOf(level);
        var errors = new ValidationErrors();
        if (ownDigits is null || ownDigits.Length != digits || !ownDigits.All(char.IsAsciiDigit) || ownDigits.All(c => c == '0'))
            errors.Add(nameof(Code), $"{CatalogueTexts.Name(level)}的代码应为{digits}位数字，且不能全为0。");
        errors.Require(nameof(Name), name, "分类名称", NameMaxLength).ThrowIfInvalid();
        return new ResourceClass
        {
            ParentId = parent?.Id,
            Code = (parent?.Code ?? "") + ownDigits,
            Name = InputText.Normalise(name)!,
            Level = level,
            SortOrder = sortOrder,
        };
    }

    public void Rename(string? name)
    {
        new ValidationErrors().Require(nameof(Name), name, "分类名称", NameMaxLength).ThrowIfInvalid();
        Name = InputText.Normalise(name)!;
    }

    /// <summary>Seeded nodes (migration data) carry fixed ids.</summary>
    internal static ResourceClass Seed(int id, int? parentId, string code, string name, ClassLevel level) =>
        new() { Id = id, ParentId = parentId, Code = code, Name = name, Level = level, SortOrder = id };

    public static AuditNames AuditNames { get; } = new("信息资源分类")
    {
        { nameof(ParentId), "上级分类编号" },
        { nameof(Code), "分类代码" },
        { nameof(Name), "分类名称" },
        { nameof(Level), "层级", AuditNames.Coded<ClassLevel>(CatalogueTexts.Name) },
        { nameof(SortOrder), "排序" },
    };
}

internal sealed class ResourceClassConfiguration : IEntityTypeConfiguration<ResourceClass>
{
    public void Configure(EntityTypeBuilder<ResourceClass> b)
    {
        b.ToTable("resource_classes");
        // The guide's nodes are seeded with fixed ids below 1000; nodes an administrator adds number from 1000.
        b.Property(c => c.Id).HasIdentityOptions(startValue: 1000);
        b.Property(c => c.Code).HasMaxLength(9).IsRequired();
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Name).HasMaxLength(ResourceClass.NameMaxLength).IsRequired();
        b.Property(c => c.Level).HasConversion<string>().HasMaxLength(16);
        b.HasOne<ResourceClass>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Version).IsRowVersion();
        b.HasData(ResourceClassSeed.GuideClasses);
    }
}

/// <summary>
/// The guide's 类 and 项 (《政务信息资源目录编制指南（试行）》 4.2): 基础信息资源 (five base databases, also hubei Art. 12,
/// foshan Art. 11, shuangpai Art. 11), 主题信息资源 (its twelve themes), 部门信息资源 (the jurisdiction's departments are
/// added below it as 细目 by the portal's set-up, not here: they differ by deployment).
/// </summary>
internal static class ResourceClassSeed
{
    public const int BaseClassId = 1, ThemeClassId = 2, DepartmentClassId = 3;

    public static ResourceClass[] GuideClasses { get; } = Build();

    private static ResourceClass[] Build()
    {
        string[] bases = ["人口信息资源", "法人单位信息资源", "自然资源和空间地理信息资源", "社会信用信息资源", "电子证照信息资源"];
        string[] themes =
        [
            "公共服务", "健康保障", "社会保障", "食品药品安全", "安全生产", "价格监管",
            "能源安全", "信用体系", "城乡建设", "社区治理", "生态环保", "应急维稳",
        ];
        var nodes = new List<ResourceClass>
        {
            ResourceClass.Seed(BaseClassId, null, "1", "基础信息资源", ClassLevel.Class),
            ResourceClass.Seed(ThemeClassId, null, "2", "主题信息资源", ClassLevel.Class),
            ResourceClass.Seed(DepartmentClassId, null, "3", "部门信息资源", ClassLevel.Class),
        };
        for (var i = 0; i < bases.Length; i++)
            nodes.Add(ResourceClass.Seed(10 + i + 1, BaseClassId, $"1{i + 1:00}", bases[i], ClassLevel.Item));
        for (var i = 0; i < themes.Length; i++)
            nodes.Add(ResourceClass.Seed(20 + i + 1, ThemeClassId, $"2{i + 1:00}", themes[i], ClassLevel.Item));
        return [.. nodes];
    }
}

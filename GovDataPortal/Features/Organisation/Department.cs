using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Organisation;

public enum DepartmentKind
{
    /// <summary>政务部门</summary>
    GovernmentDepartment = 1,
    /// <summary>数据主管部门</summary>
    DataAuthority = 2,
    /// <summary>公共服务企业</summary>
    PublicServiceEnterprise = 3,
}

public class Department : IAudited, IAuditNamed
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public DepartmentKind Kind { get; set; }

    /// <summary>The one department acting as the data authority of its region (at most one per region).</summary>
    public bool IsRegionDataAuthority { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }

    public List<DataAdministrator> DataAdministrators { get; set; } = [];
    public List<PortalUser> Users { get; set; } = [];

    public static string KindName(DepartmentKind kind) => kind switch
    {
        DepartmentKind.GovernmentDepartment => "政务部门",
        DepartmentKind.DataAuthority => "数据主管部门",
        DepartmentKind.PublicServiceEnterprise => "公共服务企业",
        _ => kind.ToString(),
    };

    public static AuditNames AuditNames { get; } = new("部门")
    {
        { nameof(Name), "部门名称" },
        { nameof(CreditCode), "统一社会信用代码" },
        { nameof(RegionId), "所属区域编号" },
        { nameof(Kind), "部门类型", AuditNames.Coded<DepartmentKind>(KindName) },
        { nameof(IsRegionDataAuthority), "本区域数据主管部门" },
    };
}

/// <summary>
/// A registered 数据管理员 of a department, with a contact phone
/// (龙岩 龙政办〔2020〕91号 Art. 5 and Art. 26: units register their data administrators on the platform).
/// </summary>
public class DataAdministrator : IAudited, IAuditNamed
{
    public int Id { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public string UserId { get; set; } = "";
    public PortalUser? User { get; set; }
    public string Phone { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }

    public static AuditNames AuditNames { get; } = new("数据管理员")
    {
        { nameof(DepartmentId), "部门编号" }, { nameof(UserId), "用户编号" }, { nameof(Phone), "联系电话" }, { nameof(RegisteredAt), "登记时间" },
    };
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.ToTable("departments");
        b.Property(d => d.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(d => d.Name).IsUnique();
        b.Property(d => d.CreditCode).HasMaxLength(18).IsFixedLength().IsRequired();
        b.HasIndex(d => d.CreditCode).IsUnique();
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(32);
        b.HasOne(d => d.Region).WithMany(r => r.Departments).HasForeignKey(d => d.RegionId).OnDelete(DeleteBehavior.Restrict);
        // One data authority per region, enforced by the database as well as by the service.
        b.HasIndex(d => d.RegionId).HasDatabaseName("ux_departments_one_authority_per_region")
            .IsUnique().HasFilter("\"IsRegionDataAuthority\"");
        b.Property(d => d.Version).IsRowVersion();
    }
}

internal sealed class DataAdministratorConfiguration : IEntityTypeConfiguration<DataAdministrator>
{
    public void Configure(EntityTypeBuilder<DataAdministrator> b)
    {
        b.ToTable("data_administrators");
        b.Property(a => a.Phone).HasMaxLength(20).IsRequired();
        b.HasIndex(a => new { a.DepartmentId, a.UserId }).IsUnique();
        b.HasOne(a => a.Department).WithMany(d => d.DataAdministrators).HasForeignKey(a => a.DepartmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

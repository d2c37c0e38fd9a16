using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Calendar;

public enum CalendarDayKind
{
    /// <summary>法定节假日 (a day inside an official holiday span).</summary>
    Holiday = 1,
    /// <summary>调休上班日 (a Saturday or Sunday made a working day).</summary>
    Workday = 2,
}

/// <summary>A special day of the State Council's yearly holiday notice. Every other Mon–Fri works, Sat–Sun rests.</summary>
public class CalendarDay : IAudited, IAuditNamed
{
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The year of the notice the day comes from (2022-12-31 belongs to the 2023 notice).</summary>
    public int NoticeYear { get; set; }

    public static AuditNames AuditNames { get; } = new("节假日安排日期")
    {
        { nameof(Date), "日期" },
        { nameof(Kind), "类型", AuditNames.Coded<CalendarDayKind>(CalendarRules.KindText) },
        { nameof(Name), "名称" },
        { nameof(NoticeYear), "公告年份" },
    };
}

/// <summary>A year's schedule; until published, deadlines in it count weekends only and are marked 暂定.</summary>
public class CalendarYear : IAudited, IAuditNamed
{
    public int Year { get; set; }
    public bool IsPublished { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? Source { get; set; }
    public uint Version { get; set; }

    public static AuditNames AuditNames { get; } = new("节假日安排年度")
    {
        { nameof(Year), "年份" }, { nameof(IsPublished), "已发布" }, { nameof(PublishedAt), "发布时间" }, { nameof(Source), "依据" },
    };
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("calendar_days");
        b.HasKey(d => d.Date);
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.Name).HasMaxLength(50).IsRequired();
        b.HasIndex(d => d.NoticeYear);
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> b)
    {
        b.ToTable("calendar_years");
        b.HasKey(y => y.Year);
        b.Property(y => y.Year).ValueGeneratedNever();
        b.Property(y => y.Source).HasMaxLength(500);
        b.Property(y => y.Version).IsRowVersion();
    }
}

using GovDataPortal.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Policies;

/// <summary>
/// One exact set of rules, stored as its JSON (<see cref="PolicyProfileJson"/>) and never changed: a flow started under
/// it resolves its rules by <see cref="Version"/> to its end (<see cref="PolicyCatalog.Version"/>). Built-in versions are
/// stored by the portal at start-up; custom ones are uploaded by a 系统管理员 (audited as a creation, JSON included).
/// </summary>
public sealed class PolicyProfileVersion : IAudited, IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("政策规则版本")
    {
        { nameof(Id), "版本编号" }, { nameof(Jurisdiction), "地区" }, { nameof(Version), "规则版本" }, { nameof(Name), "名称" },
        { nameof(BasedOnVersion), "依据版本" }, { nameof(BuiltIn), "内置规则" }, { nameof(Json), "规则内容（JSON）" },
        { nameof(ContentHash), "内容哈希" }, { nameof(CreatedById), "上传人编号" }, { nameof(CreatedByName), "上传人" },
        { nameof(CreatedAt), "上传时间" },
    };

    public const int VersionMaxLength = 80, NameMaxLength = 100;

    private PolicyProfileVersion() { }

    public long Id { get; private set; }

    /// <summary>The jurisdiction's key ("hubei").</summary>
    public string Jurisdiction { get; private set; } = "";

    /// <summary>"builtin:hubei:…" or "custom:hubei:…" — content-based, so one content is one version.</summary>
    public string Version { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The version the uploaded file was downloaded from (null for a built-in).</summary>
    public string? BasedOnVersion { get; private set; }

    public bool BuiltIn { get; private set; }
    public string Json { get; private set; } = "";

    /// <summary>SHA-256 of the canonical JSON, hex (the version carries its first 12 digits).</summary>
    public string ContentHash { get; private set; } = "";

    public string? CreatedById { get; private set; }
    public string? CreatedByName { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static PolicyProfileVersion Custom(PolicyProfile profile, string name, string basedOn, string? userId,
        string? userName, DateTimeOffset now) => new()
    {
        Jurisdiction = profile.Key, Version = profile.Version, Name = name, BasedOnVersion = basedOn, BuiltIn = false,
        Json = PolicyProfileJson.Serialize(profile), ContentHash = PolicyProfileJson.ContentHash(profile),
        CreatedById = userId, CreatedByName = userName, CreatedAt = now,
    };

    public PolicyProfile ToProfile() => PolicyProfileJson.Deserialize(Json) with { Version = Version };
}

/// <summary>
/// What a 系统管理员 decided for a jurisdiction: the custom version in force (null: the built-in rules) and the last
/// confirmation that the regulation still applies after its stated term (hides the expiry banner for a year).
/// </summary>
public sealed class PolicyProfileSetting : IAudited, IAuditNamed
{
    public static AuditNames AuditNames { get; } = new("政策规则设置")
    {
        { nameof(Jurisdiction), "地区" }, { nameof(ActiveVersion), "启用的规则版本（空为内置规则）" }, { nameof(ActivatedByName), "启用人" },
        { nameof(ActivatedAt), "启用时间" }, { nameof(ContinuationConfirmedByName), "确认继续适用人" },
        { nameof(ContinuationConfirmedAt), "确认继续适用时间" },
    };

    private PolicyProfileSetting() { }

    public PolicyProfileSetting(string jurisdiction) => Jurisdiction = jurisdiction;

    public string Jurisdiction { get; private set; } = "";
    public string? ActiveVersion { get; private set; }
    public string? ActivatedByName { get; private set; }
    public DateTimeOffset? ActivatedAt { get; private set; }
    public string? ContinuationConfirmedByName { get; private set; }
    public DateTimeOffset? ContinuationConfirmedAt { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Puts <paramref name="version"/> in force (null: back to the built-in rules).</summary>
    public void Activate(string? version, string? by, DateTimeOffset now)
    {
        ActiveVersion = version;
        ActivatedByName = by;
        ActivatedAt = now;
    }

    /// <summary>The 系统管理员 confirms the regulation still applies after its stated term (issue 8 item 6).</summary>
    public void ConfirmContinuation(string? by, DateTimeOffset now)
    {
        ContinuationConfirmedByName = by;
        ContinuationConfirmedAt = now;
    }
}

internal sealed class PolicyProfileVersionConfiguration : IEntityTypeConfiguration<PolicyProfileVersion>
{
    public void Configure(EntityTypeBuilder<PolicyProfileVersion> b)
    {
        b.ToTable("policy_profile_versions");
        b.HasKey(v => v.Id);
        b.Property(v => v.Jurisdiction).HasMaxLength(16).IsRequired();
        b.Property(v => v.Version).HasMaxLength(PolicyProfileVersion.VersionMaxLength).IsRequired();
        b.HasIndex(v => v.Version).IsUnique();
        b.HasIndex(v => v.Jurisdiction);
        b.Property(v => v.Name).HasMaxLength(PolicyProfileVersion.NameMaxLength).IsRequired();
        b.Property(v => v.BasedOnVersion).HasMaxLength(PolicyProfileVersion.VersionMaxLength);
        b.Property(v => v.Json).IsRequired();
        b.Property(v => v.ContentHash).HasMaxLength(64).IsRequired();
        b.Property(v => v.CreatedById).HasMaxLength(450);
        b.Property(v => v.CreatedByName).HasMaxLength(100);
    }
}

internal sealed class PolicyProfileSettingConfiguration : IEntityTypeConfiguration<PolicyProfileSetting>
{
    public void Configure(EntityTypeBuilder<PolicyProfileSetting> b)
    {
        b.ToTable("policy_profile_settings");
        b.HasKey(s => s.Jurisdiction);
        b.Property(s => s.Jurisdiction).HasMaxLength(16);
        b.Property(s => s.ActiveVersion).HasMaxLength(PolicyProfileVersion.VersionMaxLength);
        b.Property(s => s.ActivatedByName).HasMaxLength(100);
        b.Property(s => s.ContinuationConfirmedByName).HasMaxLength(100);
        b.Property(s => s.Version).IsRowVersion();
    }
}

using GovDataPortal.Features.Audit;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using F = GovDataPortal.Features.Sharing.Scenarios.ScenarioFields;

namespace GovDataPortal.Features.Sharing.Scenarios;

public enum ScenarioStatus
{
    /// <summary>待审核: registered, waiting for the data authority.</summary>
    Pending = 1,
    /// <summary>已通过: a request it covers is granted directly (foshan Art. 28 ¶2).</summary>
    Approved = 2,
    /// <summary>已退回: the authority sent it back with its reasons; the department may register it again, amended.</summary>
    Returned = 3,
    /// <summary>已撤销: withdrawn by the registering department.</summary>
    Withdrawn = 4,
}

/// <summary>
/// 应用场景 (foshan Art. 28): a department registers a business it serves with shared data — the entries and items it
/// uses, the departments involved and the legal basis; the data authority approves it, and the yearly scenario list is
/// drawn from the approved ones. A conditional-share request that an approved scenario covers is granted directly
/// (Art. 28 ¶2). The scenario changes state only through the methods below. Messages take the citation from the service,
/// which knows the active profile (依据 under foshan, 参照 elsewhere).
/// </summary>
public class ApplicationScenario : IAudited, IAuditNamed
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 1000;
    public const int ReasonMaxLength = 1000;
    public const int MaxEntries = 50;

    private ApplicationScenario() { }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>服务的业务: the business (事项) the data serves.</summary>
    public string Business { get; private set; } = "";
    /// <summary>法律法规依据.</summary>
    public string LegalBasis { get; private set; } = "";
    /// <summary>The registering department (its requests match the scenario).</summary>
    public int DepartmentId { get; private set; }
    public string RegisteredByUserId { get; private set; } = "";
    /// <summary>Other departments taking part in the business (their requests match it too).</summary>
    public int[] InvolvedDepartmentIds { get; private set; } = [];
    public ScenarioStatus Status { get; private set; }
    /// <summary>The authority's reasons for a return, or its note on an approval.</summary>
    public string? ReviewReason { get; private set; }
    public string? ReviewedByUserId { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public uint Version { get; private set; }
    public List<ApplicationScenarioEntry> Entries { get; private set; } = [];

    /// <summary>
    /// What a scenario must name (foshan Art. 28: 应用场景的名称、服务的业务、所用的数据目录和信息项、涉及的部门、依据), every problem at
    /// once for the form. The service adds what needs the catalogue (published entries, existing items).
    /// </summary>
    public static ValidationErrors Validate(ValidationErrors errors, ScenarioDraft d, int departmentId, string citation)
    {
        errors.Require(F.Name, d.Name, "应用场景名称", NameMaxLength);
        errors.Require(F.Business, d.Business, "服务的业务", TextMaxLength);
        if (InputText.IsBlank(d.LegalBasis) && !InputText.IsRefused(d.LegalBasis))
            errors.Add(F.LegalBasis, $"请填写应用场景的法律法规或政策依据（{citation}）。");
        else errors.Require(F.LegalBasis, d.LegalBasis, "依据", TextMaxLength);
        if (d.InvolvedDepartmentIds.Contains(departmentId))
            errors.Add(F.InvolvedDepartmentIds, "登记部门本身无需列为涉及部门。");
        if (d.InvolvedDepartmentIds.Distinct().Count() != d.InvolvedDepartmentIds.Count)
            errors.Add(F.InvolvedDepartmentIds, "涉及部门不能重复选择。");
        if (d.Entries.Count == 0)
            errors.Add(F.Entries, $"应用场景须列明所用的数据目录及信息项（{citation}）。");
        else if (d.Entries.Count > MaxEntries)
            errors.Add(F.Entries, $"一个应用场景最多列{MaxEntries}个数据目录，请拆分登记。");
        if (d.Entries.GroupBy(e => e.CatalogueEntryId).Any(g => g.Count() > 1))
            errors.Add(F.Entries, "同一数据目录只能列一次，请把所需信息项合并到一行。");
        foreach (var e in d.Entries.Where(e => e.ItemNames.Count == 0))
            errors.Add(F.Entries, $"请为目录（编号{e.CatalogueEntryId}）选择所用的信息项（按最小必要原则，{citation}）。");
        return errors;
    }

    /// <summary>A department's 数据专管员 registers a scenario; it waits for the data authority's review.</summary>
    public static ApplicationScenario Register(ScenarioDraft d, int departmentId, string userId,
        IReadOnlyList<ApplicationScenarioEntry> entries, string citation, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(userId)) throw new DomainException("登记应用场景须有登记人。");
        Validate(new ValidationErrors(), d, departmentId, citation).ThrowIfInvalid();
        return new ApplicationScenario
        {
            Name = InputText.Normalise(d.Name)!, Business = InputText.Normalise(d.Business)!, LegalBasis = InputText.Normalise(d.LegalBasis)!,
            DepartmentId = departmentId, RegisteredByUserId = userId, InvolvedDepartmentIds = [.. d.InvolvedDepartmentIds.Order()],
            Status = ScenarioStatus.Pending, CreatedAt = at, Entries = [.. entries],
        };
    }

    /// <summary>The data authority approves (foshan Art. 28): from now on requests it covers are granted directly.</summary>
    public void Approve(string reviewerUserId, string? note, DateTimeOffset at)
    {
        if (Status != ScenarioStatus.Pending) throw new ConflictException($"该应用场景{ScenarioTexts.StatusName(Status)}，不能再审核。");
        new ValidationErrors().Optional(F.Reason, note, "审核意见", ReasonMaxLength).ThrowIfInvalid();
        (Status, ReviewedByUserId, ReviewReason, ReviewedAt) = (ScenarioStatus.Approved, reviewerUserId, InputText.NullIfBlank(note), at);
    }

    /// <summary>The data authority returns it with its reasons; the department may amend and register it again.</summary>
    public void Return(string reviewerUserId, string? reasons, DateTimeOffset at)
    {
        if (Status != ScenarioStatus.Pending) throw new ConflictException($"该应用场景{ScenarioTexts.StatusName(Status)}，不能再审核。");
        new ValidationErrors().Require(F.Reason, reasons, "退回理由", ReasonMaxLength).ThrowIfInvalid();
        (Status, ReviewedByUserId, ReviewReason, ReviewedAt) = (ScenarioStatus.Returned, reviewerUserId, InputText.Normalise(reasons), at);
    }

    /// <summary>
    /// The registering department withdraws a pending or approved scenario: no request matches it any more; grants
    /// already made stay as they are (they have their own end dates).
    /// </summary>
    public void Withdraw(DateTimeOffset at)
    {
        if (Status is not (ScenarioStatus.Pending or ScenarioStatus.Approved))
            throw new ConflictException($"该应用场景{ScenarioTexts.StatusName(Status)}，不能撤销。");
        (Status, WithdrawnAt) = (ScenarioStatus.Withdrawn, at);
    }

    /// <summary>Whether an approved scenario covers a request of <paramref name="departmentId"/> for these items of the entry.</summary>
    public bool Covers(int departmentId, long entryId, IReadOnlyCollection<string> items) =>
        Status == ScenarioStatus.Approved && items.Count > 0
        && (DepartmentId == departmentId || InvolvedDepartmentIds.Contains(departmentId))
        && Entries.Any(e => e.CatalogueEntryId == entryId && items.All(e.ItemNames.Contains));

    public static AuditNames AuditNames { get; } = new("应用场景")
    {
        { nameof(Name), "应用场景名称" },
        { nameof(Business), "服务的业务" },
        { nameof(LegalBasis), "依据" },
        { nameof(DepartmentId), "登记部门编号" },
        { nameof(RegisteredByUserId), "登记人编号" },
        { nameof(InvolvedDepartmentIds), "涉及部门编号" },
        { nameof(Status), "状态", AuditNames.Coded<ScenarioStatus>(ScenarioTexts.StatusName) },
        { nameof(ReviewReason), "审核意见" },
        { nameof(ReviewedByUserId), "审核人编号" },
        { nameof(ReviewedAt), "审核时间" },
        { nameof(CreatedAt), "登记时间" },
        { nameof(WithdrawnAt), "撤销时间" },
    };
}

/// <summary>One catalogue entry a scenario uses, with the items it needs (kept as named when registered).</summary>
public class ApplicationScenarioEntry : IAudited, IAuditNamed
{
    private ApplicationScenarioEntry() { }

    public long Id { get; private set; }
    public long ScenarioId { get; private set; }
    public long CatalogueEntryId { get; private set; }
    public string ResourceCode { get; private set; } = "";
    public string EntryName { get; private set; } = "";
    public int ProviderDepartmentId { get; private set; }
    public string[] ItemNames { get; private set; } = [];

    public static ApplicationScenarioEntry Of(long entryId, string resourceCode, string name, int providerDepartmentId, IEnumerable<string> items) =>
        new() { CatalogueEntryId = entryId, ResourceCode = resourceCode, EntryName = name, ProviderDepartmentId = providerDepartmentId, ItemNames = [.. items] };

    public static AuditNames AuditNames { get; } = new("应用场景所用目录")
    {
        { nameof(ScenarioId), "应用场景编号" },
        { nameof(CatalogueEntryId), "目录条目编号" },
        { nameof(ResourceCode), "信息资源代码" },
        { nameof(EntryName), "数据资源名称" },
        { nameof(ProviderDepartmentId), "提供部门编号" },
        { nameof(ItemNames), "信息项" },
    };
}

/// <summary>What the form sends; the service validates it against the published catalogue.</summary>
public sealed record ScenarioDraft
{
    public string? Name { get; init; }
    public string? Business { get; init; }
    public string? LegalBasis { get; init; }
    public IReadOnlyList<int> InvolvedDepartmentIds { get; init; } = [];
    public IReadOnlyList<ScenarioEntryDraft> Entries { get; init; } = [];
}

public sealed record ScenarioEntryDraft(long CatalogueEntryId, IReadOnlyList<string> ItemNames);

/// <summary>Field keys of validation messages.</summary>
public static class ScenarioFields
{
    public const string Name = "name", Business = "business", LegalBasis = "legalBasis", InvolvedDepartmentIds = "involvedDepartmentIds",
        Entries = "entries", Reason = "reason";
}

internal sealed class ApplicationScenarioConfiguration : IEntityTypeConfiguration<ApplicationScenario>
{
    public void Configure(EntityTypeBuilder<ApplicationScenario> b)
    {
        b.ToTable("application_scenarios");
        b.Property(s => s.Name).HasMaxLength(ApplicationScenario.NameMaxLength).IsRequired();
        b.Property(s => s.Business).HasMaxLength(ApplicationScenario.TextMaxLength).IsRequired();
        b.Property(s => s.LegalBasis).HasMaxLength(ApplicationScenario.TextMaxLength).IsRequired();
        b.Property(s => s.RegisteredByUserId).HasMaxLength(64).IsRequired();
        b.Property(s => s.ReviewedByUserId).HasMaxLength(64);
        b.Property(s => s.ReviewReason).HasMaxLength(ApplicationScenario.ReasonMaxLength);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(s => new { s.DepartmentId, s.Status });
        b.HasIndex(s => s.Status);
        b.HasMany(s => s.Entries).WithOne().HasForeignKey(e => e.ScenarioId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Entries).AutoInclude(false);
        b.Property(s => s.Version).IsRowVersion();
    }
}

internal sealed class ApplicationScenarioEntryConfiguration : IEntityTypeConfiguration<ApplicationScenarioEntry>
{
    public void Configure(EntityTypeBuilder<ApplicationScenarioEntry> b)
    {
        b.ToTable("application_scenario_entries");
        b.Property(e => e.ResourceCode).HasMaxLength(16).IsRequired();
        b.Property(e => e.EntryName).HasMaxLength(ShareRequest.NameMaxLength).IsRequired();
        // The match looks scenarios up by the entry a request asks for.
        b.HasIndex(e => e.CatalogueEntryId);
        b.HasIndex(e => new { e.ScenarioId, e.CatalogueEntryId }).IsUnique();
    }
}

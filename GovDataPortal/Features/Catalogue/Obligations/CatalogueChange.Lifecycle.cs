using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

public partial class CatalogueChange
{
    /// <summary>Field keys of the record-a-change form (camelCase, as the API's problem details name them).</summary>
    public static class Fields
    {
        public const string Kind = "kind";
        public const string ChangeDate = "changeDate";
        public const string Description = "description";
        public const string EntryIds = "entryIds";
    }

    /// <summary>
    /// A law revision or a change of duties is recorded (changsha Art. 16 ¶3, shuangpai Art. 19 ¶2, foshan Art. 17): the
    /// date it happened — deadlines count from it, so it cannot lie in the future — what changed, and the published
    /// entries it affects (each gets an obligation, <see cref="Oblige"/>).
    /// </summary>
    public static CatalogueChange Record(ChangeKind? kind, DateOnly? changeDate, string? description, int departmentId, string userId,
        DateTimeOffset at, DateOnly today, int affectedEntries)
    {
        if (string.IsNullOrWhiteSpace(userId)) throw new DomainException("登记变更事由须有登记人。");
        var errors = new ValidationErrors();
        if (kind is not { } k || !Enum.IsDefined(k)) errors.Add(Fields.Kind, "请选择变更类别（法律、法规修订或行政管理职能变化）。");
        if (changeDate is not { } date) errors.Add(Fields.ChangeDate, "请填写法律、法规修订或者行政管理职能发生变化之日。");
        else if (date > today) errors.Add(Fields.ChangeDate, "变化发生日期不能晚于今天：更新期限自该日起算。");
        errors.Require(Fields.Description, description, "变更说明", DescriptionMaxLength);
        if (affectedEntries < 1) errors.Add(Fields.EntryIds, "请选择受影响的目录条目。");
        errors.ThrowIfInvalid();
        return new CatalogueChange
        {
            Kind = kind!.Value, ChangeDate = changeDate!.Value, Description = InputText.Normalise(description)!,
            RecordedByDepartmentId = departmentId, RecordedByUserId = userId, RecordedAt = at,
        };
    }

    /// <summary>The entry must be updated because of this change: one obligation per entry, only for a published one.</summary>
    public CatalogueObligation Oblige(CatalogueEntry entry)
    {
        if (entry.Status != EntryStatus.Published)
            throw new DomainException($"“{entry.Name}”未发布，不能登记更新义务：只有已发布的目录需要因变化而更新。", Fields.EntryIds);
        if (Obligations.Any(o => o.EntryId == entry.Id)) throw new DomainException($"“{entry.Name}”已选择，请勿重复选择。", Fields.EntryIds);
        var obligation = CatalogueObligation.For(entry);
        Obligations.Add(obligation);
        return obligation;
    }
}

using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

public partial class AuthoritativeSource
{
    /// <summary>
    /// The data authority names the department that collects a data item (一数一源: shuangpai Art. 18 "协调明确采集部门",
    /// Art. 20(1); foshan Art. 19 "确保采集数据一数一源"). One decision per normalised name and data type.
    /// </summary>
    public static AuthoritativeSource Name(string? itemName, ItemDataType type, int providerDepartmentId, string? note, string userId,
        DateTimeOffset at)
    {
        var normalised = CatalogueRules.NormaliseItemName(itemName);
        if (normalised.Length == 0) throw new DomainException("请选择信息项。", "itemName");
        if (!Enum.IsDefined(type)) throw new DomainException("数据类型无效。", "dataType");
        var source = new AuthoritativeSource
        {
            NormalisedName = normalised, DataType = type, ItemName = InputText.Normalise(itemName)!,
        };
        source.Decide(providerDepartmentId, note, userId, at);
        return source;
    }

    /// <summary>The authority names another department or rewrites its note later (the audit log keeps the earlier decision).</summary>
    public void Decide(int providerDepartmentId, string? note, string userId, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(userId)) throw new DomainException("认定权威来源须有认定人。");
        new ValidationErrors().Optional("note", note, "说明", NoteMaxLength).ThrowIfInvalid();
        (ProviderDepartmentId, Note, DecidedByUserId, DecidedAt) = (providerDepartmentId, InputText.NullIfBlank(note), userId, at);
    }
}

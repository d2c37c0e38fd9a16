using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Catalogue;

/// <summary>The Chinese names of the catalogue's enumerations (the national guide's words; the local regulation's where it differs).</summary>
public static class CatalogueTexts
{
    public const string SubjectType = "CatalogueSubmission";
    public const string NotFoundMessage = "目录条目不存在。";

    /// <summary>The portal's reading of the resource code's layout, shown wherever a code is (the guide leaves the sequence length open).</summary>
    public const string CodeLayoutNote =
        "信息资源代码按“类项目细目（9位）/顺序码（6位）”编码，在首次发布时赋予，唯一且不再变更或重复使用；顺序码位数为本系统对《政务信息资源目录编制指南（试行）》的解读（指南未规定其长度）。";

    public static string Name(CatalogueType t) => t switch
    {
        CatalogueType.Base => "基础信息资源目录",
        CatalogueType.Theme => "主题信息资源目录",
        CatalogueType.Department => "部门信息资源目录",
        _ => t.ToString(),
    };

    public static string Name(ResourceFormat f) => f switch
    {
        ResourceFormat.ElectronicFile => "电子文件",
        ResourceFormat.Spreadsheet => "电子表格",
        ResourceFormat.Database => "数据库",
        ResourceFormat.Image => "图形图像",
        ResourceFormat.StreamingMedia => "流媒体",
        ResourceFormat.SelfDescribing => "自描述格式",
        ResourceFormat.ServiceInterface => "服务接口",
        _ => f.ToString(),
    };

    public static string Name(ItemDataType t) => t switch
    {
        ItemDataType.C => "字符型C",
        ItemDataType.N => "数值型N",
        ItemDataType.Y => "货币型Y",
        ItemDataType.D => "日期型D",
        ItemDataType.T => "日期时间型T",
        ItemDataType.L => "逻辑型L",
        ItemDataType.M => "备注型M",
        ItemDataType.G => "通用型G",
        ItemDataType.B => "双精度型B",
        ItemDataType.I => "整型I",
        ItemDataType.F => "浮点型F",
        _ => t.ToString(),
    };

    public static string Name(ItemSensitivity s) => s switch
    {
        ItemSensitivity.None => "无",
        ItemSensitivity.PersonalInformation => "个人信息",
        ItemSensitivity.TradeSecret => "商业秘密",
        _ => s.ToString(),
    };

    public static string Name(DataSubjects s) => s switch
    {
        DataSubjects.None => "不涉及",
        DataSubjects.NaturalPersons => "自然人",
        DataSubjects.Organisations => "法人和其他组织",
        DataSubjects.NaturalPersons | DataSubjects.Organisations => "自然人、法人和其他组织",
        _ => s.ToString(),
    };

    /// <summary>longyan Art. 11 calls non-shared data 暂不共享.</summary>
    public static string Name(ShareType t, Jurisdiction j) => t switch
    {
        ShareType.Unconditional => "无条件共享",
        ShareType.Conditional => "有条件共享",
        ShareType.NotShared => j == Jurisdiction.Longyan ? "暂不共享" : "不予共享",
        _ => t.ToString(),
    };

    public static string Name(ShareConditionKinds k) => k switch
    {
        ShareConditionKinds.NamedDepartmentsOnly => "仅限指定部门（注明用途）",
        ShareConditionKinds.ViewOnly => "仅限查阅",
        ShareConditionKinds.CompareOnly => "仅限比对",
        ShareConditionKinds.StatisticsOnly => "仅限统计结果",
        _ => Join(k, Name),
    };

    public static string Name(ShareMethods m) => m switch
    {
        ShareMethods.PlatformApi => "共享平台方式（接口调用）",
        ShareMethods.PlatformTableExchange => "共享平台方式（库表交换）",
        ShareMethods.PlatformFileDownload => "共享平台方式（文件下载）",
        ShareMethods.PlatformQueryVerify => "共享平台方式（查询核验）",
        ShareMethods.Email => "邮件方式",
        ShareMethods.Medium => "介质方式",
        _ => Join(m, Name),
    };

    public static string Name(ShareOperations o) => o switch
    {
        ShareOperations.View => "查阅",
        ShareOperations.Compare => "比对",
        ShareOperations.Obtain => "获取",
        _ => Join(o, Name),
    };

    /// <summary>longyan Art. 17 calls unconditional and conditional opening 普遍开放 / 授权开放.</summary>
    public static string Name(OpenType t, Jurisdiction j) => (t, j) switch
    {
        (OpenType.Unconditional, Jurisdiction.Longyan) => "普遍开放",
        (OpenType.Conditional, Jurisdiction.Longyan) => "授权开放",
        (OpenType.Unconditional, _) => "无条件开放",
        (OpenType.Conditional, _) => "有条件开放",
        (OpenType.NotOpen, _) => "不予开放",
        _ => t.ToString(),
    };

    public static string Name(UpdateCycle c) => c switch
    {
        UpdateCycle.RealTime => "实时",
        UpdateCycle.Daily => "每日",
        UpdateCycle.Weekly => "每周",
        UpdateCycle.Monthly => "每月",
        UpdateCycle.Quarterly => "每季度",
        UpdateCycle.HalfYearly => "每半年",
        UpdateCycle.Yearly => "每年",
        UpdateCycle.Irregular => "不定期",
        _ => c.ToString(),
    };

    public static string Name(SecurityLevel l) => l switch
    {
        SecurityLevel.Public => "一级（公开）",
        SecurityLevel.Internal => "二级（内部）",
        SecurityLevel.Sensitive => "三级（敏感）",
        SecurityLevel.Important => "四级（重要）",
        _ => l.ToString(),
    };

    public static string Name(VersionStatus s) => s switch
    {
        VersionStatus.Draft => "草稿",
        VersionStatus.DepartmentReview => "部门审核中",
        VersionStatus.AuthorityReview => "主管部门审核中",
        VersionStatus.Published => "已发布",
        VersionStatus.Superseded => "历史版本",
        VersionStatus.Discarded => "已作废",
        _ => s.ToString(),
    };

    public static string Name(EntryStatus s) => s switch
    {
        EntryStatus.Draft => "草稿",
        EntryStatus.InReview => "审核中",
        EntryStatus.Published => "已发布",
        EntryStatus.Withdrawn => "已撤销",
        _ => s.ToString(),
    };

    public static string Name(ClassLevel l) => l switch
    {
        ClassLevel.Class => "类",
        ClassLevel.Item => "项",
        ClassLevel.Category => "目",
        ClassLevel.Subcategory => "细目",
        _ => l.ToString(),
    };

    /// <summary>The set flags of a [Flags] value by their names, "、"-joined; "无" when none.</summary>
    private static string Join<T>(T value, Func<T, string> name) where T : struct, Enum
    {
        var set = Enum.GetValues<T>().Where(f => Convert.ToInt64(f) != 0 && value.HasFlag(f)).Select(name).ToList();
        return set.Count == 0 ? "无" : string.Join("、", set);
    }
}

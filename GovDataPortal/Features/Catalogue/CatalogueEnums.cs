namespace GovDataPortal.Features.Catalogue;

// The enumerations of the national core metadata (《政务信息资源目录编制指南（试行）》, 发改高技〔2017〕1272号) and of the
// local regulations. Stored as text (their names) so the database reads without this file; Chinese names in CatalogueTexts.

/// <summary>目录类型 (shuangpai Art. 16: 基础数据目录 / 主题数据目录 / 部门数据目录).</summary>
public enum CatalogueType { Base = 1, Theme = 2, Department = 3 }

/// <summary>信息资源格式 (the guide's 信息资源格式分类).</summary>
public enum ResourceFormat
{
    ElectronicFile = 1, Spreadsheet = 2, Database = 3, Image = 4, StreamingMedia = 5, SelfDescribing = 6, ServiceInterface = 7,
}

/// <summary>数据类型 of an 信息项, the guide's eleven letters.</summary>
public enum ItemDataType
{
    /// <summary>字符型C</summary>
    C = 1,
    /// <summary>数值型N</summary>
    N = 2,
    /// <summary>货币型Y</summary>
    Y = 3,
    /// <summary>日期型D</summary>
    D = 4,
    /// <summary>日期时间型T</summary>
    T = 5,
    /// <summary>逻辑型L</summary>
    L = 6,
    /// <summary>备注型M</summary>
    M = 7,
    /// <summary>通用型G</summary>
    G = 8,
    /// <summary>双精度型B</summary>
    B = 9,
    /// <summary>整型I</summary>
    I = 10,
    /// <summary>浮点型F</summary>
    F = 11,
}

/// <summary>敏感类别 of an item: decides whether the entry may be opened unconditionally.</summary>
public enum ItemSensitivity { None = 0, PersonalInformation = 1, TradeSecret = 2 }

/// <summary>Whom the entry's records describe: natural persons are keyed by 公民身份号码, organisations by 统一社会信用代码 (foshan Art. 22).</summary>
[Flags]
public enum DataSubjects { None = 0, NaturalPersons = 1, Organisations = 2 }

/// <summary>共享类型 (foshan Art. 13; longyan Art. 11 calls the third 暂不共享).</summary>
public enum ShareType { Unconditional = 1, Conditional = 2, NotShared = 3 }

/// <summary>The kinds of condition on conditional sharing (foshan Art. 14).</summary>
[Flags]
public enum ShareConditionKinds
{
    None = 0,
    /// <summary>仅限指定部门（注明用途）</summary>
    NamedDepartmentsOnly = 1,
    /// <summary>仅限查阅</summary>
    ViewOnly = 2,
    /// <summary>仅限比对</summary>
    CompareOnly = 4,
    /// <summary>仅限统计结果</summary>
    StatisticsOnly = 8,
}

/// <summary>共享方式: through the sharing platform (four ways), by mail, or on a medium.</summary>
[Flags]
public enum ShareMethods
{
    None = 0,
    PlatformApi = 1,
    PlatformTableExchange = 2,
    PlatformFileDownload = 4,
    PlatformQueryVerify = 8,
    Email = 16,
    Medium = 32,
}

/// <summary>What a user may do with shared data (foshan Art. 13: 查阅、比对、获取).</summary>
[Flags]
public enum ShareOperations { None = 0, View = 1, Compare = 2, Obtain = 4 }

/// <summary>开放类型 (longyan Art. 17 calls the first two 普遍开放 / 授权开放).</summary>
public enum OpenType { Unconditional = 1, Conditional = 2, NotOpen = 3 }

/// <summary>更新周期.</summary>
public enum UpdateCycle { RealTime = 1, Daily = 2, Weekly = 3, Monthly = 4, Quarterly = 5, HalfYearly = 6, Yearly = 7, Irregular = 8 }

/// <summary>安全级别.</summary>
public enum SecurityLevel { Public = 1, Internal = 2, Sensitive = 3, Important = 4 }

/// <summary>Where a version is in its life (issue 9 §2: 草稿 → 部门审核 → 主管部门审核 → 已发布).</summary>
public enum VersionStatus
{
    /// <summary>草稿 — new, or returned with comments; only its department sees it.</summary>
    Draft = 1,
    /// <summary>部门审核中</summary>
    DepartmentReview = 2,
    /// <summary>主管部门审核中</summary>
    AuthorityReview = 3,
    /// <summary>已发布 — the entry's current published version.</summary>
    Published = 4,
    /// <summary>已被新版本取代</summary>
    Superseded = 5,
    /// <summary>已作废 — a draft abandoned by its department, never published.</summary>
    Discarded = 6,
}

/// <summary>The entry as a whole, for lists and visibility.</summary>
public enum EntryStatus
{
    /// <summary>未发布的草稿 (only its department sees it).</summary>
    Draft = 1,
    /// <summary>首次发布审核中 (its department and the data authority see it).</summary>
    InReview = 2,
    /// <summary>已发布 (every department sees it).</summary>
    Published = 3,
    /// <summary>已撤销 (every department still sees that it existed; its code is never reused).</summary>
    Withdrawn = 4,
}

/// <summary>One level of the classification tree (类 1 digit / 项 2 / 目 3 / 细目 3).</summary>
public enum ClassLevel { Class = 1, Item = 2, Category = 3, Subcategory = 4 }

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Audit;

/// <summary>
/// One line of an audit record as people read it: a field in Chinese with its value, or, for a change, its old and
/// new value (<see cref="Old"/> is null when the line is not a change).
/// </summary>
public sealed record AuditChangeRow(string Field, string? Old, string New)
{
    public bool IsChange => Old is not null;

    /// <summary>"名称：旧 → 新" or "名称：值".</summary>
    public override string ToString() => IsChange ? $"{Field}：{Old} → {New}" : $"{Field}：{New}";
}

/// <summary>
/// Turns the JSON an audit record stores (<see cref="AuditRecord.Summary"/>, written by <see cref="AuditInterceptor"/>
/// and <see cref="AuditLog"/>) into lines the auditor reads: property names in Chinese, enum numbers as their Chinese
/// names, instants in Beijing time (yyyy-MM-dd HH:mm:ss), secrets never shown. The stored JSON itself is untouched
/// (the hash chain covers it byte for byte); this is only how the page and the xlsx export show it.
/// </summary>
public static partial class AuditChanges
{
    public const string Hidden = "（不显示）";
    public const string Empty = "（空）";
    private const string Separator = "；";

    /// <summary>The record's lines; an empty object gives none, text that is not JSON gives one line "内容".</summary>
    public static IReadOnlyList<AuditChangeRow> Rows(string? entityType, string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary)) return [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(summary);
        }
        catch (JsonException)
        {
            return [new("内容", null, summary)];
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return [new("内容", null, Value(entityType, "", root))];
            return root.EnumerateObject().Select(p => Row(entityType, p.Name, p.Value)).ToList();
        }
    }

    /// <summary>The lines on one line, as the grid and the xlsx 摘要 column show them: "名称：旧 → 新；编号：3".</summary>
    public static string Text(string? entityType, string? summary) => Text(Rows(entityType, summary));

    /// <summary>
    /// A composite key (e.g. a role assignment's "user id,role", as the interceptor joins key parts) with each part that
    /// is a role shown by its Chinese name; any other key as it is.
    /// </summary>
    public static string? EntityIdText(string? entityType, string? entityId) =>
        entityId is null || !entityId.Contains(',')
            ? entityId
            : string.Join(",", entityId.Split(',').Select(part => PortalRoles.IsKnown(part) ? PortalRoles.DisplayName(part) : part));

    public static string Text(IEnumerable<AuditChangeRow> rows) => string.Join(Separator, rows);

    private static AuditChangeRow Row(string? entityType, string property, JsonElement value)
    {
        var label = AuditFieldNames.Label(entityType, property);
        if (IsSecret(property))
            // A password change is recorded as "已修改" (never its hash): that much is worth showing.
            return new(label, null, value.ValueKind == JsonValueKind.String && value.GetString() == "已修改" ? "已修改" : Hidden);
        // An update stores { "原值": …, "新值": … } per changed property.
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("原值", out var before)
            && value.TryGetProperty("新值", out var after) && value.EnumerateObject().Count() == 2)
            return new(label, Value(entityType, property, before), Value(entityType, property, after));
        return new(label, null, Value(entityType, property, value));
    }

    private static string Value(string? entityType, string property, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => Empty,
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        JsonValueKind.Array => value.GetArrayLength() == 0 ? Empty
            : string.Join("、", value.EnumerateArray().Select(v => Value(entityType, property, v))),
        // A nested object (a file's size and fingerprint, an export's filter): its non-empty parts on one line.
        JsonValueKind.Object => Nested(entityType, value),
        _ => AuditFieldNames.ValueName(entityType, property, value) ?? Scalar(value),
    };

    private static string Nested(string? entityType, JsonElement value)
    {
        var parts = value.EnumerateObject()
            .Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            .Select(p => IsSecret(p.Name)
                ? $"{AuditFieldNames.Label(null, p.Name)}：{Hidden}"
                : $"{AuditFieldNames.Label(null, p.Name)}：{Value(entityType, p.Name, p.Value)}")
            .ToList();
        return parts.Count == 0 ? "（无）" : string.Join("，", parts);
    }

    private static string Scalar(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number) return value.GetRawText();
        var text = value.GetString() ?? "";
        // Instants are stored as UTC ISO 8601 ("2026-12-01T17:23:39.5427748+00:00"); people read Beijing time.
        if (IsoInstant().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return ChinaTime.Format(instant);
        return text.Length == 0 ? Empty : text;
    }

    /// <summary>Hashes, stamps and anything named like a password or secret: never shown, whatever was stored.</summary>
    internal static bool IsSecret(string property) =>
        property.EndsWith("Hash", StringComparison.OrdinalIgnoreCase)
        || property.EndsWith("Stamp", StringComparison.OrdinalIgnoreCase)
        || property.Contains("Password", StringComparison.OrdinalIgnoreCase)
        || property.Contains("Secret", StringComparison.OrdinalIgnoreCase)
        || property is "NormalizedEmail" or "NormalizedUserName";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoInstant();
}

/// <summary>
/// Chinese names of the properties the audit interceptor records, per entity type (the stored type key, see
/// <see cref="AuditEntityTypes"/>), and Chinese names of their coded values. A property not listed falls back to a
/// name shared by all types, then to "其他字段（SomeNewField）" (never English words passed off as a label); keys
/// written in Chinese (sign-in, export) are shown as they are.
/// </summary>
public static partial class AuditFieldNames
{
    private static readonly Dictionary<string, string> Shared = new()
    {
        ["Id"] = "编号",
        ["Name"] = "名称",
        ["Code"] = "代码",
        ["Kind"] = "类型",
        ["Status"] = "状态",
        ["CreatedAt"] = "创建时间",
        ["Version"] = "行版本号",
        ["UserId"] = "用户编号",
        ["DepartmentId"] = "部门编号",
        ["Phone"] = "联系电话",
        ["Comment"] = "意见",
        ["RuleText"] = "依据",
        ["InstanceId"] = "流程编号",
        ["TaskId"] = "任务编号",
        ["PasswordHash"] = "密码",
        ["SecurityStamp"] = "安全戳",
        ["ConcurrencyStamp"] = "并发戳",
        ["NormalizedEmail"] = "规范化邮箱",
        ["NormalizedUserName"] = "规范化用户名",
        ["TokenHash"] = "令牌哈希",
    };

    private static readonly Dictionary<string, Dictionary<string, string>> ByType = new()
    {
        ["Region"] = new()
        {
            ["Code"] = "行政区划代码", ["Name"] = "区域名称", ["Level"] = "级别", ["ParentId"] = "上级区域编号",
        },
        ["Department"] = new()
        {
            ["Name"] = "部门名称", ["CreditCode"] = "统一社会信用代码", ["RegionId"] = "所属区域编号", ["Kind"] = "部门类型",
            ["IsRegionDataAuthority"] = "本区域数据主管部门",
        },
        ["DataAdministrator"] = new()
        {
            ["DepartmentId"] = "部门编号", ["UserId"] = "用户编号", ["Phone"] = "联系电话", ["RegisteredAt"] = "登记时间",
        },
        ["PortalUser"] = new()
        {
            ["Id"] = "用户编号", ["UserName"] = "用户名", ["DisplayName"] = "姓名", ["DepartmentId"] = "所属部门编号",
            ["Email"] = "电子邮箱", ["EmailConfirmed"] = "邮箱已验证", ["PhoneNumber"] = "手机号码",
            ["PhoneNumberConfirmed"] = "手机号码已验证", ["TwoFactorEnabled"] = "启用双因素认证", ["LockoutEnabled"] = "允许锁定",
            ["LockoutEnd"] = "锁定截止时间", ["AccessFailedCount"] = "连续登录失败次数", ["LastSignInAt"] = "上次登录时间",
            ["PasswordChangedAt"] = "密码修改时间", ["MustChangePassword"] = "须修改密码",
        },
        ["IdentityUserRole"] = new() { ["UserId"] = "用户编号", ["RoleId"] = "角色" },
        ["PersonalAccessToken"] = new()
        {
            ["Id"] = "令牌编号", ["UserId"] = "用户编号", ["Name"] = "令牌名称", ["DisplayPrefix"] = "令牌前缀",
            ["CreatedAt"] = "签发时间", ["ExpiresAt"] = "到期时间", ["RevokedAt"] = "撤销时间", ["LastUsedAt"] = "最近使用时间",
        },
        ["CalendarDay"] = new()
        {
            ["Date"] = "日期", ["Kind"] = "类型", ["Name"] = "名称", ["NoticeYear"] = "公告年份",
        },
        ["CalendarYear"] = new()
        {
            ["Year"] = "年份", ["IsPublished"] = "已发布", ["PublishedAt"] = "发布时间", ["Source"] = "依据",
        },
        ["FlowInstance"] = new()
        {
            ["FlowKey"] = "流程代码", ["FlowName"] = "流程名称", ["Jurisdiction"] = "适用办法", ["SubjectType"] = "事项类型",
            ["SubjectId"] = "事项编号", ["SubjectTitle"] = "事项标题", ["ProviderDepartmentId"] = "提供部门编号",
            ["RequesterDepartmentId"] = "申请部门编号", ["SubmittedByUserId"] = "提交人编号", ["NamedUserId"] = "指定办理人编号",
            ["CurrentStepKey"] = "当前步骤", ["StartedAt"] = "开始时间", ["EndedAt"] = "结束时间",
        },
        ["FlowTask"] = new()
        {
            ["StepKey"] = "步骤代码", ["StepName"] = "步骤名称", ["AssigneeDepartmentId"] = "办理部门编号",
            ["AssigneeRole"] = "办理角色", ["AssigneeUserId"] = "指定办理人编号", ["ReceivedAt"] = "收到时间",
            ["DeadlineDays"] = "期限（工作日）", ["ExtensionDays"] = "已延期（工作日）", ["DueDate"] = "截止日期",
            ["DueAt"] = "截止时间", ["Provisional"] = "期限暂定", ["OnTimeout"] = "逾期处理", ["Escalated"] = "已上报主管部门",
            ["CompletedAt"] = "办理时间", ["CompletedByUserId"] = "办理人编号", ["Decision"] = "办理结果",
            ["RelatedTaskId"] = "关联任务编号", ["RequestedDays"] = "申请延期（工作日）", ["ReturnedStepKey"] = "退回的步骤",
        },
        ["FlowEvent"] = new()
        {
            ["Action"] = "动作", ["ActorUserId"] = "操作人编号", ["ActorName"] = "操作人", ["ActorDepartmentId"] = "操作人部门编号",
            ["OccurredAt"] = "发生时间",
        },
        ["DataCheckRequest"] = new()
        {
            ["RequesterDepartmentId"] = "申请部门编号", ["RequesterUserId"] = "申请人编号", ["ProviderDepartmentId"] = "提供部门编号",
            ["ResourceName"] = "数据资源名称", ["RecordIdentifier"] = "记录标识", ["Kind"] = "校核类型", ["Description"] = "问题描述",
            ["Answer"] = "核实结论", ["Explanation"] = "答复说明", ["AnsweredAt"] = "答复时间", ["ReopenCount"] = "重新提出次数",
            ["ReopenReason"] = "重新提出理由", ["CreatedAt"] = "提出时间", ["ClosedAt"] = "关闭时间", ["FlowInstanceId"] = "流程编号",
        },
        ["Attachment"] = new()
        {
            ["Id"] = "附件编号", ["OwnerType"] = "所属对象类型", ["OwnerId"] = "所属对象编号", ["FileName"] = "文件名",
            ["ContentType"] = "文件类型", ["Length"] = "文件大小（字节）", ["Content"] = "文件内容", ["UploadedByUserId"] = "上传人编号",
            ["UploadedAt"] = "上传时间",
        },
        ["PolicyProfileVersion"] = new()
        {
            ["Id"] = "版本编号", ["Jurisdiction"] = "地区", ["Version"] = "规则版本", ["Name"] = "名称", ["BasedOnVersion"] = "依据版本",
            ["BuiltIn"] = "内置规则", ["Json"] = "规则内容（JSON）", ["ContentHash"] = "内容哈希", ["CreatedById"] = "上传人编号",
            ["CreatedByName"] = "上传人", ["CreatedAt"] = "上传时间",
        },
        ["PolicyProfileSetting"] = new()
        {
            ["Jurisdiction"] = "地区", ["ActiveVersion"] = "启用的规则版本（空为内置规则）", ["ActivatedByName"] = "启用人",
            ["ActivatedAt"] = "启用时间", ["ContinuationConfirmedByName"] = "确认继续适用人", ["ContinuationConfirmedAt"] = "确认继续适用时间",
        },
    };

    // Nested keys the portal itself writes in English (a file's fingerprint).
    private static readonly Dictionary<string, string> Nested = new() { ["SHA256"] = "SHA-256 指纹" };

    /// <summary>The Chinese name of <paramref name="property"/> of <paramref name="entityType"/>.</summary>
    public static string Label(string? entityType, string property)
    {
        if (entityType is not null && ByType.TryGetValue(entityType, out var names) && names.TryGetValue(property, out var name)) return name;
        if (Shared.TryGetValue(property, out name) || Nested.TryGetValue(property, out name)) return name;
        return Unlabelled(property);
    }

    /// <summary>Whether a Chinese name is known (tests check every audited property has one).</summary>
    public static bool IsKnown(string? entityType, string property) =>
        entityType is not null && ByType.TryGetValue(entityType, out var names) && names.ContainsKey(property)
        || Shared.ContainsKey(property);

    /// <summary>
    /// A property without a Chinese name: "SomeNewField" → "其他字段（SomeNewField）", saying plainly that it is a field the
    /// portal has no name for (a test keeps every audited property named); a key already in Chinese stays as it is.
    /// </summary>
    internal static string Unlabelled(string property) =>
        property.All(char.IsAscii) ? $"其他字段（{property}）" : property;

    /// <summary>The Chinese name of a coded value (an enum stored as its number, a role or action key), or null.</summary>
    internal static string? ValueName(string? entityType, string property, JsonElement value) => (entityType, property) switch
    {
        ("Region", "Level") => Coded<RegionLevel>(value, Region.LevelName),
        ("Department", "Kind") => Coded<DepartmentKind>(value, Department.KindName),
        ("CalendarDay", "Kind") => Coded<CalendarDayKind>(value, CalendarRules.KindText),
        ("FlowInstance", "Status") => Coded<FlowStatus>(value, FlowStatusName),
        ("FlowInstance", "Jurisdiction") => Text(value) is { } key && Regulations.TryParse(key, out var j) ? Regulations.Place(j) : null,
        ("FlowTask", "Status") => Coded<FlowTaskStatus>(value, TaskStatusName),
        ("FlowTask", "OnTimeout") => Coded<TimeoutAction>(value, TimeoutName),
        ("FlowTask", "Decision") or ("FlowEvent", "Action") => Text(value) is { } action ? FlowActions.DisplayName(action) : null,
        ("FlowTask", "AssigneeRole") or ("IdentityUserRole", "RoleId") => Text(value) is { } role ? PortalRoles.DisplayName(role) : null,
        ("DataCheckRequest", "Kind") => Coded<DataCheckKind>(value, DataCheckTexts.KindName),
        ("DataCheckRequest", "Status") => Coded<DataCheckStatus>(value, DataCheckTexts.StatusName),
        ("DataCheckRequest", "Answer") => Coded<DataCheckAnswer>(value, DataCheckTexts.AnswerName),
        _ => null,
    };

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An enum written as its number (the default) or its name.</summary>
    private static string? Coded<T>(JsonElement value, Func<T, string> name) where T : struct, Enum
    {
        T parsed;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)) parsed = (T)Enum.ToObject(typeof(T), n);
        else if (value.ValueKind != JsonValueKind.String || !Enum.TryParse(value.GetString(), ignoreCase: true, out parsed)) return null;
        return Enum.IsDefined(parsed) ? name(parsed) : null;
    }

    private static string FlowStatusName(FlowStatus s) => FlowStatusNames.Of(s);

    private static string TaskStatusName(FlowTaskStatus s) => FlowStatusNames.Of(s);

    private static string TimeoutName(TimeoutAction a) => PolicyTexts.OnTimeout(a);
}

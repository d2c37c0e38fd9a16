using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using GovDataPortal.Features.Identity;
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
/// Chinese names of the properties the audit interceptor records: the entity's own (<see cref="IAuditNamed"/>, with the
/// names of its coded values), else a name shared by all types, else "其他字段（SomeNewField）" (never English words passed
/// off as a label); keys written in Chinese (sign-in, export) are shown as they are.
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

    // Nested keys the portal itself writes in English (a file's fingerprint).
    private static readonly Dictionary<string, string> Nested = new() { ["SHA256"] = "SHA-256 指纹" };

    /// <summary>The Chinese name of <paramref name="property"/> of <paramref name="entityType"/>.</summary>
    public static string Label(string? entityType, string property)
    {
        return AuditNameRegistry.Find(entityType)?.Field(property)
            ?? Shared.GetValueOrDefault(property) ?? Nested.GetValueOrDefault(property) ?? Unlabelled(property);
    }

    /// <summary>Whether a Chinese name is known (tests check every audited property has one).</summary>
    public static bool IsKnown(string? entityType, string property) =>
        AuditNameRegistry.Find(entityType)?.Field(property) is not null || Shared.ContainsKey(property);

    /// <summary>
    /// A property without a Chinese name: "SomeNewField" → "其他字段（SomeNewField）", saying plainly that it is a field the
    /// portal has no name for (a test keeps every audited property named); a key already in Chinese stays as it is.
    /// </summary>
    internal static string Unlabelled(string property) =>
        property.All(char.IsAscii) ? $"其他字段（{property}）" : property;

    /// <summary>The Chinese name of a coded value (an enum stored as its number, a role or action key), or null.</summary>
    internal static string? ValueName(string? entityType, string property, JsonElement value) =>
        AuditNameRegistry.Find(entityType)?.ValueName(property, value);
}

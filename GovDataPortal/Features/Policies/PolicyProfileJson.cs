using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GovDataPortal.Features.Policies;

/// <summary>
/// A profile as the JSON a 系统管理员 downloads, edits and uploads: camelCase names, enums as camelCase strings, only
/// the data a profile is made of (derived values such as titles shown next to citations are left out), unknown fields
/// refused so a misspelt key is an error rather than a silently ignored rule.
/// </summary>
public static class PolicyProfileJson
{
    public const string BuiltInPrefix = "builtin:", CustomPrefix = "custom:";

    private static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        // Chinese stays readable in the file an administrator edits.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Nulls written out: a missing "days" would be a missing constructor argument, and the editor sees every field.
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DataOnly } },
    };

    /// <summary>For people: indented.</summary>
    public static readonly JsonSerializerOptions Options = Create(indented: true);

    /// <summary>For hashing: the same content without layout.</summary>
    private static readonly JsonSerializerOptions Canonical = Create(indented: false);

    // Get-only properties are computed from the data (Key, Title, FirstStep, DocumentTitle, ValidUntil…): not part of it.
    private static void DataOnly(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
            if (info.Properties[i].Set is null && info.Properties[i].AssociatedParameter is null)
                info.Properties.RemoveAt(i);
    }

    public static string Serialize(PolicyProfile profile) => JsonSerializer.Serialize(profile, Options);

    /// <summary>Reads a profile; a malformed document throws <see cref="PolicyProfileJsonException"/> with a Chinese message.</summary>
    public static PolicyProfile Deserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PolicyProfile>(json, Options)
                ?? throw new PolicyProfileJsonException("文件内容为空（null），不是一套政策规则。");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"第{line + 1}行第{(e.BytePositionInLine ?? 0) + 1}个字节附近" : "文件中";
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $"（字段 {e.Path}）";
            throw new PolicyProfileJsonException(
                $"JSON 格式或内容有误：{where}{path}。请检查括号、引号和逗号，字段名是否拼写正确、是否缺少必填字段，取值是否为允许的值。", e);
        }
    }

    /// <summary>12 hex digits of the SHA-256 of the profile's canonical JSON, its version left out.</summary>
    public static string ContentHash(PolicyProfile profile) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            JsonSerializer.Serialize(profile with { Version = "" }, Canonical))));

    /// <summary>"builtin:hubei:3fa4c2…" or "custom:hubei:…": names exactly this content.</summary>
    public static string VersionOf(PolicyProfile profile, bool builtIn) =>
        (builtIn ? BuiltInPrefix : CustomPrefix) + profile.Key + ":" + ContentHash(profile)[..12];

    /// <summary>Equal content, whatever the list types and versions: the canonical JSON compared.</summary>
    public static bool SameContent(PolicyProfile a, PolicyProfile b) => ContentHash(a) == ContentHash(b);
}

/// <summary>An uploaded profile that is not readable JSON of a profile; the message is Chinese.</summary>
public sealed class PolicyProfileJsonException(string message, Exception? inner = null) : Exception(message, inner);

using System.Collections;
using System.Collections.Frozen;
using System.Text.Json;

namespace GovDataPortal.Features.Audit;

/// <summary>
/// An entity names itself for the audit log, next to its own definition, so a new feature adds no line to the audit
/// feature: <c>public static AuditNames AuditNames { get; } = new("数据校核") { { nameof(Kind), "校核类型", AuditNames.Coded&lt;DataCheckKind&gt;(…) } };</c>.
/// Found by reflection once (<see cref="AuditNameRegistry"/>).
/// </summary>
public interface IAuditNamed
{
    static abstract AuditNames AuditNames { get; }
}

/// <summary>
/// The Chinese name of an entity type, of those fields whose name differs from the shared ones (<see cref="AuditFieldNames"/>),
/// and of its coded values (an enum stored as its number, a role or action key).
/// </summary>
/// <param name="name">The entity's Chinese name (审计日志的“对象类型”).</param>
/// <param name="of">
/// The type these names describe when it is not the declaring type: a framework type (e.g. ASP.NET Core Identity's
/// <c>IdentityUserRole&lt;string&gt;</c>) cannot implement <see cref="IAuditNamed"/>, so a small class in its feature does.
/// </param>
public sealed class AuditNames(string name, Type? of = null) : IEnumerable<KeyValuePair<string, string>>
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<JsonElement, string?>> _values = new(StringComparer.Ordinal);

    public string Name { get; } = name;
    public Type? Of { get; } = of;

    public void Add(string property, string label) => _fields.Add(property, label);

    public void Add(string property, string label, Func<JsonElement, string?> valueName)
    {
        _fields.Add(property, label);
        _values.Add(property, valueName);
    }

    public string? Field(string property) => _fields.GetValueOrDefault(property);

    public string? ValueName(string property, JsonElement value) =>
        _values.TryGetValue(property, out var name) ? name(value) : null;

    /// <summary>An enum written as its number (the default) or its name, by <paramref name="name"/>; an unknown one stays as it is.</summary>
    public static Func<JsonElement, string?> Coded<T>(Func<T, string> name) where T : struct, Enum => value =>
    {
        T parsed;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)) parsed = (T)Enum.ToObject(typeof(T), n);
        else if (value.ValueKind != JsonValueKind.String || !Enum.TryParse(value.GetString(), ignoreCase: true, out parsed)) return null;
        return Enum.IsDefined(parsed) ? name(parsed) : null;
    };

    /// <summary>A key stored as text (a role, a flow action), by <paramref name="name"/>.</summary>
    public static Func<JsonElement, string?> Keyed(Func<string, string?> name) => value =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { } key ? name(key) : null;

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Every <see cref="IAuditNamed"/> of the portal, by stored type key (<see cref="AuditEntityTypes.KeyOf"/>), read once.</summary>
public static class AuditNameRegistry
{
    private static readonly FrozenDictionary<string, AuditNames> ByKey = Discover();

    public static AuditNames? Find(string? entityType) =>
        entityType is not null && ByKey.TryGetValue(entityType, out var names) ? names : null;

    private static FrozenDictionary<string, AuditNames> Discover()
    {
        var found = new Dictionary<string, AuditNames>(StringComparer.Ordinal);
        foreach (var type in typeof(IAuditNamed).Assembly.GetTypes())
        {
            if (type.IsInterface || type.IsAbstract || type.ContainsGenericParameters || !typeof(IAuditNamed).IsAssignableFrom(type)) continue;
            // The interface map finds the implementation whether it is written implicitly or explicitly.
            var getter = type.GetInterfaceMap(typeof(IAuditNamed)).TargetMethods.Single();
            var names = (AuditNames)getter.Invoke(null, null)!;
            var key = AuditEntityTypes.KeyOf(names.Of ?? type);
            if (!found.TryAdd(key, names))
                throw new InvalidOperationException($"Two audit names for entity type {key}: {found[key].Name}, {names.Name}.");
        }
        return found.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

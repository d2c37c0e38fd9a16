namespace GovDataPortal.Components.Shared;

/// <summary>
/// Length limits on forms are shown, never enforced by cutting: a field shows a counter (<c>Counter="N"</c>) and refuses
/// an over-long value with this message. Never set an input's MaxLength (the browser silently drops what is typed past
/// it) nor a numeric field's Min/Max (MudBlazor silently clamps): validate with these and let the service refuse too.
/// </summary>
public static class TextLimits
{
    /// <summary>For MudTextField's Validation: null when the value fits, else a Chinese message.</summary>
    public static Func<string?, string?> Max(int limit) =>
        value => value is { Length: var n } && n > limit ? $"最多 {limit} 个字符，当前 {n} 个，请删减。" : null;

    /// <summary>For MudNumericField's Validation: null when the value is within the range, else a Chinese message.</summary>
    public static Func<int, string?> Between(int min, int max, string unit = "") =>
        value => value < min || value > max ? $"请输入 {min}–{max}{unit} 之间的数，当前为 {value}{unit}。" : null;
}

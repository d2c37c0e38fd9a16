using System.Text;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// The one rule for text a person or a client sends (API bodies, query strings and route values, forms), applied at
/// every entry and once more before the database (GB/T 22239-2019 三级 8.1.4.4 入侵防范 d: 应提供数据有效性检验功能，
/// 保证通过人机接口输入或通过通信接口输入的内容符合系统设定要求):
/// <list type="bullet">
/// <item>control characters other than tab, CR and LF (U+0000–U+001F, U+007F, C1 U+0080–U+009F) and lone surrogate
/// halves are refused, never silently dropped — PostgreSQL cannot even store U+0000;</item>
/// <item>accepted text is NFC-normalised (so "e\u0301" and "é" are the same name) and trimmed of white space and
/// invisible characters at both ends;</item>
/// <item>a value made only of white space and invisible characters (zero-width space, word joiner, BOM…) is empty, so
/// "required" rules fire on it.</item>
/// </list>
/// </summary>
public static class InputText
{
    /// <summary>Follows the field's name ("部门名称包含不允许的控制字符。") or stands alone under the field.</summary>
    public const string RefusedMessage = "包含不允许的控制字符。";

    /// <summary>For a field whose Chinese name is not known where it is refused.</summary>
    public const string RefusedContentMessage = "内容包含不允许的控制字符。";

    /// <summary>True when <paramref name="value"/> holds a character the rule refuses.</summary>
    public static bool IsRefused(string? value) => value is not null && IndexOfRefused(value) >= 0;

    /// <summary>Position of the first refused character, or -1.</summary>
    public static int IndexOfRefused(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (IsRefused(c)) return i;
        }
        return -1;
    }

    private static bool IsRefused(char c) => c switch
    {
        '\t' or '\r' or '\n' => false,
        < '\u0020' => true,
        >= '\u007F' and <= '\u009F' => true,
        _ => char.IsSurrogate(c), // a pair was skipped above: only a lone half gets here
    };

    // Not white space to .NET, yet invisible: a name made of them looks empty on every screen.
    private static bool IsInvisible(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060'
        or '\uFEFF' or '\u00AD' or '\u180E' or '\u2061' or '\u2062' or '\u2063' or '\u2064';

    /// <summary>
    /// The cleaned value (NFC, trimmed, "" when only invisible characters), or false when the rule refuses it.
    /// Null stays null.
    /// </summary>
    public static bool TryClean(string? value, out string? cleaned)
    {
        if (IsRefused(value))
        {
            cleaned = null;
            return false;
        }
        cleaned = Normalise(value);
        return true;
    }

    /// <summary>
    /// NFC and trimmed; "" when only invisible characters; null stays null. Refused characters are not removed here:
    /// validation refuses them first (<see cref="IsRefused"/>).
    /// </summary>
    public static string? Normalise(string? value)
    {
        if (value is null) return null;
        var start = 0;
        var end = value.Length;
        while (start < end && IsInvisible(value[start])) start++;
        while (end > start && IsInvisible(value[end - 1])) end--;
        var trimmed = start == 0 && end == value.Length ? value : value[start..end];
        if (trimmed.Length == 0) return "";
        // Normalising is undefined for a lone surrogate half; such a value is refused anyway.
        if (IsRefused(trimmed)) return trimmed;
        return trimmed.IsNormalized(NormalizationForm.FormC) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Cleaned, or null when nothing visible is left (optional text stored as NULL).</summary>
    public static string? NullIfBlank(string? value) => Normalise(value) is { Length: > 0 } v ? v : null;

    /// <summary>True for null, "" and values made only of white space or invisible characters.</summary>
    public static bool IsBlank(string? value) => string.IsNullOrEmpty(Normalise(value));

    /// <summary>
    /// A search or filter term: refused characters are dropped (no stored text contains them, so they can only be
    /// noise, and a filter box must not fail), the rest cleaned; null when nothing is left.
    /// </summary>
    public static string? Term(string? value)
    {
        if (value is null) return null;
        if (IsRefused(value))
        {
            var kept = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    kept.Append(value[i]).Append(value[++i]);
                else if (!IsRefused(value[i]))
                    kept.Append(value[i]);
            }
            value = kept.ToString();
        }
        return NullIfBlank(value);
    }

    /// <summary>
    /// The name a file is stored under: only the last path segment, whichever separator the sender's system uses
    /// ("..\\..\\evil.txt" → "evil.txt", "C:\\x\\a.xlsx" → "a.xlsx", "a/b/c.pdf" → "c.pdf"), cleaned by the same rule.
    /// </summary>
    public static string? FileName(string? value)
    {
        if (value is null) return null;
        var last = value.LastIndexOfAny(['/', '\\']);
        return Normalise(last < 0 ? value : value[(last + 1)..]);
    }
}

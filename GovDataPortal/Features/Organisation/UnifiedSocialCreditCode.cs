using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Organisation;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, Z, S, V);
/// the 18th is a check character over the first 17 with weights 3^(i) mod 31.
/// </summary>
public static class UnifiedSocialCreditCode
{
    public const int Length = 18;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Returns null when valid, otherwise a Chinese message saying what is wrong.</summary>
    public static string? Validate(string? code)
    {
        if (InputText.IsRefused(code)) return "统一社会信用代码" + InputText.RefusedMessage;
        if (string.IsNullOrWhiteSpace(code)) return "请填写统一社会信用代码。";
        if (code.Length != Length) return $"统一社会信用代码应为18位，当前为{code.Length}位。";
        if (code.Any(char.IsLower)) return "统一社会信用代码中的字母应为大写。";
        var bad = code.FirstOrDefault(c => Alphabet.IndexOf(c) < 0);
        if (bad != default) return $"统一社会信用代码含有不允许的字符“{bad}”（不使用 I、O、Z、S、V）。";
        var expected = CheckCharacter(code.AsSpan(0, Length - 1));
        return code[Length - 1] == expected ? null : $"统一社会信用代码校验位错误，按 GB 32100 第18位应为“{expected}”。";
    }

    public static bool IsValid(string? code) => Validate(code) is null;

    /// <summary>Trims and upper-cases what a person typed; validation stays strict.</summary>
    public static string Normalise(string? input) => (input ?? "").Trim().ToUpperInvariant();

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1) throw new ArgumentException("需要17位本体代码。", nameof(first17));
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"字符“{first17[i]}”不在代码字符集中。", nameof(first17));
            sum += value * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>Completes a 17-character body with its check character (demo data, tests).</summary>
    public static string Complete(string first17) => first17 + CheckCharacter(first17);
}

namespace GovDataPortal.Features.Organisation;

/// <summary>公民身份号码 (GB 11643-1999): 17 digits (address, birth date, sequence) and an ISO 7064 MOD 11-2 check character.</summary>
public static class CitizenIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static string Normalise(string? input) => (input ?? "").Trim().ToUpperInvariant();

    /// <summary>Null when valid; otherwise why not, in Chinese.</summary>
    public static string? Validate(string? number)
    {
        var n = Normalise(number);
        if (n.Length != 18) return "公民身份号码应为18位。";
        if (!n[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(n[17]) || n[17] == 'X')) return "公民身份号码前17位应为数字，末位为数字或X。";
        if (!DateOnly.TryParseExact(n[6..14], "yyyyMMdd", out var born) || born.Year < 1900) return "公民身份号码中的出生日期无效。";
        return CheckCharacter(n.AsSpan(0, 17)) == n[17] ? null : "公民身份号码校验位不正确，请核对。";
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }
}

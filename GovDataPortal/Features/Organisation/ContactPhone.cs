using System.Text.RegularExpressions;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Organisation;

/// <summary>
/// The contact phone of a registered data administrator (龙岩 龙政办〔2020〕91号 Art. 26 asks units to register
/// their data administrator with contact details): a mainland mobile number or a landline with its area code.
/// </summary>
public static partial class ContactPhone
{
    public const int MaxLength = 20;

    // [0-9], not \d: \d would also accept full-width and other Unicode digits.
    [GeneratedRegex("^(1[3-9][0-9]{9}|0[0-9]{2,3}-[0-9]{7,8})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string Normalise(string? input) => (input ?? "").Trim();

    /// <summary>Returns null when valid, otherwise a Chinese message.</summary>
    public static string? Validate(string? phone)
    {
        if (InputText.IsRefused(phone)) return "联系电话" + InputText.RefusedMessage;
        if (string.IsNullOrWhiteSpace(phone)) return "请填写联系电话。";
        if (phone.Length > MaxLength) return $"联系电话不能超过{MaxLength}个字符。";
        return Pattern().IsMatch(phone) ? null : "联系电话格式不正确：应为11位手机号（如13807461201）或带区号的固定电话（如0746-7722123）。";
    }
}

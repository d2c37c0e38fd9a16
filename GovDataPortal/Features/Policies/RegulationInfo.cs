namespace GovDataPortal.Features.Policies;

/// <summary>
/// The life of the regulation a profile implements, as its text states it: who issued it, when it took effect and for
/// how long. <see cref="ValidYears"/> is null where the text sets no term (hubei Art. 42, longyan Art. 33) — the portal
/// never invents one. <see cref="Reading"/> says where a date is the portal's reading of the text rather than its words
/// (e.g. "自发布之日起施行" read as the date printed on the notice).
/// </summary>
public sealed record RegulationInfo(
    string Title,
    string? DocumentNumber,
    string IssuingBody,
    DateOnly EffectiveFrom,
    int? ValidYears,
    Citation Citation,
    string? Reading = null)
{
    /// <summary>The last day in force: "有效期N年" from the effective date (2020-03-10 + 3 years → 2023-03-09).</summary>
    public DateOnly? ValidUntil => ValidYears is { } years ? EffectiveFrom.AddYears(years).AddDays(-1) : null;

    public bool IsExpired(DateOnly today) => ValidUntil is { } until && today > until;

    /// <summary>"2027年1月31日（有效期5年）" or "未规定有效期".</summary>
    public string ValidityText => ValidUntil is { } until ? $"{Date(until)}（有效期{ValidYears}年）" : "未规定有效期";

    public static string Date(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";
}

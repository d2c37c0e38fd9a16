using System.Globalization;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace GovDataPortal.Features.Audit;

/// <summary>
/// What the auditor narrows the log to. <see cref="From"/> and <see cref="To"/> are China calendar days, both
/// inclusive; blank fields do not filter.
/// </summary>
public sealed record AuditFilter(string? UserName = null, int? DepartmentId = null, string? Action = null, DateOnly? From = null, DateOnly? To = null)
{
    public const int MaxUserNameLength = 256;

    /// <summary>Dates outside this range are typing mistakes, not audit periods.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1), Latest = new(2099, 12, 31);

    public string? UserNameTerm => InputText.Term(UserName);
    public string? ActionKey => InputText.Term(Action);
    public DateTimeOffset? FromInstant => From is { } d ? ChinaTime.StartOfDay(d) : null;

    /// <summary>The start of the day after <see cref="To"/>: the whole of that day is included.</summary>
    public DateTimeOffset? ToInstantExclusive => To is { } d ? ChinaTime.StartOfDay(d.AddDays(1)) : null;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (UserNameTerm is { Length: > MaxUserNameLength })
            errors.Add(nameof(UserName), $"用户名不能超过{MaxUserNameLength}个字符。");
        if (DepartmentId is <= 0)
            errors.Add(nameof(DepartmentId), "部门编号无效。");
        if (ActionKey is { } action && !AuditActions.All.Contains(action))
            errors.Add(nameof(Action), $"未知的操作类型“{action}”。");
        CheckDate(errors, nameof(From), From);
        CheckDate(errors, nameof(To), To);
        if (From > To)
            errors.Add(nameof(To), "截止日期不能早于起始日期。");
        return errors;
    }

    private static void CheckDate(ValidationErrors errors, string field, DateOnly? day)
    {
        if (day is { } d && (d < Earliest || d > Latest))
            errors.Add(field, $"日期应在 {Earliest:yyyy-MM-dd} 至 {Latest:yyyy-MM-dd} 之间。");
    }

    /// <summary>The filter in words, for the audit record of an export.</summary>
    public object Describe() => new
    {
        用户 = UserNameTerm,
        部门编号 = DepartmentId,
        操作 = ActionKey is { } a ? AuditActions.DisplayName(a) : null,
        起始日期 = Day(From),
        截止日期 = Day(To),
    };

    /// <summary>Query parameters as the API and the export link take them: user, departmentId, action, from, to.</summary>
    public string AppendTo(string path)
    {
        var query = new Dictionary<string, string?>
        {
            ["user"] = UserNameTerm,
            ["departmentId"] = DepartmentId?.ToString(CultureInfo.InvariantCulture),
            ["action"] = ActionKey,
            ["from"] = Day(From),
            ["to"] = Day(To),
        };
        return QueryHelpers.AddQueryString(path, query.Where(p => p.Value is not null));
    }

    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

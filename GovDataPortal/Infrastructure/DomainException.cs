namespace GovDataPortal.Infrastructure;

/// <summary>
/// A business rule refused the operation. <see cref="Message"/> is Chinese and shown to the user as is;
/// <see cref="Field"/> names the offending input where there is one (forms and problem details use it).
/// </summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>Someone else changed or decided the same thing first (a lost race): shown as is, HTTP 409.</summary>
public class ConflictException(string message) : DomainException(message);

/// <summary>
/// The object an action names does not exist (HTTP 404, as a GET of it would answer). A <see cref="DomainException"/>,
/// so forms that show rule messages show this one too.
/// </summary>
public class NotFoundException(string message) : DomainException(message);

/// <summary>The caller is signed in but may not see or change this data.</summary>
public sealed class AccessDeniedException(string message = "您无权访问该数据。") : Exception(message);

/// <summary>Collects field-level validation errors (Chinese) before anything is saved.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;
    public IReadOnlyDictionary<string, List<string>> ByField => _errors;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>
    /// Required text under the one input rule (<see cref="InputText"/>): refused characters, then empty (invisible
    /// characters only counts as empty), then the length of the cleaned value. Save <see cref="InputText.Normalise"/>.
    /// </summary>
    public ValidationErrors Require(string field, string? value, string label, int maxLength)
    {
        if (InputText.IsRefused(value))
            Add(field, label + InputText.RefusedMessage);
        else if (InputText.IsBlank(value))
            Add(field, $"请填写{label}。");
        else if (InputText.Normalise(value)!.Length > maxLength)
            Add(field, $"{label}不能超过{maxLength}个字符。");
        return this;
    }

    /// <summary>Optional text under the same rule: refused characters, then the length of the cleaned value.</summary>
    public ValidationErrors Optional(string field, string? value, string label, int maxLength = int.MaxValue)
    {
        if (InputText.IsRefused(value))
            Add(field, label + InputText.RefusedMessage);
        else if (InputText.Normalise(value)?.Length > maxLength)
            Add(field, $"{label}不能超过{maxLength}个字符。");
        return this;
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void ThrowIfInvalid()
    {
        if (!IsValid) throw new ValidationFailedException(this);
    }
}

public sealed class ValidationFailedException(ValidationErrors errors)
    : DomainException(Sentences(errors.ByField.SelectMany(e => e.Value)), errors.ByField.Keys.FirstOrDefault())
{
    public ValidationErrors Errors { get; } = errors;

    /// <summary>Several messages as one sentence: "甲；乙。", not "甲。；乙。".</summary>
    public static string Sentences(IEnumerable<string> messages)
    {
        var parts = messages.Select(m => m.TrimEnd('。', '；')).Where(m => m.Length > 0).ToList();
        return parts.Count == 0 ? "" : string.Join("；", parts) + "。";
    }
}

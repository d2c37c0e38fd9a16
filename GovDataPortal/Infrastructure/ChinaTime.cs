namespace GovDataPortal.Infrastructure;

/// <summary>Instants are stored in UTC; people read them in Asia/Shanghai.</summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset ToChina(this DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static string Format(DateTimeOffset? instant) =>
        instant is null ? "—" : instant.Value.ToChina().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToChina().DateTime);

    /// <summary>The UTC instant at which a China calendar day begins.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
}

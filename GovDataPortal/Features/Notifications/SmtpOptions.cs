namespace GovDataPortal.Features.Notifications;

/// <summary>
/// Outgoing mail (<c>Smtp:*</c>). Without <see cref="Host"/> nothing is mailed and notifications stay in the portal.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? From { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool EnableSsl { get; set; }

    /// <summary>The portal's public address (e.g. https://portal.example.gov.cn/), so a mail's link can be followed.</summary>
    public string? PortalUrl { get; set; }

    /// <summary>Notifications claimed per transaction.</summary>
    public int BatchSize { get; set; } = 50;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

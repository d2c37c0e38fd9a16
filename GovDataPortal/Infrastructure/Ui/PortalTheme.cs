using MudBlazor;

namespace GovDataPortal.Infrastructure.Ui;

/// <summary>
/// The portal's one theme: a restrained government look — a dark-blue app bar, a light drawer, blue as the only accent,
/// red kept for what is overdue or refused — and Chinese fonts first.
/// </summary>
public static class PortalTheme
{
    public const string AppBarBlue = "#0f2f57";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1a4f8b",
            Secondary = "#52677d",
            Info = "#1f6fb2",
            Success = "#2e7d32",
            Warning = "#c77700",
            Error = "#c62828",
            AppbarBackground = AppBarBlue,
            AppbarText = "#ffffff",
            Background = "#f4f6f9",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1f2d3d",
            DrawerIcon = "#1a4f8b",
            TextPrimary = "#1f2d3d",
            TextSecondary = "#52677d",
            LinesDefault = "#dfe4ea",
            TableLines = "#e6eaef",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Microsoft YaHei", "WenQuanYi Micro Hei", "PingFang SC", "Noto Sans CJK SC", "sans-serif"],
                FontSize = ".9rem",
            },
            H4 = new H4Typography { FontSize = "1.5rem", FontWeight = "600" },
            H5 = new H5Typography { FontSize = "1.25rem", FontWeight = "600" },
            H6 = new H6Typography { FontSize = "1.05rem", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "4px", DrawerWidthLeft = "232px" },
    };
}

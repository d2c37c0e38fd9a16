using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Catalogue;

/// <summary>The yearly full maintenance of the catalogue (hubei Art. 11; other jurisdictions follow it by reference).</summary>
public static class MaintenanceTexts
{
    public const string ReminderTitle = "年度目录全面维护提醒";
    public const string ReminderLink = "catalogue/obligations#maintenance";

    /// <summary>Reminders start on this day of the year (Asia/Shanghai): the last quarter is left for the review.</summary>
    public const int ReminderMonth = 10;

    public static Citation Citation(Jurisdiction active) =>
        active == Jurisdiction.Hubei ? new(Jurisdiction.Hubei, "第十一条") : Policies.Citation.ReferTo(Jurisdiction.Hubei, "第十一条");

    public static string ReminderBody(int year, int count, Citation citation) =>
        $"本部门有{count}条已发布的政务数据资源目录在{year}年尚未进行全面维护。请逐条核对后在“目录更新义务”页面标记为已全面维护"
        + $"（每年进行不少于一次的全面维护，{citation}）。";
}

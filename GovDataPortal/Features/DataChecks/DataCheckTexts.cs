using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.DataChecks;

/// <summary>The Chinese words of the data-check screens, and the articles they rest on.</summary>
public static class DataCheckTexts
{
    public const string SubjectType = "DataCheckRequest";
    public const string NotFoundMessage = "数据校核不存在。";
    public const string NotVisibleMessage = "您无权查看该数据校核：仅提起部门、数据提供部门及数据主管部门审核人可以查看。";
    public const string ReopenOnceMessage = "每项校核只能重新提起一次。";
    public const string ChangedMessage = "该校核已被他人处理，请刷新后重试。";
    public const string SuperviseOnlyMessage = "只有数据主管部门审核人可以查看本区域的数据校核。";

    /// <summary>Shown on a check the data authority's reviewer reads as supervision.</summary>
    public const string SupervisingNotice = "您以数据主管部门审核人身份督办查看本校核（仅查看，不能答复、关闭或重新提起）。";

    public const string AnswerNotificationTitle = "数据校核已答复";

    /// <summary>
    /// The one message the requesting side gets when the provider answers: the result, the explanation, and what it
    /// may still do — the check is answered, not 办结, until the requester closes it (or reopens it, once).
    /// </summary>
    public static string AnswerNotificationBody(string resourceName, DataCheckKind kind, DataCheckAnswer answer, string explanation,
        bool mayReopen) =>
        $"“{resourceName}”的{KindName(kind)}校核已答复：{AnswerName(answer)}。"
        + (mayReopen ? "请确认无异议后关闭校核；如有异议，可重新提起一次。" : "请确认后关闭校核（已重新提起过一次，不能再次重新提起）。")
        + $"说明：{explanation}";

    /// <summary>The extension asked for is more than the regulation still allows (shuangpai Art. 27 ¶2: 15 working days in all).</summary>
    public static string ExtensionTooLong(int maxTotalDays, int left, string citation) =>
        $"延期累计不得超过{maxTotalDays}个工作日，本事项最多还可延期{Math.Max(left, 0)}个工作日（{citation}）。";

    /// <summary>shuangpai 双政办发〔2022〕8号 Art. 27 ¶3, word for word.</summary>
    public const string ShuangpaiServiceContinues =
        "校核期间，办理业务的公民、法人和其他组织已经提供合法有效证明材料的，受理单位应当照常办理，不得拒绝、推诿或者要求当事人办理信息更正手续。";

    /// <summary>foshan 佛府办〔2020〕4号 Art. 30, its sentence on the period of review, word for word.</summary>
    public const string FoshanServiceContinues =
        "复核期间，办理业务涉及行政相对人的，业务受理部门以不影响办事为前提，向行政相对人提供充足的异议申诉和救济办理渠道，并提醒行政相对人办理信息更正手续。";

    /// <summary>Where the active regulation says nothing, the portal's own practice — never presented as that regulation's words.</summary>
    public const string PortalServiceContinues = "校核期间，受理单位照常为公民、法人和其他组织办理业务（本系统的做法）。";

    /// <summary>
    /// Service to the citizen continues while the provider verifies (shuangpai Art. 27, hubei Art. 13, longyan Art. 14, foshan Art. 30): the active regulation's own words
    /// where it has them, with the article; otherwise the portal's practice, marked as such.
    /// </summary>
    public static (string Text, string? Citation) ServiceContinues(Jurisdiction jurisdiction) => jurisdiction switch
    {
        Jurisdiction.Shuangpai => (ShuangpaiServiceContinues, new Citation(Jurisdiction.Shuangpai, "第二十七条第三款").ToString()),
        Jurisdiction.Foshan => (FoshanServiceContinues, new Citation(Jurisdiction.Foshan, "第三十条").ToString()),
        _ => (PortalServiceContinues, null),
    };

    public static string KindName(DataCheckKind kind) => kind switch
    {
        DataCheckKind.Doubt => "疑义",
        DataCheckKind.Error => "错误",
        _ => kind.ToString(),
    };

    public static string StatusName(DataCheckStatus status) => status switch
    {
        DataCheckStatus.Submitted => "待校核",
        DataCheckStatus.Answered => "已答复",
        DataCheckStatus.Closed => "已关闭",
        _ => status.ToString(),
    };

    public static string AnswerName(DataCheckAnswer answer) => answer switch
    {
        DataCheckAnswer.ConfirmedAndCorrected => "确认有误，已更正",
        DataCheckAnswer.NoError => "经核实无误",
        _ => answer.ToString(),
    };

    /// <summary>"数据疑义：常住人口基本信息" — the title the inbox and notifications show.</summary>
    public static string SubjectTitle(DataCheckKind kind, string resourceName)
    {
        var title = $"数据{KindName(kind)}：{resourceName}";
        return title.Length <= 200 ? title : title[..199] + "…";
    }
}

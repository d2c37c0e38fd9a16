using GovDataPortal.Features.Workflow;

namespace GovDataPortal.Features.OpenData;

/// <summary>
/// The decision letters of open data (issue 10 §4): the answer to a conditional-open application (approval or refusal
/// with reasons) and the outcome of a data objection (hubei Art. 28, shuangpai Art. 40), each with the article the
/// deciding step recorded, else the flow's.
/// </summary>
public static class OpenDataLetters
{
    public static string RequestLink(long id) => $"open-data/requests/{id}/decision";
    public static string ObjectionLink(long id) => $"open-data/objections/{id}/decision";

    public static bool IsDecided(OpenRequestStatus s) => s is OpenRequestStatus.Approved or OpenRequestStatus.Refused;
    public static bool IsDecided(ObjectionStatus s) => s == ObjectionStatus.Concluded;

    public static DecisionLetter From(OpenRequestDetail detail)
    {
        var r = detail.Request;
        var refused = r.Status == OpenRequestStatus.Refused;
        var course = DecisionLetters.Course(detail.Flow?.History ?? []);
        var decisive = DecisionLetters.Decisive(course, refused);
        List<DecisionLetterField> fields =
        [
            new("申请人", $"{r.ApplicantName}（{OpenDataTexts.Name(r.ApplicantKind)}{(r.OrganisationType is { } t ? "，" + OpenDataTexts.Name(t) : "")}，证件号码 {r.IdentityNumber}）"),
            new("数据提供部门", detail.ProviderName),
            new("信息资源", $"{r.ResourceName}（{r.ResourceCode}）"),
            new("所需信息项", string.Join("、", r.ItemNames)),
            new("用途", $"{OpenDataTexts.Name(r.PurposeKind)}：{r.Purpose}"),
            new("使用期限", $"{r.UseFrom:yyyy年M月d日} 至 {r.UseUntil:yyyy年M月d日}"),
        ];
        return new DecisionLetter(refused ? "政务数据有条件开放申请答复函（不予开放）" : "政务数据有条件开放申请决定书", $"开放申请第 {r.Id} 号",
            r.CreatedAt, fields, refused ? "不予开放" : "同意开放", r.DecisionNote ?? decisive?.Comment, r.DecidedAt,
            decisive?.RuleText ?? detail.Flow?.Rule.Citation.ToString(), course, detail.Flow?.Notices ?? [], OpenDataTexts.RequestLink(r.Id));
    }

    public static DecisionLetter From(ObjectionDetail detail)
    {
        var o = detail.Objection;
        var course = DecisionLetters.Course(detail.Flow?.History ?? []);
        var decisive = DecisionLetters.Decisive(course, refused: false);
        var outcome = o.OpeningOutcome is { } b ? $"异议已办结：{OpenDataTexts.OutcomeName(b)}" : "异议已办结";
        List<DecisionLetterField> fields =
        [
            new("异议人", $"{o.ObjectorName}（{OpenDataTexts.Name(o.ObjectorKind)}，证件号码 {o.IdentityNumber}）"),
            new("数据提供部门", detail.ProviderName),
            new("信息资源", $"{o.ResourceName}（{o.ResourceCode}）"),
            new("异议类型", OpenDataTexts.Name(o.Kind)),
            new("异议内容", o.Description),
        ];
        return new DecisionLetter("政务数据异议处理决定书", $"数据异议第 {o.Id} 号", o.CreatedAt, fields, outcome, decisive?.Comment,
            o.ConcludedAt ?? detail.Flow?.EndedAt, decisive?.RuleText ?? detail.Flow?.Rule.Citation.ToString(), course, detail.Flow?.Notices ?? [],
            OpenDataTexts.ObjectionLink(o.Id));
    }
}

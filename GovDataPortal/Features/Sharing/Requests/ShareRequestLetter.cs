using GovDataPortal.Features.Workflow;

namespace GovDataPortal.Features.Sharing.Requests;

/// <summary>
/// The decision letter of a share request (issue 10 §4): a grant (approved, after coordination, deemed consent on
/// timeout — hubei Art. 20 — by an application scenario, or unconditional), an agreement on uncatalogued data, or a
/// refusal with its reasons. The article is the one recorded with the deciding step, else the flow's.
/// </summary>
public static class ShareRequestLetter
{
    public static bool IsDecided(ShareRequestStatus s) => s is ShareRequestStatus.Granted or ShareRequestStatus.Agreed or ShareRequestStatus.Refused;

    public static string Link(long id) => $"sharing/requests/{id}/decision";

    /// <param name="shareTypesArticle">The active regulation's article on the share types (changsha Art. 22, shuangpai Art. 23 ¶2,
    /// hubei Art. 16 ¶1, longyan Art. 11 ¶1, foshan Art. 13), cited for an unconditional grant, which no flow decides.</param>
    public static DecisionLetter From(ShareRequestDetail d, string shareTypesArticle)
    {
        var refused = d.Status == ShareRequestStatus.Refused;
        var course = DecisionLetters.Course(d.History);
        var decisive = DecisionLetters.Decisive(course, refused);
        var g = d.Grant;
        var grantText = g is null ? "" : $"（授权编号 {g.Id}，有效期 {g.StartDate:yyyy年M月d日} 至 {g.EndDate:yyyy年M月d日}"
            + (g.AgreementReference is { } a ? $"，使用协议 {a}" : "") + "）";
        var decision = d.Status switch
        {
            ShareRequestStatus.Refused => "不予共享",
            ShareRequestStatus.Agreed => "同意提供，提供部门将所需数据列入政务数据资源目录后按目录共享",
            _ => g?.Basis switch
            {
                GrantBasis.DeemedConsent => "提供部门逾期未答复，视为同意共享，由平台自动授权" + grantText,
                GrantBasis.ApplicationScenario => $"符合已明确的应用场景{(d.ApplicationScenarioId is { } s ? $"（#{s}）" : "")}，直接授权" + grantText,
                GrantBasis.Unconditional => "无条件共享，予以授权" + grantText,
                _ => "同意共享，予以授权" + grantText,
            },
        };
        var reasons = d.DecisionReason ?? decisive?.Comment
            ?? (g?.Basis == GrantBasis.Unconditional ? "该数据资源属于无条件共享类，无需审核。" : null);
        var article = decisive?.RuleText ?? d.FlowCitation
            ?? (d.Kind == ShareRequestKind.Unconditional ? $"{shareTypesArticle}（无条件共享类数据）" : null);
        List<DecisionLetterField> fields =
        [
            new("申请事项", d.KindName),
            new("申请部门", $"{d.RequesterName}（经办人：{d.RequesterUserName}）"),
            new("提供部门", d.ProviderName),
            new("数据资源", d.ResourceCode is { } code ? $"{d.ResourceName}（{code}）" : d.ResourceName),
            new("所需信息项", string.Join("、", d.ItemNames)),
            new("履职依据", d.DutyBasis),
        ];
        if (d.Methods != 0) fields.Add(new("共享方式", ShareRequestNames.Methods(d.Methods)));
        if (d.Operations != 0) fields.Add(new("使用方式", ShareRequestNames.Operations(d.Operations)));
        fields.Add(new("使用截止日期", $"{d.EndDate:yyyy年M月d日}"));
        var title = d.Status == ShareRequestStatus.Refused ? "政务数据共享申请答复函（不予共享）" : "政务数据共享申请决定书";
        return new DecisionLetter(title, $"共享申请第 {d.Id} 号", d.CreatedAt, fields, decision, reasons, d.DecidedAt, article, course, [],
            ShareRequestNames.Link(d.Id));
    }
}

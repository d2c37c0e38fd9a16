using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Sharing.Scenarios;

/// <summary>The application scenarios' Chinese names, messages and citations.</summary>
public static class ScenarioTexts
{
    /// <summary>
    /// foshan Art. 28 is the portal's basis for scenarios: its own law under the foshan profile, a reference (参照)
    /// elsewhere, so no other jurisdiction's portal presents it as its own.
    /// </summary>
    public static Citation Basis(Jurisdiction active) =>
        active == Jurisdiction.Foshan ? new(Jurisdiction.Foshan, "第二十八条") : Citation.ReferTo(Jurisdiction.Foshan, "第二十八条");

    /// <summary>Art. 28 ¶2: a need matching an approved scenario is granted directly.</summary>
    public static Citation DirectGrant(Jurisdiction active) =>
        active == Jurisdiction.Foshan ? new(Jurisdiction.Foshan, "第二十八条第二款") : Citation.ReferTo(Jurisdiction.Foshan, "第二十八条第二款");

    public static string StatusName(ScenarioStatus s) => s switch
    {
        ScenarioStatus.Pending => "待审核",
        ScenarioStatus.Approved => "已通过",
        ScenarioStatus.Returned => "已退回",
        ScenarioStatus.Withdrawn => "已撤销",
        _ => s.ToString(),
    };

    public const string RegisterOnlyMessage = "只有本部门的数据专管员可以登记应用场景。";
    public const string ReviewOnlyMessage = "只有登记部门所属数据主管部门的主管部门审核人可以审核该应用场景。";
    public const string WithdrawOnlyMessage = "只有登记部门的数据专管员或部门审核人可以撤销该应用场景。";
    public const string NotVisibleMessage = "该应用场景尚未通过审核，只有登记部门和数据主管部门可以查看。";
    public const string OverviewOnlyMessage = "只有主管部门审核人可以查看全部在办共享申请。";

    public static string RegisteredTitle(string name) => $"应用场景待审核：{name}";

    public static string RegisteredBody(string department, string name, string citation) =>
        $"{department}登记了应用场景“{name}”，请审核（{citation}）。审核通过后，符合该场景的共享需求可直接获得授权。";

    public static string ReviewedTitle(ScenarioStatus s, string name) => $"应用场景{StatusName(s)}：{name}";

    public static string ReviewedBody(ScenarioStatus s, string name, string? reason) => s == ScenarioStatus.Approved
        ? $"应用场景“{name}”已通过数据主管部门审核，符合该场景的共享需求可直接获得授权。" + (reason is null ? "" : $"审核意见：{reason}")
        : $"应用场景“{name}”被数据主管部门退回。理由：{reason}。可修改后重新登记。";
}

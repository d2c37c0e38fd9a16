using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Catalogue;

/// <summary>The article behind 一数一源 under each jurisdiction (its own where it has one, else a 参照 citation).</summary>
public static class OneSourceTexts
{
    public static string Citation(Jurisdiction j) => j switch
    {
        Jurisdiction.Shuangpai => $"{new Citation(j, "第十八条")}、第二十条第（一）项",
        Jurisdiction.Foshan => new Citation(j, "第十九条").ToString(),
        Jurisdiction.Changsha => new Citation(j, "第十五条").ToString(),
        Jurisdiction.Longyan => new Citation(j, "第九条").ToString(),
        _ => Policies.Citation.ReferTo(Jurisdiction.Shuangpai, "第十八条").ToString(),
    };

    public static string Warning(string itemName, string department, Jurisdiction j) =>
        $"信息项“{itemName}”已由{department}作为权威来源，请确认是否重复采集（一数一源，{Citation(j)}）。";
}

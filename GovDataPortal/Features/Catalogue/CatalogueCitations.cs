using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// The article behind each catalogue rule under one jurisdiction: its own article where its regulation has one,
/// otherwise a 参照 citation of the regulation that does (as <see cref="DutyCitations"/> does), so a rule message never
/// presents another city's text as the local law.
/// </summary>
public sealed record CatalogueCitations(
    Citation EntryContent,
    Citation CatalogueKinds,
    Citation ShareBasis,
    Citation ShareConditions,
    Citation ShareOperations,
    Citation KeyItems,
    Citation OpenAttributes,
    Citation Deidentification)
{
    public static CatalogueCitations Of(Jurisdiction j)
    {
        Citation Own(string article) => new(j, article);
        var foshan = (string a) => Citation.ReferTo(Jurisdiction.Foshan, a);
        return j switch
        {
            Jurisdiction.Changsha => new(Own("第十六条"), Citation.ReferTo(Jurisdiction.Shuangpai, "第十六条"), foshan("第五条第三项"),
                foshan("第十四条"), foshan("第十三条"), foshan("第二十二条"), Own("第二十三条"), Own("第二十三条")),
            Jurisdiction.Shuangpai => new(Own("第十七条"), Own("第十六条"), Own("第二十三条"),
                foshan("第十四条"), foshan("第十三条"), foshan("第二十二条"), Own("第三十条"), Own("第三十条")),
            Jurisdiction.Hubei => new(Own("第十条"), Citation.ReferTo(Jurisdiction.Shuangpai, "第十六条"), Own("第二十三条"),
                foshan("第十四条"), foshan("第十三条"), foshan("第二十二条"), Own("第二十五条"), Own("第二十五条")),
            Jurisdiction.Longyan => new(Own("第八条"), Citation.ReferTo(Jurisdiction.Shuangpai, "第十六条"), Own("第十一条"),
                foshan("第十四条"), foshan("第十三条"), foshan("第二十二条"), Own("第十七条"), Own("第十七条")),
            Jurisdiction.Foshan => new(Own("第十二条"), Citation.ReferTo(Jurisdiction.Shuangpai, "第十六条"), Own("第五条第三项"),
                Own("第十四条"), Own("第十三条"), Own("第二十二条"), Own("第十三条"), Own("第十三条")),
            _ => throw new ArgumentOutOfRangeException(nameof(j)),
        };
    }
}

using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Policies;

namespace GovDataPortal.Tests.Features.Catalogue.Rules;

/// <summary>
/// The articles behind the catalogue rules, as read in the five regulations: a jurisdiction cites its own article where
/// its text speaks and refers (参照) to another's only where it is silent — never presenting another city's text as its own.
/// </summary>
public class CatalogueCitationsTests
{
    private static IEnumerable<(string Rule, RuleCitation Citation)> All(CatalogueCitations c) =>
        typeof(CatalogueCitations).GetProperties()
            .Where(p => p.PropertyType == typeof(RuleCitation))
            .Select(p => (p.Name, (RuleCitation?)p.GetValue(c)))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.Name, x.Item2!));

    [Theory]
    [InlineData(Jurisdiction.Changsha)]
    [InlineData(Jurisdiction.Shuangpai)]
    [InlineData(Jurisdiction.Hubei)]
    [InlineData(Jurisdiction.Longyan)]
    [InlineData(Jurisdiction.Foshan)]
    public void Own_citations_are_the_jurisdictions_and_references_are_another_ones(Jurisdiction j)
    {
        foreach (var (rule, citation) in All(CatalogueCitations.Of(j)))
        {
            Assert.NotEmpty(citation.Citations);
            foreach (var c in citation.Citations)
            {
                if (c.Reference) Assert.True(c.Jurisdiction != j, $"{j} {rule} refers to itself");
                else Assert.True(c.Jurisdiction == j, $"{j} {rule} presents {c.Jurisdiction}'s article as its own");
                Assert.Matches(@"^第[一二三四五六七八九十]+条", c.Article);
            }
        }
    }

    [Theory]
    // foshan Art. 15 is 开放属性 (Art. 13 is 共享属性); (2) asks the conditions, (3) the cases kept closed.
    [InlineData(Jurisdiction.Foshan, nameof(CatalogueCitations.OpenTypes), "依据《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第十五条")]
    [InlineData(Jurisdiction.Foshan, nameof(CatalogueCitations.OpenConditions), "依据《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第十五条第二项")]
    [InlineData(Jurisdiction.Foshan, nameof(CatalogueCitations.ShareOperations), "依据《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第十三条")]
    // changsha Art. 24 ¶5 is the de-identification sentence (Art. 23 is the opening principle).
    [InlineData(Jurisdiction.Changsha, nameof(CatalogueCitations.Deidentification), "依据《长沙市政务数据资源管理办法》（长政办发〔2021〕80号）第二十四条第五款")]
    [InlineData(Jurisdiction.Changsha, nameof(CatalogueCitations.OpenTypes), "依据《长沙市政务数据资源管理办法》（长政办发〔2021〕80号）第二十四条第一款")]
    [InlineData(Jurisdiction.Changsha, nameof(CatalogueCitations.ShareBasisNotShared), "参照《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第五条第三项")]
    // shuangpai Art. 28 ¶2 (脱敏后开放) and Art. 29 (开放类型, ¶2 依据); Art. 30 is the open lists.
    [InlineData(Jurisdiction.Shuangpai, nameof(CatalogueCitations.Deidentification), "依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第二十八条第二款")]
    [InlineData(Jurisdiction.Shuangpai, nameof(CatalogueCitations.OpenBasis), "依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第二十九条第二款")]
    [InlineData(Jurisdiction.Shuangpai, nameof(CatalogueCitations.ShareMethods), "依据《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第十七条第二款")]
    [InlineData(Jurisdiction.Shuangpai, nameof(CatalogueCitations.ShareBasisConditional), "参照《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第五条第三项")]
    // hubei Art. 16 ¶4 and Art. 23 (negative list) for non-shared data; Art. 25 ¶4 keeps private data closed.
    [InlineData(Jurisdiction.Hubei, nameof(CatalogueCitations.ShareBasisNotShared), "依据《湖北省政务数据资源应用与管理办法》第十六条第四款、第二十三条")]
    [InlineData(Jurisdiction.Hubei, nameof(CatalogueCitations.SecurityLevels), "参照《长沙市政务数据资源管理办法》（长政办发〔2021〕80号）第十六条第一款")]
    // longyan Art. 11 ¶5 for both; Art. 17 ¶3 脱敏脱密处理后开放; no 不予开放 type of its own.
    [InlineData(Jurisdiction.Longyan, nameof(CatalogueCitations.ShareBasisConditional), "依据《龙岩市政务数据管理办法（试行）》（龙政办〔2020〕91号）第十一条第五款")]
    [InlineData(Jurisdiction.Longyan, nameof(CatalogueCitations.Deidentification), "依据《龙岩市政务数据管理办法（试行）》（龙政办〔2020〕91号）第十七条第三款")]
    [InlineData(Jurisdiction.Longyan, nameof(CatalogueCitations.OpenBasis), "参照《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第二十九条第二款")]
    public void Rules_cite_the_article_that_says_so(Jurisdiction j, string rule, string expected) =>
        Assert.Equal(expected, typeof(CatalogueCitations).GetProperty(rule)!.GetValue(CatalogueCitations.Of(j))!.ToString());

    [Fact]
    public void Only_shuangpai_asks_conditional_opening_for_a_basis()
    {
        Assert.NotNull(CatalogueCitations.Of(Jurisdiction.Shuangpai).ConditionalOpenBasis);
        foreach (var j in new[] { Jurisdiction.Changsha, Jurisdiction.Hubei, Jurisdiction.Longyan, Jurisdiction.Foshan })
            Assert.Null(CatalogueCitations.Of(j).ConditionalOpenBasis);
    }

    [Fact]
    public void Catalogue_kinds_are_shuangpais_own_and_referred_to_elsewhere()
    {
        Assert.True(CatalogueCitations.Of(Jurisdiction.Shuangpai).CatalogueKinds.HasOwnArticle);
        foreach (var j in new[] { Jurisdiction.Changsha, Jurisdiction.Hubei, Jurisdiction.Longyan, Jurisdiction.Foshan })
            Assert.Equal("参照《双牌县政务大数据管理办法》（双政办发〔2022〕8号）第十六条", CatalogueCitations.Of(j).CatalogueKinds.ToString());
    }
}

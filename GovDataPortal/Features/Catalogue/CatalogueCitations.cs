using GovDataPortal.Features.Policies;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// The article(s) behind one catalogue rule: the local regulation's own where it speaks, and a 参照 citation of the
/// regulation that does where the local text is silent on the rule or on part of it (e.g. hubei Art. 25 ¶4 keeps private
/// data closed but says nothing of de-identification). Shown as "依据…；参照…".
/// </summary>
public sealed record RuleCitation(IReadOnlyList<Citation> Citations)
{
    public static implicit operator RuleCitation(Citation citation) => new([citation]);

    public static RuleCitation Of(params Citation[] citations) => new(citations);

    /// <summary>Whether the local regulation itself states the rule (at least one citation is not a 参照).</summary>
    public bool HasOwnArticle => Citations.Any(c => !c.Reference);

    public override string ToString() => string.Join("；", Citations);
}

/// <summary>
/// The article behind each catalogue rule under one jurisdiction: its own article where its regulation has one,
/// otherwise a 参照 citation of the regulation that does (as <see cref="DutyCitations"/> does), so a rule message never
/// presents another city's text as the local law. Each article below was read in the regulation's text; the quoted
/// words are the reason it is cited. 款 (paragraph) and 项 (numbered item) are given where an article holds several rules.
/// </summary>
public sealed record CatalogueCitations
{
    /// <summary>
    /// What a complete entry holds (name, summary, classification, format, update cycle, items…): changsha Art. 16
    /// (来源、分类、参考标准、更新周期、共享属性、开放属性、关联关系、安全等级), shuangpai Art. 17 (按照国家和本省规定编制),
    /// hubei Art. 10 (按照政务数据资源目录编制规范…编制), longyan Art. 8 (按照…标准规范，全面、准确编制), foshan Art. 12
    /// (数据名称、数据格式、共享开放类型、共享开放条件、更新频度、提供方式、提供部门).
    /// </summary>
    public required RuleCitation EntryContent { get; init; }

    /// <summary>基础 / 主题 / 部门数据目录: only shuangpai Art. 16 names the three kinds.</summary>
    public required RuleCitation CatalogueKinds { get; init; }

    /// <summary>The three share types: changsha Art. 22, shuangpai Art. 23 ¶2, hubei Art. 16 ¶1, longyan Art. 11 ¶1, foshan Art. 13.</summary>
    public required RuleCitation ShareTypes { get; init; }

    /// <summary>
    /// 有条件共享 needs a legal basis: longyan Art. 11 ¶5 and foshan Art. 5(3) say so; changsha, shuangpai (Art. 23 ¶3 asks
    /// conditional data for its conditions, not a basis) and hubei are silent, so 参照 foshan Art. 5(3).
    /// </summary>
    public required RuleCitation ShareBasisConditional { get; init; }

    /// <summary>
    /// 不予共享 needs a legal basis: shuangpai Art. 23 ¶3 (应当说明理由，并提供相应的法律、法规和国家有关规定作为依据), hubei
    /// Art. 16 ¶4 (根据相关法律、法规或国家有关规定) and Art. 23 (负面清单), longyan Art. 11 ¶5, foshan Art. 5(3); changsha
    /// Art. 22 only defines the type, so 参照 foshan.
    /// </summary>
    public required RuleCitation ShareBasisNotShared { get; init; }

    /// <summary>
    /// The condition kinds and what each must state (foshan Art. 14); shuangpai Art. 23 ¶3 itself requires conditional data
    /// to state its conditions (应当明确共享条件), the kinds are 参照 foshan.
    /// </summary>
    public required RuleCitation ShareConditions { get; init; }

    /// <summary>
    /// 共享方式: shuangpai Art. 17 ¶2 (明确…使用范围和共享方式), foshan Art. 12 (提供方式), changsha Art. 21 ¶2 (以结果核验、
    /// 服务调用、数据推送等多种方式共享), longyan Art. 13 (通过系统间技术对接的方式实现); hubei is silent (参照 shuangpai).
    /// </summary>
    public required RuleCitation ShareMethods { get; init; }

    /// <summary>查阅、比对、获取 as the operations of a share type: only foshan Art. 13 (相对应的数据操作权限).</summary>
    public required RuleCitation ShareOperations { get; init; }

    /// <summary>Persons keyed by the legal ID number, organisations by 统一社会信用代码: only foshan Art. 22.</summary>
    public required RuleCitation KeyItems { get; init; }

    /// <summary>The open types: changsha Art. 24 ¶1, shuangpai Art. 29 ¶1, hubei Art. 25 ¶1, longyan Art. 17 ¶1, foshan Art. 15.</summary>
    public required RuleCitation OpenTypes { get; init; }

    /// <summary>
    /// 有条件开放 states its conditions: foshan Art. 15(2) (需明确有条件开放数据的开放条件或使用约束), longyan Art. 18 ¶1
    /// (授权开放类…的开放条件); the others only define the type (参照 foshan).
    /// </summary>
    public required RuleCitation OpenConditions { get; init; }

    /// <summary>
    /// 不予开放 states its basis: shuangpai Art. 29 ¶2 (有条件开放或者不予开放的，应当有法律、法规或者国家有关规定作为依据),
    /// hubei Art. 25 ¶4 and foshan Art. 15(3) (defined by the law that forbids opening); changsha Art. 24 only defines the
    /// type and longyan Art. 17 has no 不予开放 type (参照 shuangpai).
    /// </summary>
    public required RuleCitation OpenBasis { get; init; }

    /// <summary>
    /// Where the regulation also asks 有条件开放 for a legal basis (shuangpai Art. 29 ¶2); null where it does not, and the
    /// rule is then not applied (no other regulation asks it).
    /// </summary>
    public RuleCitation? ConditionalOpenBasis { get; init; }

    /// <summary>
    /// Private or secret data is opened only after de-identification (脱敏): changsha Art. 24 ¶5 (应不予开放或进行脱敏处理后
    /// 开放), shuangpai Art. 28 ¶2, longyan Art. 17 ¶3; hubei Art. 25 ¶4 and foshan Art. 15(3) keep such data closed, and
    /// foshan Art. 34 provides for 数据脱敏标准; hubei says nothing of de-identification (参照 changsha).
    /// </summary>
    public required RuleCitation Deidentification { get; init; }

    /// <summary>
    /// 安全级别: changsha Art. 16 ¶1 (安全等级), shuangpai Art. 37 ¶1 (政务数据分级分类以及信息安全等级), longyan Art. 21 ¶1
    /// and foshan Art. 42 (分级分类管理); hubei is silent (参照 changsha).
    /// </summary>
    public required RuleCitation SecurityLevels { get; init; }

    public static CatalogueCitations Of(Jurisdiction j)
    {
        Citation Own(string article) => new(j, article);
        static Citation Refer(Jurisdiction to, string article) => Citation.ReferTo(to, article);
        var shuangpaiKinds = Refer(Jurisdiction.Shuangpai, "第十六条");
        var foshanBasis = Refer(Jurisdiction.Foshan, "第五条第三项");
        var foshanConditions = Refer(Jurisdiction.Foshan, "第十四条");
        var foshanOperations = Refer(Jurisdiction.Foshan, "第十三条");
        var foshanKeys = Refer(Jurisdiction.Foshan, "第二十二条");
        var foshanOpenConditions = Refer(Jurisdiction.Foshan, "第十五条第二项");
        var shuangpaiOpenBasis = Refer(Jurisdiction.Shuangpai, "第二十九条第二款");
        return j switch
        {
            Jurisdiction.Changsha => new()
            {
                EntryContent = Own("第十六条第一款"),
                CatalogueKinds = shuangpaiKinds,
                ShareTypes = Own("第二十二条"),
                ShareBasisConditional = foshanBasis,
                ShareBasisNotShared = foshanBasis,
                ShareConditions = foshanConditions,
                ShareMethods = Own("第二十一条第二款"),
                ShareOperations = foshanOperations,
                KeyItems = foshanKeys,
                OpenTypes = Own("第二十四条第一款"),
                OpenConditions = foshanOpenConditions,
                OpenBasis = shuangpaiOpenBasis,
                Deidentification = Own("第二十四条第五款"),
                SecurityLevels = Own("第十六条第一款"),
            },
            Jurisdiction.Shuangpai => new()
            {
                EntryContent = Own("第十七条"),
                CatalogueKinds = Own("第十六条"),
                ShareTypes = Own("第二十三条第二款"),
                ShareBasisConditional = foshanBasis,
                ShareBasisNotShared = Own("第二十三条第三款"),
                ShareConditions = RuleCitation.Of(Own("第二十三条第三款"), foshanConditions),
                ShareMethods = Own("第十七条第二款"),
                ShareOperations = foshanOperations,
                KeyItems = foshanKeys,
                OpenTypes = Own("第二十九条第一款"),
                OpenConditions = foshanOpenConditions,
                OpenBasis = Own("第二十九条第二款"),
                ConditionalOpenBasis = Own("第二十九条第二款"),
                Deidentification = Own("第二十八条第二款"),
                SecurityLevels = Own("第三十七条第一款"),
            },
            Jurisdiction.Hubei => new()
            {
                EntryContent = Own("第十条"),
                CatalogueKinds = shuangpaiKinds,
                ShareTypes = Own("第十六条第一款"),
                ShareBasisConditional = foshanBasis,
                ShareBasisNotShared = Own("第十六条第四款、第二十三条"),
                ShareConditions = foshanConditions,
                ShareMethods = Refer(Jurisdiction.Shuangpai, "第十七条第二款"),
                ShareOperations = foshanOperations,
                KeyItems = foshanKeys,
                OpenTypes = Own("第二十五条第一款"),
                OpenConditions = foshanOpenConditions,
                OpenBasis = Own("第二十五条第四款"),
                Deidentification = RuleCitation.Of(Own("第二十五条第四款"), Refer(Jurisdiction.Changsha, "第二十四条第五款")),
                SecurityLevels = Refer(Jurisdiction.Changsha, "第十六条第一款"),
            },
            Jurisdiction.Longyan => new()
            {
                EntryContent = Own("第八条"),
                CatalogueKinds = shuangpaiKinds,
                ShareTypes = Own("第十一条第一款"),
                ShareBasisConditional = Own("第十一条第五款"),
                ShareBasisNotShared = Own("第十一条第五款"),
                ShareConditions = foshanConditions,
                ShareMethods = Own("第十三条"),
                ShareOperations = foshanOperations,
                KeyItems = foshanKeys,
                OpenTypes = Own("第十七条第一款"),
                OpenConditions = Own("第十八条第一款"),
                OpenBasis = shuangpaiOpenBasis,
                Deidentification = Own("第十七条第三款"),
                SecurityLevels = Own("第二十一条第一款"),
            },
            Jurisdiction.Foshan => new()
            {
                EntryContent = Own("第十二条"),
                CatalogueKinds = shuangpaiKinds,
                ShareTypes = Own("第十三条"),
                ShareBasisConditional = Own("第五条第三项"),
                ShareBasisNotShared = Own("第五条第三项"),
                ShareConditions = Own("第十四条"),
                ShareMethods = Own("第十二条"),
                ShareOperations = Own("第十三条"),
                KeyItems = Own("第二十二条"),
                OpenTypes = Own("第十五条"),
                OpenConditions = Own("第十五条第二项"),
                OpenBasis = Own("第十五条第三项"),
                Deidentification = Own("第十五条第三项、第三十四条"),
                SecurityLevels = Own("第四十二条"),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(j)),
        };
    }

    /// <summary>The national guide the core metadata comes from (data types, formats, the code's layout).</summary>
    public const string Guide = "依据《政务信息资源目录编制指南（试行）》（发改高技〔2017〕1272号）";
}

namespace GovDataPortal.Features.Policies;

public static partial class BuiltInProfiles
{
    /// <summary>
    /// The regulation's life as each text states it (its final article). Where a text sets no term the profile says
    /// so (<see cref="RegulationInfo.ValidYears"/> null); where the effective date is the portal's reading of words
    /// such as "自发布之日起", <see cref="RegulationInfo.Reading"/> says so.
    /// </summary>
    public static RegulationInfo RegulationOf(Jurisdiction j) => j switch
    {
        // Art. 41: "本办法自2022年2月1日起施行，有效期5年。"
        Jurisdiction.Changsha => Info(j, "长沙市人民政府办公厅", new(2022, 2, 1), 5, "第四十一条"),
        // Art. 47: "本办法自发布之日起施行，有效期 5 年。" The notice is dated and printed 2022年12月14日.
        Jurisdiction.Shuangpai => Info(j, "双牌县人民政府办公室", new(2022, 12, 14), 5, "第四十七条",
            "原文为“自发布之日起施行”，本系统以通知落款及印发日期2022年12月14日为发布之日（本系统的解释）"),
        // Art. 42: "本办法自 2021 年 4 月 1 日起施行。" — no term; the text names no document number (发布机关：湖北省政府).
        Jurisdiction.Hubei => Info(j, "湖北省政府", new(2021, 4, 1), null, "第四十二条"),
        // Art. 33: "自印发之日起试行" — no term. The notice is dated 2020年10月26日, its colophon says 2020年10月30日印发.
        Jurisdiction.Longyan => Info(j, "龙岩市人民政府办公室", new(2020, 10, 26), null, "第三十三条",
            "原文为“自印发之日起试行”，本系统以通知落款日期2020年10月26日为印发之日（版记印发日期为2020年10月30日；本系统的解释）"),
        // Art. 49: "本办法自 2020 年 3 月 10 日起施行，有效期 3 年。"
        Jurisdiction.Foshan => Info(j, "佛山市人民政府办公室", new(2020, 3, 10), 3, "第四十九条"),
        _ => throw new ArgumentOutOfRangeException(nameof(j)),
    };

    private static RegulationInfo Info(Jurisdiction j, string issuer, DateOnly effective, int? years, string article,
        string? reading = null) =>
        new(Regulations.Title(j), Regulations.Number(j) is { Length: > 0 } number ? number : null, issuer, effective, years,
            new Citation(j, article), reading);

    /// <summary>
    /// Portal-wide duties (issue 8 item 8): each regulation's own article where it has one, otherwise the article of the
    /// regulation that has it, cited as 参照. Only longyan Art. 24 sets a log period (不少于半年); hubei Art. 32 (日志留存)
    /// and foshan Art. 44 (数据审计跟踪) require logs without one, so they cite their own article and 参照 longyan for the
    /// period. Only foshan Art. 42 requires different people for security administration, data operation and audit.
    /// </summary>
    public static DutyCitations DutiesOf(Jurisdiction j)
    {
        Citation Own(string article) => new(j, article);
        var longyanAdministrators = Citation.ReferTo(Jurisdiction.Longyan, "第五条、第二十六条");
        var longyanLogs = Citation.ReferTo(Jurisdiction.Longyan, "第二十四条");
        var foshanSeparation = Citation.ReferTo(Jurisdiction.Foshan, "第四十二条");
        return j switch
        {
            // Art. 7 sets a responsibility system between providers and users but names no person for data work.
            Jurisdiction.Changsha => new([longyanAdministrators], [longyanLogs], [foshanSeparation]),
            // Art. 7: "各单位行政审批股室是本单位政务数据的责任主体".
            Jurisdiction.Shuangpai => new([Own("第七条")], [longyanLogs], [foshanSeparation]),
            // Art. 14: "指定专门的数据管理机构或者专人负责"; Art. 32: "完善日志留存".
            Jurisdiction.Hubei => new([Own("第十四条")], [Own("第三十二条"), longyanLogs], [foshanSeparation]),
            Jurisdiction.Longyan => new([Own("第五条、第二十六条")], [Own("第二十四条")], [foshanSeparation]),
            // Art. 42 ¶2 names 专人 only for confidentiality review, not for data administration.
            Jurisdiction.Foshan => new([longyanAdministrators], [Own("第四十四条"), longyanLogs], [Own("第四十二条")]),
            _ => throw new ArgumentOutOfRangeException(nameof(j)),
        };
    }
}

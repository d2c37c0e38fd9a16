namespace GovDataPortal.Features.Policies;

/// <summary>The five built-in policy profiles; the key is what <c>Portal:Jurisdiction</c> takes.</summary>
public enum Jurisdiction
{
    Changsha,
    Shuangpai,
    Hubei,
    Longyan,
    Foshan,
}

public static class Regulations
{
    public static string Key(Jurisdiction j) => j.ToString().ToLowerInvariant();

    public static bool TryParse(string? key, out Jurisdiction jurisdiction)
    {
        jurisdiction = default;
        return !string.IsNullOrWhiteSpace(key)
            && !int.TryParse(key, out _)
            && Enum.TryParse(key.Trim(), ignoreCase: true, out jurisdiction)
            && Enum.IsDefined(jurisdiction);
    }

    public static string Place(Jurisdiction j) => j switch
    {
        Jurisdiction.Changsha => "长沙市",
        Jurisdiction.Shuangpai => "双牌县",
        Jurisdiction.Hubei => "湖北省",
        Jurisdiction.Longyan => "龙岩市",
        Jurisdiction.Foshan => "佛山市",
        _ => throw new ArgumentOutOfRangeException(nameof(j)),
    };

    public static string Title(Jurisdiction j) => j switch
    {
        Jurisdiction.Changsha => "长沙市政务数据资源管理办法",
        Jurisdiction.Shuangpai => "双牌县政务大数据管理办法",
        Jurisdiction.Hubei => "湖北省政务数据资源应用与管理办法",
        Jurisdiction.Longyan => "龙岩市政务数据管理办法（试行）",
        Jurisdiction.Foshan => "佛山市政务数据资源管理办法（试行）",
        _ => throw new ArgumentOutOfRangeException(nameof(j)),
    };

    public static string Number(Jurisdiction j) => j switch
    {
        Jurisdiction.Changsha => "长政办发〔2021〕80号",
        Jurisdiction.Shuangpai => "双政办发〔2022〕8号",
        Jurisdiction.Hubei => "", // the seed gives no document number
        Jurisdiction.Longyan => "龙政办〔2020〕91号",
        Jurisdiction.Foshan => "佛府办〔2020〕4号",
        _ => throw new ArgumentOutOfRangeException(nameof(j)),
    };
}

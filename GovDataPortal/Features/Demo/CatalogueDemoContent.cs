using System.Globalization;
using System.Text.RegularExpressions;
using GovDataPortal.Features.Catalogue;

namespace GovDataPortal.Features.Demo;

/// <summary>Turns the compact demo resources (<see cref="CatalogueDemoData"/>) into catalogue content that meets the rules.</summary>
internal static partial class CatalogueDemoContent
{
    [GeneratedRegex(@"^(?<name>[^:]+):(?<type>[CNYDTLMGBIF])(?<length>\d*)(?<flag>[PS]?)$")]
    private static partial Regex ItemSpec();

    [GeneratedRegex(@"^(?<kind>[BT])(?<code>\d{3})$")]
    private static partial Regex ClassSpec();

    /// <summary>Every demo resource by department: the main list and the supplementary one.</summary>
    public static IEnumerable<(string Department, CatalogueDemoData.Resource Resource)> All() =>
        CatalogueDemoData.ByDepartment.Concat(CatalogueDemoDataMore.ByDepartment)
            .SelectMany(d => d.Value.Select(r => (d.Key, r)));

    /// <param name="classIdOf">Class id by guide code ("101"); <paramref name="departmentClassId"/> for 部门 entries.</param>
    public static CatalogueContent Build(CatalogueDemoData.Resource r, Func<string, int> classIdOf, int departmentClassId, int seed)
    {
        var tokens = r.Attributes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var content = new CatalogueContent
        {
            Name = r.Name,
            Summary = r.Summary,
            Items = [.. Items(r.Items)],
            DataSubjects = tokens.Contains("both") ? DataSubjects.NaturalPersons | DataSubjects.Organisations
                : tokens.Contains("persons") ? DataSubjects.NaturalPersons
                : tokens.Contains("orgs") ? DataSubjects.Organisations : DataSubjects.None,
            UpdateCycle = Cycle(tokens),
            RecordCount = 1_000 + seed * 7_919 % 480_000,
            SourceSystem = "业务管理系统",
            CollectionBasis = "依据部门法定职责采集",
        };
        Classify(content, tokens, classIdOf, departmentClassId);
        (content.Format, content.FormatDetail) = Format(tokens);
        Share(content, tokens);
        Open(content, tokens);
        var sensitive = content.Items.Any(i => i.Sensitivity != ItemSensitivity.None);
        content.SecurityLevel = content.ShareType == ShareType.NotShared ? SecurityLevel.Important
            : sensitive ? SecurityLevel.Sensitive
            : content.OpenType == OpenType.Unconditional ? SecurityLevel.Public : SecurityLevel.Internal;
        return content;
    }

    private static IEnumerable<CatalogueItemContent> Items(string spec)
    {
        var expanded = spec.Replace("@P", CatalogueDemoData.PersonItems).Replace("@O", CatalogueDemoData.OrganisationItems);
        foreach (var token in expanded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var m = ItemSpec().Match(token);
            if (!m.Success) throw new FormatException($"演示信息项格式错误：{token}");
            yield return new CatalogueItemContent
            {
                Name = m.Groups["name"].Value,
                DataType = Enum.Parse<ItemDataType>(m.Groups["type"].Value),
                Length = m.Groups["length"].Value is { Length: > 0 } l ? int.Parse(l, CultureInfo.InvariantCulture) : null,
                Sensitivity = m.Groups["flag"].Value switch
                {
                    "P" => ItemSensitivity.PersonalInformation,
                    "S" => ItemSensitivity.TradeSecret,
                    _ => ItemSensitivity.None,
                },
            };
        }
    }

    private static void Classify(CatalogueContent c, HashSet<string> tokens, Func<string, int> classIdOf, int departmentClassId)
    {
        var spec = tokens.Select(t => ClassSpec().Match(t)).FirstOrDefault(m => m.Success);
        (c.CatalogueType, c.ResourceClassId) = spec is null
            ? (CatalogueType.Department, departmentClassId)
            : (spec.Groups["kind"].Value == "B" ? CatalogueType.Base : CatalogueType.Theme, classIdOf(spec.Groups["code"].Value));
    }

    private static UpdateCycle Cycle(HashSet<string> t) =>
        t.Contains("rt") ? UpdateCycle.RealTime : t.Contains("day") ? UpdateCycle.Daily : t.Contains("week") ? UpdateCycle.Weekly
        : t.Contains("quarter") ? UpdateCycle.Quarterly : t.Contains("half") ? UpdateCycle.HalfYearly
        : t.Contains("year") ? UpdateCycle.Yearly : t.Contains("irr") ? UpdateCycle.Irregular : UpdateCycle.Monthly;

    private static (ResourceFormat, string) Format(HashSet<string> t) =>
        t.Contains("xls") ? (ResourceFormat.Spreadsheet, "xlsx")
        : t.Contains("file") ? (ResourceFormat.ElectronicFile, "PDF")
        : t.Contains("api") ? (ResourceFormat.ServiceInterface, "REST/JSON")
        : t.Contains("img") ? (ResourceFormat.Image, "矢量数据、栅格影像")
        : (ResourceFormat.Database, "关系型数据库");

    private static void Share(CatalogueContent c, HashSet<string> t)
    {
        var personal = c.DataSubjects.HasFlag(DataSubjects.NaturalPersons);
        if (t.Contains("none"))
        {
            c.ShareType = ShareType.NotShared;
            c.ShareBasis = personal
                ? "《中华人民共和国个人信息保护法》第三十四条：国家机关处理个人信息不得超出履行法定职责所必需的范围和限度"
                : "《中华人民共和国数据安全法》第三十八条；数据仅用于本部门内部管理";
            return;
        }
        c.ShareMethods = ShareMethods.PlatformApi | ShareMethods.PlatformQueryVerify;
        if (t.Contains("cond"))
        {
            c.ShareType = ShareType.Conditional;
            c.ShareConditionKinds = personal ? ShareConditionKinds.NamedDepartmentsOnly | ShareConditionKinds.CompareOnly
                : ShareConditionKinds.NamedDepartmentsOnly;
            c.ShareNamedDepartments = "承担相关审批、监管职责的部门，用于核验办事对象的身份、资格和办理条件";
            c.ShareOperations = personal ? ShareOperations.Compare : ShareOperations.View | ShareOperations.Compare;
            c.ShareConditions = "按最小必要原则申请所需信息项，使用期限不超过一年";
            c.ShareBasis = personal
                ? "《中华人民共和国个人信息保护法》第十三条、第三十四条"
                : "《中华人民共和国数据安全法》第三十八条";
            return;
        }
        c.ShareType = ShareType.Unconditional;
        c.ShareMethods |= ShareMethods.PlatformTableExchange | ShareMethods.PlatformFileDownload;
        c.ShareOperations = ShareOperations.View | ShareOperations.Compare | ShareOperations.Obtain;
    }

    private static void Open(CatalogueContent c, HashSet<string> t)
    {
        if (t.Contains("open"))
        {
            c.OpenType = OpenType.Unconditional;
            // Public registers still name people (法定代表人): opened only with those items masked.
            if (c.Items.Any(i => i.Sensitivity != ItemSensitivity.None))
                (c.Deidentified, c.DeidentificationMethod) = (true, "个人信息项遮蔽处理（姓名保留姓氏，证件号码仅显示前六位）");
        }
        else if (t.Contains("copen"))
        {
            c.OpenType = OpenType.Conditional;
            c.OpenConditions = "经申请审核并签订数据开放利用协议，限于科研、公益和产品开发用途";
            c.OpenBasis = "《中华人民共和国数据安全法》第四十二条：政务数据按规定有条件开放，保障数据安全";
        }
        else
        {
            c.OpenType = OpenType.NotOpen;
            c.OpenBasis = c.Items.Any(i => i.Sensitivity != ItemSensitivity.None)
                ? "涉及个人信息或商业秘密，依法不予开放"
                : "数据仅用于政务内部管理，暂不具备开放条件";
        }
    }
}

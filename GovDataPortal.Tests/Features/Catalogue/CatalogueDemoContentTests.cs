using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Policies;

namespace GovDataPortal.Tests.Features.Catalogue;

/// <summary>The demo catalogue is what a department would really submit: every resource meets every rule under every regulation.</summary>
public class CatalogueDemoContentTests
{
    private const int DepartmentLeafId = 5000;

    private static Dictionary<int, ClassNode> Classes()
    {
        var guide = ResourceClassSeed.GuideClasses;
        var parents = guide.Where(c => c.ParentId is not null).Select(c => c.ParentId!.Value).ToHashSet();
        var nodes = guide.ToDictionary(c => c.Id, c => new ClassNode(c.Id, c.Code, c.Name, !parents.Contains(c.Id) && c.Code != "3"));
        nodes[DepartmentLeafId] = new ClassNode(DepartmentLeafId, "301001001", "双牌县公安局", true);
        return nodes;
    }

    [Theory]
    [InlineData(Jurisdiction.Shuangpai)]
    [InlineData(Jurisdiction.Longyan)]
    [InlineData(Jurisdiction.Foshan)]
    public void Every_demo_resource_meets_the_rules(Jurisdiction jurisdiction)
    {
        var classes = Classes();
        var codes = classes.Values.ToDictionary(c => c.Code, c => c.Id);
        var context = new CatalogueRuleContext(jurisdiction, classes);
        var problems = CatalogueDemoContent.All()
            .Select((r, i) => (r.Resource.Name, Errors: CatalogueRules.Validate(
                CatalogueDemoContent.Build(r.Resource, code => codes[code], DepartmentLeafId, i), context)))
            .Where(r => !r.Errors.IsValid)
            .Select(r => r.Name + "：" + string.Join("；", r.Errors.ByField.SelectMany(e => e.Value)))
            .ToList();
        Assert.Empty(problems);
    }

    [Fact]
    public void About_three_hundred_resources_with_unique_names_per_department()
    {
        var all = CatalogueDemoContent.All().ToList();
        Assert.InRange(all.Count, 280, 340);
        Assert.Empty(all.GroupBy(r => (r.Department, r.Resource.Name)).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(27, all.Select(r => r.Department).Distinct().Count());
    }
}

using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Catalogue;

/// <summary>The catalogue's tables on PostgreSQL: an entry with its first version and items round-trips, the guide's classes are seeded, and the gram columns answer one- and two-character keywords.</summary>
public class CatalogueFoundationTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static CatalogueContent Population() => new()
    {
        Name = "户籍人口基本信息",
        Summary = "本市户籍人口的姓名、性别、出生日期等基本信息。",
        CatalogueType = CatalogueType.Base,
        ResourceClassId = 11,
        Format = ResourceFormat.Database,
        Items =
        [
            new() { Name = "公民身份号码", DataType = ItemDataType.C, Length = 18, Sensitivity = ItemSensitivity.PersonalInformation },
            new() { Name = "姓名", DataType = ItemDataType.C, Length = 50, Sensitivity = ItemSensitivity.PersonalInformation },
        ],
    };

    [Fact]
    public async Task Guide_classes_are_seeded_with_their_codes()
    {
        await using var db = await portal.DbAsync();
        var codes = await db.ResourceClasses.OrderBy(c => c.Code).Select(c => c.Code + c.Name).ToListAsync();
        Assert.Contains("101人口信息资源", codes);
        Assert.Contains("212应急维稳", codes);
        Assert.Contains("3部门信息资源", codes);
    }

    [Fact]
    public async Task Entry_with_items_round_trips_and_is_found_by_one_and_two_character_grams()
    {
        var departmentId = await portal.DepartmentIdAsync(DemoAccounts.Market);
        await using (var db = await portal.DbAsync())
        {
            db.CatalogueEntries.Add(CatalogueEntry.Create(departmentId, Population(), "user-1", PortalFixture.Start));
            await db.SaveChangesAsync();
        }
        await using var read = await portal.DbAsync();
        string[] twoChars = CatalogueSearchText.KeywordGrams("人口"), oneChar = CatalogueSearchText.KeywordGrams("籍");
        var byTwo = await read.CatalogueEntries.Where(e => twoChars.All(g => e.TextGrams.Contains(g))).Select(e => e.Name).ToListAsync();
        var byOne = await read.CatalogueEntries.Where(e => oneChar.All(g => e.NameGrams.Contains(g))).Select(e => e.Name).ToListAsync();
        Assert.Equal(["户籍人口基本信息"], byTwo);
        Assert.Equal(["户籍人口基本信息"], byOne);
        var entry = await read.CatalogueEntries.Include(e => e.Versions).ThenInclude(v => v.Items).SingleAsync(e => e.Name == "户籍人口基本信息");
        Assert.Equal(["公民身份号码", "姓名"], entry.Versions.Single().Items.OrderBy(i => i.Ordinal).Select(i => i.Name));
        Assert.Equal(EntryStatus.Draft, entry.Status);
        Assert.Equal("公民身份号码\n姓名", entry.ItemNames);
    }
}

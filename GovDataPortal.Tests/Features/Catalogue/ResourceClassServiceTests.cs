using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Catalogue;

/// <summary>The classification tree: 系统管理员 adds, renames and deletes nodes; codes follow the guide's digits; a node in use stays.</summary>
public class ResourceClassServiceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<T> AsAsync<T>(string user, Func<ResourceClassService, Task<T>> act)
    {
        await using var scope = await portal.ScopeAsAsync(user);
        return await act(scope.Get<ResourceClassService>());
    }

    [Fact]
    public async Task Admin_adds_a_node_whose_code_extends_its_parents()
    {
        var id = await AsAsync("admin", s => s.AddAsync(11, "001", "户籍人口"));
        var tree = await AsAsync("admin", s => s.TreeAsync());
        var node = tree.Single(n => n.Id == id);
        Assert.Equal(("101001", ClassLevel.Category, true), (node.Code, node.Level, node.IsLeaf));
        Assert.False(tree.Single(n => n.Id == 11).IsLeaf);
        Assert.True(id >= 1000);
    }

    [Theory]
    [InlineData("01", "目的代码应为3位数字，且不能全为0。")]
    [InlineData("000", "目的代码应为3位数字，且不能全为0。")]
    [InlineData("０01", "目的代码应为3位数字，且不能全为0。")]
    public async Task Wrong_digits_are_refused_with_the_level_named(string digits, string message)
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAsync("admin", s => s.AddAsync(12, digits, "法人")));
        Assert.Equal(message, e.Errors.ByField["Code"].Single());
    }

    [Fact]
    public async Task A_subcategory_takes_no_children()
    {
        var category = await AsAsync("admin", s => s.AddAsync(13, "002", "土地"));
        var sub = await AsAsync("admin", s => s.AddAsync(category, "001", "宅基地"));
        var e = await Assert.ThrowsAsync<DomainException>(() => AsAsync("admin", s => s.AddAsync(sub, "001", "再下一级")));
        Assert.Equal("信息资源分类最多四级（类、项、目、细目），细目下不能再分。", e.Message);
    }

    [Fact]
    public async Task A_duplicate_code_is_refused()
    {
        await AsAsync("admin", s => s.AddAsync(14, "003", "失信名单"));
        var e = await Assert.ThrowsAsync<DomainException>(() => AsAsync("admin", s => s.AddAsync(14, "003", "另一个")));
        Assert.Equal("分类代码 104003 已存在。", e.Message);
    }

    [Fact]
    public async Task A_node_in_use_by_an_entry_or_with_children_cannot_be_deleted()
    {
        var leaf = await AsAsync("admin", s => s.AddAsync(15, "004", "营业执照"));
        await using (var db = await portal.DbAsync())
        {
            db.CatalogueEntries.Add(CatalogueEntry.Create(await portal.DepartmentIdAsync(DemoAccounts.Market),
                new CatalogueContent { Name = "营业执照信息", ResourceClassId = leaf }, "u", PortalFixture.Start));
            await db.SaveChangesAsync();
        }
        var node = (await AsAsync("admin", s => s.TreeAsync())).Single(n => n.Id == leaf);
        Assert.Equal(1, node.EntryCount);
        var inUse = await Assert.ThrowsAsync<DomainException>(() => AsAsync("admin", async s => { await s.DeleteAsync(leaf, node.Version); return 0; }));
        Assert.Equal(ResourceClassService.InUseMessage, inUse.Message);
        var parent = (await AsAsync("admin", s => s.TreeAsync())).Single(n => n.Id == 15);
        var withChildren = await Assert.ThrowsAsync<DomainException>(() => AsAsync("admin", async s => { await s.DeleteAsync(15, parent.Version); return 0; }));
        Assert.Equal(ResourceClassService.InUseMessage, withChildren.Message);
        var adding = await Assert.ThrowsAsync<DomainException>(() => AsAsync("admin", s => s.AddAsync(leaf, "001", "下级")));
        Assert.Contains("已有目录条目，不能再设子分类", adding.Message);
    }

    [Fact]
    public async Task An_unused_leaf_is_deleted_and_renaming_checks_the_version()
    {
        var leaf = await AsAsync("admin", s => s.AddAsync(21, "009", "临时分类"));
        var node = (await AsAsync("admin", s => s.TreeAsync())).Single(n => n.Id == leaf);
        await AsAsync("admin", async s => { await s.RenameAsync(leaf, node.Version, "公共服务事项"); return 0; });
        await Assert.ThrowsAsync<ConflictException>(() => AsAsync("admin", async s => { await s.RenameAsync(leaf, node.Version, "旧版本改名"); return 0; }));
        var renamed = (await AsAsync("admin", s => s.TreeAsync())).Single(n => n.Id == leaf);
        Assert.Equal("公共服务事项", renamed.Name);
        await AsAsync("admin", async s => { await s.DeleteAsync(leaf, renamed.Version); return 0; });
        await using var db = await portal.DbAsync();
        Assert.False(await db.ResourceClasses.AnyAsync(c => c.Id == leaf));
    }

    [Fact]
    public async Task Only_the_system_administrator_maintains_the_tree_but_everyone_reads_it()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => AsAsync("zhangwei", s => s.AddAsync(11, "005", "流动人口")));
        Assert.Contains(await AsAsync("zhangwei", s => s.TreeAsync()), n => n.Code == "101");
    }
}

using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Catalogue;

/// <summary>A node of the classification tree as screens show it.</summary>
public sealed record ClassTreeNode(int Id, int? ParentId, string Code, string Name, ClassLevel Level, bool IsLeaf, int EntryCount, uint Version)
{
    /// <summary>"101 人口信息资源".</summary>
    public string Label => $"{Code} {Name}";
}

/// <summary>
/// 信息资源分类 (the guide's 类/项/目/细目): every signed-in user reads it (forms, filters, the import's lookup);
/// 系统管理员 maintains it. A node in use — by an entry or a version, or with children — cannot be deleted, and codes
/// never change once given (a resource code starts with its leaf's code).
/// </summary>
public sealed class ResourceClassService(IDbContextFactory<PortalDbContext> factory, CurrentActor actor)
{
    public const string InUseMessage = "该分类已被目录使用或下设子分类，不能删除。";

    public async Task<IReadOnlyList<ClassTreeNode>> TreeAsync(CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await TreeAsync(db, ct);
    }

    /// <summary>The whole tree in code order, with each node's number of entries (any version) on it.</summary>
    public static async Task<IReadOnlyList<ClassTreeNode>> TreeAsync(PortalDbContext db, CancellationToken ct)
    {
        var nodes = await db.ResourceClasses.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        var parents = nodes.Where(n => n.ParentId is not null).Select(n => n.ParentId!.Value).ToHashSet();
        var used = await db.CatalogueVersions.Where(v => v.ResourceClassId != null)
            .GroupBy(v => v.ResourceClassId!.Value).Select(g => new { g.Key, Count = g.Select(v => v.EntryId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. nodes.Select(n => new ClassTreeNode(n.Id, n.ParentId, n.Code, n.Name, n.Level, !parents.Contains(n.Id),
            used.GetValueOrDefault(n.Id), n.Version))];
    }

    /// <summary>The rules' view of the tree (id → code, name, leaf).</summary>
    public static async Task<IReadOnlyDictionary<int, ClassNode>> RuleNodesAsync(PortalDbContext db, CancellationToken ct)
    {
        var nodes = await db.ResourceClasses.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Code, c.Name }).ToListAsync(ct);
        var parents = nodes.Where(n => n.ParentId is not null).Select(n => n.ParentId!.Value).ToHashSet();
        return nodes.ToDictionary(n => n.Id, n => new ClassNode(n.Id, n.Code, n.Name, !parents.Contains(n.Id)));
    }

    public async Task<int> AddAsync(int? parentId, string? ownDigits, string? name, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        ResourceClass? parent = null;
        if (parentId is { } pid)
        {
            parent = await db.ResourceClasses.FindAsync([pid], ct) ?? throw new NotFoundException("上级分类不存在。");
            // An entry sits on a leaf: a node with entries would stop being one.
            if (await db.CatalogueVersions.AnyAsync(v => v.ResourceClassId == pid, ct))
                throw new DomainException($"“{parent.Name}”下已有目录条目，不能再设子分类（条目须归入最末一级分类）。", "parentId");
        }
        var node = ResourceClass.Create(parent, InputText.Normalise(ownDigits), name,
            await db.ResourceClasses.CountAsync(c => c.ParentId == parentId, ct) + 1);
        if (await db.ResourceClasses.AnyAsync(c => c.Code == node.Code, ct))
            throw new DomainException($"分类代码 {node.Code} 已存在。", "code");
        db.ResourceClasses.Add(node);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw new ConflictException($"分类代码 {node.Code} 已存在。");
        }
        return node.Id;
    }

    public async Task RenameAsync(int id, uint version, string? name, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        var node = await db.ResourceClasses.FindAsync([id], ct) ?? throw new NotFoundException("分类不存在。");
        db.Entry(node).Property(n => n.Version).OriginalValue = version;
        node.Rename(name);
        await SaveAsync(db, ct);
    }

    public async Task DeleteAsync(int id, uint version, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        var node = await db.ResourceClasses.FindAsync([id], ct) ?? throw new NotFoundException("分类不存在。");
        if (await db.ResourceClasses.AnyAsync(c => c.ParentId == id, ct)
            || await db.CatalogueVersions.AnyAsync(v => v.ResourceClassId == id, ct))
            throw new DomainException(InUseMessage);
        db.Entry(node).Property(n => n.Version).OriginalValue = version;
        db.ResourceClasses.Remove(node);
        await SaveAsync(db, ct);
    }

    private static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("该分类已被他人修改，请刷新后重试。");
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23503" })
        {
            // A version picked this leaf between the check and the delete.
            throw new DomainException(InUseMessage);
        }
    }
}
